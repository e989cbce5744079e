import { expect, test } from './withMe';

test('sorting and column filters work together with the search, and the headers say how the list is sorted', async ({ page, app, offices }) => {
  for (const [name, city, tier] of [
    ['Bravo Clinic', 'Akron', 'B'],
    ['Alpha Clinic', 'Toledo', 'A'],
    ['Charlie Clinic', 'Columbus', 'C'],
    ['Delta Surgery Center', 'Dayton', 'A'],
  ]) {
    await app.api('offices.create', { name, address: { city }, tier });
  }
  await offices.openWithSearch('clinic');
  await offices.expectNames(['Alpha Clinic', 'Bravo Clinic', 'Charlie Clinic']);
  const header = (name: string) => offices.table.getByRole('columnheader', { name });
  await expect(header('Name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header('City')).toHaveAttribute('aria-sort', 'none');
  // Only what the server can sort by offers a sort button.
  await expect(offices.table.getByRole('button', { name: 'Phone' })).toHaveCount(0);

  await offices.table.getByRole('button', { name: 'City' }).click();
  await expect(header('City')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header('Name')).toHaveAttribute('aria-sort', 'none');
  await offices.expectNames(['Bravo Clinic', 'Charlie Clinic', 'Alpha Clinic']);
  await offices.table.getByRole('button', { name: 'City' }).click();
  await expect(header('City')).toHaveAttribute('aria-sort', 'descending');
  await offices.expectNames(['Alpha Clinic', 'Charlie Clinic', 'Bravo Clinic']);

  await offices.table.getByRole('combobox', { name: 'Filter Tier' }).click();
  await page.getByRole('option', { name: 'A', exact: true }).click();
  await page.getByRole('option', { name: 'B', exact: true }).click();
  await page.keyboard.press('Escape');
  await offices.expectNames(['Alpha Clinic', 'Bravo Clinic']);
  await expect(offices.count).toHaveText('2 offices');
  // The search still applies under the filters: clearing it brings back the surgery center, tier A.
  await offices.search.fill('');
  await offices.expectNames(['Alpha Clinic', 'Delta Surgery Center', 'Bravo Clinic']);

  // Down from the search box into the rows, Up from the first row back to the search box.
  await offices.search.press('ArrowDown');
  await expect(offices.table.getByRole('link', { name: 'Alpha Clinic' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(offices.table.getByRole('link', { name: 'Delta Surgery Center' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(offices.search).toBeFocused();
});

test('a long list draws only the rows in view and fetches the rest as the user scrolls', async ({ page, app, offices }) => {
  const names = Array.from({ length: 450 }, (_, i) => `Office ${String(i + 1).padStart(3, '0')}`);
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(names.slice(i, i + 50).map((name) => app.api('offices.create', { name })));
  }
  await offices.open();
  await expect(offices.count).toHaveText('450 offices');
  await expect(offices.row('Office 001')).toBeVisible();
  expect(await offices.table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(100);

  await offices.row('Office 001').hover();
  for (let i = 0; i < 10 && !(await offices.row('Office 450').isVisible()); i++) await page.mouse.wheel(0, 4000);
  await expect(offices.row('Office 450')).toBeVisible();
  await expect(offices.row('Office 450')).toHaveAttribute('aria-rowindex', String(450 + 2));
  expect(await offices.table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(100);
});

test('typing in quick search never empties the list between keystrokes: the old rows stay until the new ones arrive', async ({ page, app, offices }) => {
  for (const name of ['Riverside Family Medicine', 'River Valley Ortho', 'Rivera Pediatrics', 'Summit Cardiology']) await app.api('offices.create', { name });
  await offices.open();
  await offices.expectNames(['River Valley Ortho', 'Rivera Pediatrics', 'Riverside Family Medicine', 'Summit Cardiology']);
  // Watch, from here on, for any row that says it is still loading.
  await page.evaluate(`window.__flashed = false;
    new MutationObserver(() => { if (document.querySelector('table[aria-label="Offices"] tr[aria-busy]')) window.__flashed = true; })
      .observe(document.body, { subtree: true, childList: true });`);
  await offices.search.click();
  await page.keyboard.type('rivers', { delay: 60 });
  await offices.expectNames(['Riverside Family Medicine']);
  expect(await page.evaluate('window.__flashed')).toBe(false);
});
