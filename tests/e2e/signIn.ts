import type { Page } from '@playwright/test';

/** Where browser mode serves (`url`, the plain origin) and the link it printed (`link`, with this launch's secret). */
export interface Served {
  url: string;
  link: string;
}

/**
 * Follows the printed link, as a user does, unless this browser context already holds the
 * cookie it sets: every page load needs that cookie, and a new context (a second window) has none.
 */
export async function signIn(page: Page, served: Served): Promise<void> {
  const name = `liaison_${new URL(served.url).port}`;
  if ((await page.context().cookies(served.url)).some((c) => c.name === name)) return;
  // The cookie is set by the link's redirect, before the app's page commits: no need to wait for the app.
  await page.goto(served.link, { waitUntil: 'commit' });
}
