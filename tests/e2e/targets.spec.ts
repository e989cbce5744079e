import { npi, registryFile } from '../helpers/nppesFile';
import { expect, test } from './withMe';

const IL = { state: 'IL' };
const FILE = registryFile([
  { npi: npi(1), org: 'LAKESHORE FAMILY MEDICINE LLC', line1: '1200 W HARRISON ST', city: 'CHICAGO', ...IL, zip: '606071234', phone: '3125550100', taxonomies: ['207Q00000X'] },
  { npi: npi(2), last: 'SMITH', first: 'JOHN', credential: 'MD', line1: '1200 W HARRISON ST', city: 'CHICAGO', ...IL, zip: '60607', phone: '3125550100', taxonomies: ['207Q00000X'] },
  { npi: npi(3), org: 'WEST SIDE FAMILY CLINIC', line1: '1900 W POLK ST', city: 'CHICAGO', ...IL, zip: '60612', phone: '3125550300', taxonomies: ['207Q00000X'] },
  { npi: npi(4), last: 'KIM', first: 'SARA', credential: 'MD', line1: '10 S MAIN ST', city: 'EVANSTON', ...IL, zip: '60201', phone: '8475550100', taxonomies: ['207Q00000X'] },
  { npi: npi(5), org: 'WEST LOOP ORTHOPAEDICS SC', line1: '900 W JACKSON BLVD', city: 'CHICAGO', ...IL, zip: '60607', phone: '3125550200', taxonomies: ['207X00000X'] },
]);

test('a target list: the registry file filtered by specialty within miles of a ZIP, two added as prospects for a liaison', async ({ page, app, offices }) => {
  await app.api('team.create', { name: 'Jordan Liaison', role: 'liaison' });
  await page.goto(`${app.url}#/targets`);
  await page.getByRole('link', { name: 'Target lists' }).click();
  await expect(page.getByRole('heading', { name: 'Target lists', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Find providers' })).toBeDisabled();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'NPI registry file' }).click();
  await (await chooser).setFiles({ name: 'npidata_pfile_IL.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE, 'utf8') });
  await expect(page.getByLabel('Chosen registry file')).toContainText('npidata_pfile_IL.csv');

  const specialties = page.getByRole('combobox', { name: 'Specialties' });
  await specialties.click();
  await specialties.pressSequentially('family');
  await page.getByRole('option', { name: 'Family Medicine (207Q00000X)' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Near ZIP or address' }).fill('60607');
  await page.getByRole('textbox', { name: 'Within (miles)' }).fill('5');
  await page.getByRole('button', { name: 'Find providers' }).click();

  await expect(page.getByRole('heading', { name: '3 providers match' })).toBeVisible({ timeout: 20_000 });
  const table = page.getByRole('table', { name: 'Matching providers' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row', { name: /Sara Kim/ })).toHaveCount(0);
  await table.getByRole('checkbox', { name: 'Select LAKESHORE FAMILY MEDICINE LLC' }).check();
  await table.getByRole('checkbox', { name: 'Select WEST SIDE FAMILY CLINIC' }).check();

  const liaison = page.getByRole('combobox', { name: 'Liaison who owns them' });
  await liaison.click();
  await page.getByRole('option', { name: 'Jordan Liaison' }).click();
  await page.getByRole('button', { name: 'Add 2 as prospects' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added as prospects' })).toContainText('2 offices and 0 people added');
  await expect(table.getByRole('checkbox', { name: 'WEST SIDE FAMILY CLINIC (added)' })).toBeDisabled();

  await page.getByRole('link', { name: 'View offices' }).click();
  await offices.expectNames(['LAKESHORE FAMILY MEDICINE LLC', 'WEST SIDE FAMILY CLINIC']);
  await expect(offices.row('WEST SIDE FAMILY CLINIC')).toContainText('Jordan Liaison');
  await expect(offices.row('WEST SIDE FAMILY CLINIC')).toContainText('Prospect');
});
