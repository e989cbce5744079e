import { expect, test } from './withMe';

const RIVERSIDE_NPI = '1987654328';
const SUMMIT_NPI = '1543210987';

const HEADER = 'Referral #,Referral Date,Patient Name,Referring Office,Office NPI,Zip,Department,Status,Appt Date';
const MARCH = [
  HEADER,
  `R-1,3/2/2026,Jane Doe,Riverside Family Medicine,${RIVERSIDE_NPI},45402,Spine,Scheduled,3/20/2026`,
  'R-2,3/3/2026,John Roe,Hilltop IM,,44240,Spine,New,',
  `R-3,3/4/2026,Mary Major,Summit Orthopedics,${SUMMIT_NPI},44308,Hand,New,`,
].join('\r\n');
// Next month's report: R-1 has been seen since, R-2 and R-3 are as they were, R-4 and R-5 are new
// (R-5 from Hilltop IM, the office linked by hand in March).
const APRIL = [
  HEADER,
  `R-1,3/2/2026,Jane Doe,Riverside Family Medicine,${RIVERSIDE_NPI},45402,Spine,Seen,3/20/2026`,
  'R-2,3/3/2026,John Roe,Hilltop IM,,44240,Spine,New,',
  `R-3,3/4/2026,Mary Major,Summit Orthopedics,${SUMMIT_NPI},44308,Hand,New,`,
  `R-4,4/1/2026,Ann Able,Riverside Family Medicine,${RIVERSIDE_NPI},45402,Spine,New,`,
  'R-5,4/2/2026,Bea Best,Hilltop IM,,44240,Knee,New,',
].join('\r\n');

test('a referral report imports with its patient column left out, unknown offices linked or created, and next month’s report updates rather than duplicates', async ({ page, app, importer }) => {
  await app.api('offices.create', { name: 'Riverside Family Medicine', npi: RIVERSIDE_NPI, address: { zip: '45402' } });
  await app.api('offices.create', { name: 'Hilltop Internal Medicine', address: { city: 'Kent', zip: '44240' } });

  await importer.open();
  await importer.importing('Referrals (from your practice-management system)');
  await expect(page.getByRole('heading', { name: 'Import referrals from your practice-management system' })).toBeVisible();
  await importer.chooseFile('referrals-march.csv', MARCH);

  // The patient's name is never imported, says why, and is not even shown.
  const patient = page.getByRole('row', { name: /^Patient Name/ });
  await expect(patient).toContainText('Not imported: Patient name — a HIPAA identifier, never imported');
  await expect(patient.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByText('Jane Doe')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Field for column Referral #' }).locator('option:checked')).toHaveText('Source referral id');

  await importer.checkFile();
  const summary = page.getByLabel('Import summary');
  await expect(summary).toContainText('1 new, 0 updated, 0 unchanged');
  await expect(summary).toContainText('2 waiting for an office');
  await expect(page.getByRole('table', { name: 'Offices found in the app' })).toContainText('Riverside Family Medicine');
  const unknown = page.getByRole('table', { name: 'Offices not in the app' });
  await expect(unknown.getByRole('row')).toHaveCount(3);

  // Hilltop IM is the app's Hilltop Internal Medicine: linked. Summit Orthopedics is new: created from the file.
  await page.getByRole('combobox', { name: 'What to do with Hilltop IM' }).click();
  await page.getByRole('option', { name: 'Link to an office in the app' }).click();
  const picker = page.getByRole('combobox', { name: 'Office in the app for Hilltop IM' });
  await picker.fill('Hilltop');
  await page.getByRole('option', { name: /^Hilltop Internal Medicine/ }).click();
  await expect(unknown).toContainText('Linked to Hilltop Internal Medicine');
  await page.getByRole('combobox', { name: 'What to do with Summit Orthopedics' }).click();
  await page.getByRole('option', { name: 'Create the office from the file' }).click();
  await expect(summary).toContainText('3 new, 0 updated, 0 unchanged');
  await expect(summary).not.toContainText('waiting');

  await page.getByRole('button', { name: 'Import 3 referrals' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Import finished' })).toContainText('3 referrals added, 0 updated, 0 unchanged, 1 office created.');

  // Next month: the same choice of what to import is kept, and the report updates what it imported.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await expect(page.getByRole('heading', { name: 'Import referrals from your practice-management system' })).toBeVisible();
  await importer.chooseFile('referrals-april.csv', APRIL);
  await importer.checkFile();
  await expect(summary).toContainText('2 new, 1 updated, 2 unchanged');
  // Hilltop IM's new referral goes where March's link said, without asking again.
  await expect(page.getByRole('table', { name: 'Offices not in the app' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Offices found in the app' }).getByRole('row', { name: /Hilltop Internal Medicine/ })).toContainText('Linked by hand in an earlier import');
  await page.getByRole('button', { name: 'Import 3 referrals' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Import finished' })).toContainText('2 referrals added, 1 updated, 2 unchanged.');
  // The imported referrals are on the referrals page, once each.
  await page.getByRole('link', { name: 'View referrals' }).click();
  await expect(page.getByTestId('referral-count')).toHaveText('5 referrals');
  await page.goBack();

  // The same report once more, from a fresh import page: every referral is already there as it says.
  await expect(page.getByRole('heading', { name: 'Import referrals from your practice-management system' })).toBeVisible();
  await importer.chooseFile('referrals-april-again.csv', APRIL);
  await importer.checkFile();
  await expect(summary).toContainText('0 new, 0 updated, 5 unchanged');
  await expect(page.getByRole('button', { name: 'Import 0 referrals' })).toBeDisabled();
});

test('the referrals page’s link opens the import on referrals', async ({ page, app }) => {
  await page.goto(`${app.url}#/import?spec=referrals`);
  await expect(page.getByRole('heading', { name: 'Import referrals from your practice-management system' })).toBeVisible();
});

test('a misspelt office in the report is offered as the one at its ZIP, linked in one click', async ({ page, app, importer }) => {
  await app.api('offices.create', { name: 'Hilltop Internal Medicine', address: { city: 'Kent', zip: '44240' } });
  await importer.open();
  await importer.importing('Referrals (from your practice-management system)');
  await importer.chooseFile('referrals-by-hand.csv', ['Ref Date,Referring Office,Zip,Department', '5/1/2026,Hiltop Internal Med,44240,Spine'].join('\r\n'));
  await importer.checkFile();
  const unknown = page.getByRole('table', { name: 'Offices not in the app' });
  await expect(unknown).toContainText('Perhaps Hilltop Internal Medicine, at the same ZIP?');
  await unknown.getByRole('button', { name: 'Link Hiltop Internal Med to Hilltop Internal Medicine' }).click();
  await expect(unknown).toContainText('Linked to Hilltop Internal Medicine');
  await expect(page.getByLabel('Import summary')).toContainText('1 new, 0 updated, 0 unchanged');
  await page.getByRole('button', { name: 'Import 1 referral' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Import finished' })).toContainText('1 referral added');
});
