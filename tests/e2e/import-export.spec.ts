import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { expect, test } from './withMe';

const CSV = [
  'Practice Name,City,State,Zip Code,Phone,NPI,Physician,Credentials',
  'Riverside Family Medicine,Dayton,OH,45402,937-555-0101,1234567893,Dr. Ana Ruiz,MD',
  'Riverside Family Medicine,Dayton,OH,45402,937-555-0101,1234567893,Dr. Ben Ode,DO',
  '"Smith, Jones & Partners",Akron,OH,44308,330-555-0199,,,',
  'Bad Phone Clinic,Kent,OH,44240,555-12,,,',
].join('\r\n');

test('importing a spreadsheet lists the bad row, writes nothing until confirmed, then imports the rest', async ({ page, app, offices, importer }) => {
  await importer.open();
  await importer.chooseFile('offices.csv', '\uFEFF' + CSV);
  await expect(page.getByRole('combobox', { name: 'Field for column Practice Name' }).locator('option:checked')).toHaveText('Office name');
  await expect(page.getByRole('combobox', { name: 'Field for column Physician' }).locator('option:checked')).toHaveText('Contact name');
  await expect(page.getByRole('row', { name: /^Practice Name Riverside Family Medicine/ })).toBeVisible();
  await importer.checkFile();
  await expect(page.getByLabel('Import summary')).toContainText('2 new offices');
  await expect(page.getByLabel('Import summary')).toContainText('2 people');
  await expect(importer.problems.getByRole('row', { name: /^5 / })).toContainText('Phone: Enter a 10-digit phone number');
  await expect(page.getByRole('table', { name: 'Problems by kind' }).getByRole('row', { name: /^1 Phone: Enter a 10-digit phone number/ })).toBeVisible();

  // Still nothing in the directory before the user confirms.
  expect(await app.api<{ total: number }>('offices.list', {})).toMatchObject({ total: 0 });

  await importer.commit();
  await expect(page.getByRole('alert').filter({ hasText: 'Import finished' })).toContainText(/2 offices added.*2 people added, 1 row with problems left out/);
  // Told wherever the user is: the same words in a notification.
  await expect(page.getByRole('alert').filter({ hasText: 'Import of “offices.csv” finished' })).toBeVisible();
  await page.getByRole('link', { name: 'View offices' }).click();
  await offices.expectNames(['Riverside Family Medicine', 'Smith, Jones & Partners']);
  await offices.openOffice('Riverside Family Medicine');
  await expect(page.getByRole('table', { name: 'People' })).toContainText('Ana Ruiz, MD');
  await expect(page.getByRole('table', { name: 'People' })).toContainText('Ben Ode, DO');
});

test('exporting downloads the filtered list as CSV', async ({ page, app, offices }) => {
  await app.api('offices.create', { name: 'Alpha Clinic', tier: 'A', address: { city: 'Dayton', zip: '45402' } });
  await app.api('offices.create', { name: 'Beta Clinic', tier: 'B' });
  await offices.open();
  await offices.search.fill('alpha');
  await offices.expectNames(['Alpha Clinic']);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text.split('\r\n')[0]).toBe('\uFEFFOffice name,Kind,Specialties,Address,Address 2,City,State,ZIP,Phone,Fax,Email,Website,NPI,Tier,Stage,Liaison,Tags,Notes,Best time to visit,Lunch preferences');
  expect(text).toContain('Alpha Clinic,Physician office,,,,Dayton,,45402');
  expect(text).not.toContain('Beta Clinic');
  await expect(page.getByText('Exported 1 office.')).toBeVisible();
});

