import { expect, test } from './withMe';

test('a link with a search opens the list already searched', async ({ app, offices }) => {
  await app.api('offices.create', { name: 'Summit Urgent Care', address: { city: 'Cleveland' } });
  await app.api('offices.create', { name: 'Lakeside Cardiology', address: { city: 'Toledo' } });
  await offices.openWithSearch('summit');
  await expect(offices.search).toHaveValue('summit');
  await offices.expectNames(['Summit Urgent Care']);
  await expect(offices.count).toHaveText('1 office');
});

test('Back from an office returns to the search it was opened from', async ({ page, app, offices }) => {
  await app.api('offices.create', { name: 'Riverside Family Medicine', address: { city: 'Dayton' } });
  await app.api('offices.create', { name: 'Summit Urgent Care', address: { city: 'Cleveland' } });
  await offices.open();
  await offices.type('river');
  await expect(offices.search).toHaveValue('river');
  await offices.expectNames(['Riverside Family Medicine']);
  await offices.openOffice('Riverside Family Medicine');

  await page.goBack();
  await expect(offices.search).toHaveValue('river');
  await offices.expectNames(['Riverside Family Medicine']);
  await expect(page).toHaveURL(/#\/offices\?q=river$/);
  // Each keystroke replaced the address rather than adding to history: one more Back leaves the
  // list instead of stepping through "rive", "riv", …
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
});

test('the address bar keeps up with fast typing and Escape clears it', async ({ page, app, offices }) => {
  await app.api('offices.create', { name: 'Northgate Pediatrics' });
  await app.api('offices.create', { name: 'Northside Orthopedics' });
  await offices.open();
  await offices.type('northside ortho');
  await expect(offices.search).toHaveValue('northside ortho');
  await offices.expectNames(['Northside Orthopedics']);
  await expect(page).toHaveURL(/\?q=northside(\+|%20)ortho$/);
  await offices.search.press('Escape');
  await expect(offices.search).toHaveValue('');
  await expect(page).toHaveURL(/#\/offices$/);
  await offices.expectNames(['Northgate Pediatrics', 'Northside Orthopedics']);
});

test('an address the app has no page for says so and leads back to the offices', async ({ page, app }) => {
  await page.goto(`${app.url}#/no-such-page`);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('There is no page at /no-such-page.')).toBeVisible();
  // The app's frame stays, so the navigation still works from here.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to offices' }).click();
  await expect(page.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
  await expect(page).toHaveURL(/#\/offices$/);
});

test('the app opens on the offices, and the navigation marks where the user is', async ({ page, app, offices }) => {
  await app.api('offices.create', { name: 'Hilltop Clinic' });
  await page.goto(app.url);
  await expect(page).toHaveURL(/#\/offices$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Offices' })).toHaveAttribute('aria-current', 'page');

  // An office's own page belongs to Offices too.
  await offices.openOffice('Hilltop Clinic');
  await expect(page).toHaveURL(/#\/offices\/[0-9a-f-]+$/);
  await expect(nav.getByRole('link', { name: 'Offices' })).toHaveAttribute('aria-current', 'page');

  await nav.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: /Import offices/ })).toBeVisible();
  await expect(page).toHaveURL(/#\/import$/);
  await expect(nav.getByRole('link', { name: 'Import' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Offices' })).not.toHaveAttribute('aria-current');
});

test('a malformed office address says so instead of loading for ever', async ({ page, app }) => {
  await page.goto(`${app.url}#/offices/not-a-real-id`);
  await expect(page.getByRole('heading', { name: 'Office not found' })).toBeVisible();
  await expect(page.getByText('This address does not point to an office')).toBeVisible();
});

test('Ctrl+K from any page opens the office list with the search box focused', async ({ page, importer }) => {
  await importer.open();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Quick search' })).toBeFocused();
});
