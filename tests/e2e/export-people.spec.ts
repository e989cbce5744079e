import fs from 'node:fs';
import { parseCsv } from '../../src/main/imports/parse';
import { expect, test } from './withMe';

test('exporting with people downloads one row per person, and says so in the file name', async ({ page, app, offices }) => {
  const { id } = await app.api<{ id: string }>('offices.create', { name: 'Alpha Clinic', address: { city: 'Dayton', zip: '45402' } });
  await app.api('people.create', { officeId: id, kind: 'physician', firstName: 'Ana', lastName: 'Ruiz', credentials: 'MD' });
  await app.api('people.create', { officeId: id, kind: 'staff', firstName: 'Bo', lastName: 'Kim', role: 'office_manager', email: 'bo@alpha.example' });
  await app.api('offices.create', { name: 'Beta Clinic', address: { zip: '45403' } });
  await offices.open();
  await offices.expectNames(['Alpha Clinic', 'Beta Clinic']);

  // Chosen from the keyboard, as the checkbox is reached by Tab and toggled by Space.
  const withPeople = page.getByRole('checkbox', { name: 'Include people — one row per person' });
  await expect(withPeople).not.toBeChecked();
  await withPeople.focus();
  await page.keyboard.press('Space');
  await expect(withPeople).toBeChecked();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^offices-with-people-\d{4}-\d{2}-\d{2}\.csv$/);
  const { headers, records } = parseCsv(fs.readFileSync(await file.path(), 'utf8'));
  const at = (row: string[], header: string) => row[headers.indexOf(header)];
  expect(records.map((r) => [at(r, 'Office name'), at(r, 'ZIP'), at(r, 'Contact first name'), at(r, 'Contact last name'), at(r, 'Contact kind'), at(r, 'Contact role'), at(r, 'Contact email')])).toEqual([
    ['Alpha Clinic', '45402', 'Ana', 'Ruiz', 'Physician', '', ''],
    ['Alpha Clinic', '45402', 'Bo', 'Kim', 'Staff', 'Office manager', 'bo@alpha.example'],
    ['Beta Clinic', '45403', '', '', '', '', ''],
  ]);
  await expect(page.getByText('Exported 2 offices with 2 people.')).toBeVisible();

  // Unticked again, the export is the office list as before.
  await withPeople.click();
  const officesOnly = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const plain = await officesOnly;
  expect(plain.suggestedFilename()).toMatch(/^offices-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(parseCsv(fs.readFileSync(await plain.path(), 'utf8')).records.map((r) => r[0])).toEqual(['Alpha Clinic', 'Beta Clinic']);
});
