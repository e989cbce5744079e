import { expect, test } from './fixtures';
import { test as withMe } from './withMe';

test('browser mode opens only through the link it printed: the plain address says to use it, the link lands in the app', async ({ browser, app }) => {
  // A browser that never saw the link: a new context has no cookie.
  const context = await browser.newContext();
  const page = await context.newPage();
  await app.api('offices.create', { name: 'Private Practice' });

  await page.goto(`${app.url}#/offices`);
  await expect(page.getByRole('heading', { name: 'Open the link Liaison CRM printed' })).toBeVisible();
  await expect(page.getByText('Open the link Liaison CRM printed when it started')).toBeVisible();
  await expect(page.getByText('Private Practice')).toHaveCount(0);

  // A link from an earlier launch (another secret) does not open it either.
  await page.goto(`${app.url}?token=from-an-earlier-launch`);
  await expect(page.getByText('Open the link Liaison CRM printed when it started')).toBeVisible();

  await page.goto(app.link);
  await expect(page.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Private Practice', exact: true })).toBeVisible();
  // The secret has left the address bar; the cookie it became cannot be read by scripts.
  await expect(page).toHaveURL(`${app.url}#/offices`);
  expect(await page.evaluate('document.cookie')).toBe('');
  // Now the plain address opens too, in this browser only.
  await page.goto(`${app.url}#/import`);
  await expect(page.getByRole('heading', { name: /Import offices/ })).toBeVisible();
  await context.close();
});

withMe('a tab whose key no longer works (the app restarted) says to open the new link, instead of failing action by action', async ({ page, offices }) => {
  await offices.open();
  await expect(page.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
  // What a restart with a new secret looks like to this tab: its cookie stops being accepted.
  await page.context().clearCookies();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const notice = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Open Liaison CRM again from its link' }) });
  await expect(notice).toContainText('Nothing you saved is lost');
});