test('a CSV saved by Excel on Windows keeps its accents, the encoding can be changed, and a damaged workbook is named for what it is', async ({ page, importer, offices }) => {
  await importer.open();
  // Windows-1252, as Excel on Windows saves "CSV": é is one byte (0xE9), not UTF-8's two.
  const latin1 = Buffer.from('Practice Name;City;Zip\r\nClínica Peña;São Paulo;60607\r\n', 'latin1');
  await importer.chooseFile('offices.csv', latin1);
  const encoding = page.getByRole('combobox', { name: 'Text encoding' });
  await expect(encoding).toHaveValue('Windows-1252 / Latin-1 (Excel on Windows)');
  // Semicolons found on their own; the first row shows the names as written.
  await expect(page.getByRole('row', { name: /^Practice Name Clínica Peña/ })).toBeVisible();
  // Read as UTF-8 instead, the same bytes turn into replacement characters: the user sees it and can switch back.
  await encoding.click();
  await page.getByRole('option', { name: 'UTF-8', exact: true }).click();
  await expect(page.getByRole('row', { name: /^Practice Name Cl�nica Pe�a/ })).toBeVisible();
  await encoding.click();
  await page.getByRole('option', { name: 'Windows-1252 / Latin-1 (Excel on Windows)' }).click();
  await expect(page.getByRole('row', { name: /^Practice Name Clínica Peña/ })).toBeVisible();
  await importer.checkFile();
  await importer.commit();
  await offices.open();
  await offices.expectNames(['Clínica Peña']);

  await importer.open();
  await importer.chooseFile('offices.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), { expectMapping: false });
  await expect(page.getByRole('alert').filter({ hasText: 'This file cannot be imported' })).toContainText('This file could not be read as an Excel workbook');
});

test('an import goes on when the user leaves the page: coming back shows its progress, a notification its end, and it can be undone', async ({ page, importer, offices }) => {
  const rows = 60_000;
  const big = ['Office name,ZIP', ...Array.from({ length: rows }, (_, i) => `Clinic ${i},${String(10000 + (i % 80000)).padStart(5, '0')}`)].join('\n');
  await importer.open();
  await importer.chooseFile('big.csv', big);
  await importer.checkFile();
  await page.getByRole('button', { name: `Import ${rows.toLocaleString('en-US')} offices` }).click();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await page.getByRole('link', { name: 'Offices', exact: true }).click();
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  // The page asks the app what is running: the same job, further along.
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByText(/Importing “big\.csv”… [\d,]+ of 60,000 offices/)).toBeVisible();
  await page.getByRole('link', { name: 'Offices', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Import of “big.csv” finished' })).toContainText('60,000 offices added', { timeout: 60_000 });
  await expect(page.getByText('60,000 offices', { exact: false }).first()).toBeVisible();

  await page.getByRole('link', { name: 'Import', exact: true }).click();
  const last = page.getByRole('alert').filter({ hasText: 'Last import: “big.csv”' });
  await expect(last).toContainText('60,000 offices added');
  await last.getByRole('button', { name: 'Undo this import…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo the import' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Import undone' })).toContainText('60,000 offices and 0 people archived', { timeout: 60_000 });
  await offices.open();
  await expect(page.getByText('No offices yet')).toBeVisible();
});

test('the rows to fix download as a CSV with a column saying what is wrong', async ({ page, importer }) => {
  const file = ['Office name,ZIP,Phone', 'Good,45402,937-555-0101', ...Array.from({ length: 150 }, (_, i) => `Bad ${i},N/A,555`)].join('\r\n');
  await importer.open();
  await importer.chooseFile('march.csv', file);
  await importer.checkFile();
  await expect(page.getByRole('table', { name: 'Problems by kind' })).toContainText('150');
  // A page at a time: the second page starts at the 101st bad row (spreadsheet row 103).
  await expect(importer.problems.getByRole('row')).toHaveCount(101);
  await page.getByRole('button', { name: '2', exact: true }).click();
  await expect(importer.problems.getByRole('row', { name: /^103 / })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download rows to fix (CSV)' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('march - rows to fix.csv');
  const lines = fs.readFileSync(await d.path(), 'utf8').split('\r\n');
  expect(lines[0]).toBe('\uFEFFOffice name,ZIP,Phone,Problems');
  expect(lines[1]).toMatch(/^Bad 0,N\/A,555,"?ZIP: /);
  expect(lines.filter(Boolean)).toHaveLength(151);
});

test('possible duplicates are listed with why they match, and the user decides per reason and per row', async ({ page, app, importer, offices }) => {
  await app.api('offices.create', { name: 'Northside Urgent Care, LLC', address: { line1: '10 Lake St', zip: '60607' } });
  const file = [
    'Office name,Address,ZIP,Phone,NPI',
    'Northside Urgent Care,10 Lake St,60607-1234,,',
    'Lakeside Clinic,1 Shore Dr,60614,312-555-0101,1234567893',
    'Lakeside Clinic,1 Shore Dr,60614,312-555-0199,1234567893',
  ].join('\r\n');
  await importer.open();
  await importer.chooseFile('offices.csv', file);
  await importer.checkFile();
  const byReason = page.getByRole('table', { name: 'Offices already in the app, by why they match' });
  await expect(byReason.getByRole('row', { name: /Same name and ZIP 1/ })).toBeVisible();
  const list = page.getByRole('table', { name: 'Possible duplicates' });
  await expect(list.getByRole('row', { name: /^2 Northside Urgent Care Northside Urgent Care, LLC \(in the app\) Same name and ZIP/ })).toBeVisible();
  await expect(list.getByRole('row', { name: /^4 Lakeside Clinic Lakeside Clinic \(row 3\) Same NPI Differs in: Phone/ })).toBeVisible();
  // Keep the repeat as an office of its own, and update the office the app has.
  await page.getByRole('combobox', { name: 'Row 4: what to do' }).click();
  await page.getByRole('option', { name: 'Keep as another office' }).click();
  await page.getByRole('combobox', { name: 'For every row matched by: Same name and ZIP' }).click();
  await page.getByRole('option', { name: 'Update the app’s with the file’s filled cells' }).click();
  await expect(page.getByRole('button', { name: 'Import 3 offices' })).toBeEnabled();
  await page.getByRole('button', { name: 'Import 3 offices' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Import finished' })).toContainText('2 offices added, 1 updated');
  await offices.open();
  await offices.expectNames(['Lakeside Clinic', 'Lakeside Clinic', 'Northside Urgent Care']);
});

test('an Excel workbook imports directly, from the sheet the user picks', async ({ page, importer, offices }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-e2e-xlsx-'));
  try {
    const file = path.join(dir, 'directory.xlsx');
    await writeExcelFile(
      [
        { sheet: 'Read me', data: [['Notes'], ['The offices are on the next sheet']] },
        { sheet: 'Offices', data: [['Practice', 'Zip', 'Phone'], ['Clínica Peña', 60607, 6305550177], ['Lakeside Clinic', 60614, null]] },
      ],
      {},
    ).toFile(file);
    await importer.open();
    await importer.chooseFile('directory.xlsx', fs.readFileSync(file));
    const sheet = page.getByRole('combobox', { name: 'Sheet' });
    await expect(sheet).toHaveValue('Read me');
    await sheet.click();
    await page.getByRole('option', { name: 'Offices' }).click();
    await expect(page.getByRole('row', { name: /^Practice Clínica Peña/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /^Phone 6305550177/ })).toBeVisible();
    await importer.checkFile();
    await importer.commit();
    await offices.open();
    await offices.expectNames(['Clínica Peña', 'Lakeside Clinic']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
