import { npi, registryFile } from '../helpers/nppesFile';
import { expect, test } from './withMe';

const chicago = { city: 'CHICAGO', state: 'IL' };
const FILE = registryFile([
  { npi: npi(1), org: 'LAKESHORE FAMILY MEDICINE LLC', line1: '1200 W. Harrison St.', ...chicago, zip: '606071234', phone: '3125550100', taxonomies: ['207Q00000X'] },
  { npi: npi(10), last: 'SMITH', first: 'JOHN', credential: 'M.D.', line1: '1200 W HARRISON ST', ...chicago, zip: '60607', phone: '3125550100', taxonomies: ['207Q00000X'] },
  { npi: npi(11), last: 'DOE', first: 'JANE', line1: '1200 WEST HARRISON STREET', ...chicago, zip: '60607', phone: '3125550100', taxonomies: ['363L00000X'] },
  { npi: npi(3), org: 'LOOP RHEUMATOLOGY PC', line1: '55 E WASHINGTON ST', ...chicago, zip: '60602', phone: '3125550300', taxonomies: ['207RR0500X'] },
  { npi: npi(4), org: 'DOWNTOWN INTERNAL MEDICINE', line1: '55 E WASHINGTON ST', ...chicago, zip: '60602', phone: '3125550400', taxonomies: ['207R00000X'] },
  { npi: npi(14), last: 'GARCIA', first: 'ANA', credential: 'MD', line1: '55 E WASHINGTON ST', ...chicago, zip: '60602', phone: '3125550999', taxonomies: ['207RR0500X'] },
  { npi: npi(17), deactivated: '03/01/2019' },
]);

test('an NPI registry file imports with no column matching: practices as offices, their physicians under them', async ({ page, importer, offices }) => {
  await importer.open();
  await importer.chooseFile('npidata_pfile_20250101-20250107.csv', FILE);
  // 330 columns, recognised: the organisation's name is the office name, nothing to change.
  await expect(page.getByRole('combobox', { name: 'Field for column Provider Organization Name (Legal Business Name)' }).locator('option:checked')).toHaveText('Office name');
  await importer.checkFile();

  const summary = page.getByRole('region', { name: 'NPI registry file (NPPES)' });
  await expect(summary).toContainText('3 organisations');
  await expect(summary).toContainText('3 individual providers');
  await expect(summary).toContainText('1 deactivated NPIs skipped');
  await expect(page.getByLabel('Import summary')).toContainText('3 new offices');
  await expect(page.getByLabel('Import summary')).toContainText('3 people');

  // Ana Garcia's address has two practices: the first is chosen until she is put with the other.
  const choice = page.getByRole('combobox', { name: 'Organisation for Ana Garcia, MD' });
  await expect(choice).toHaveValue(/^LOOP RHEUMATOLOGY PC/);
  await choice.click();
  await page.getByRole('option', { name: /^DOWNTOWN INTERNAL MEDICINE/ }).click();
  await expect(choice).toHaveValue(/^DOWNTOWN INTERNAL MEDICINE/);

  await importer.commit();
  await page.getByRole('link', { name: 'View offices' }).click();
  await offices.expectNames(['DOWNTOWN INTERNAL MEDICINE', 'LAKESHORE FAMILY MEDICINE LLC', 'LOOP RHEUMATOLOGY PC']);
  await offices.openOffice('LAKESHORE FAMILY MEDICINE LLC');
  const people = page.getByRole('table', { name: 'People' });
  await expect(people.getByRole('row', { name: /John Smith, MD/ })).toContainText('Physician · Family Medicine');
  await expect(people.getByRole('row', { name: /Jane Doe, NP/ })).toContainText('Clinician · Nurse Practitioner');

  await page.goBack();
  await offices.openOffice('DOWNTOWN INTERNAL MEDICINE');
  await expect(page.getByRole('table', { name: 'People' }).getByRole('row', { name: /Ana Garcia, MD/ })).toContainText('Physician · Rheumatology');
});
