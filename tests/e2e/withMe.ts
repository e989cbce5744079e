import { test as base } from './fixtures';

/**
 * The app asks who is using it on a fresh data folder (every test starts on one), and that question
 * would sit over every screen. Tests about other screens answer it beforehand through the API, as
 * an install that has been used before would have; `test.use({ me: null })` leaves it to be
 * answered through the screen, as a first start does.
 */
export const test = base.extend<{ me: string | null }>({
  me: ['Casey Tester', { option: true }],
  page: async ({ page, app, me }, use) => {
    if (me) await app.api('team.setMe', { name: me, role: 'liaison' });
    await use(page);
  },
});

export { expect } from './fixtures';
