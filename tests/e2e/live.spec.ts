import path from 'node:path';
import { SqliteDatabase } from '../../src/main/db/driver';
import { expect, test } from './withMe';
import { OfficeForm } from './pages/OfficeForm';
import { OfficesPage } from './pages/OfficesPage';

interface Office {
  id: string;
  name: string;
  phone: string | null;
}

/** The change log as it is on disk, read the way a sync push would read it. */
function loggedColumns(dataDir: string, officeId: string, sinceHlc: string): string[] {
  const db = new SqliteDatabase(path.join(dataDir, 'liaison.sqlite3'), { readonly: true });
  try {
    return (db.prepare('SELECT col FROM changes WHERE row_id = ? AND hlc > ? ORDER BY hlc').all(officeId, sinceHlc) as { col: string }[]).map((r) => r.col);
  } finally {
    db.close();
  }
}

function lastHlc(dataDir: string): string {
  const db = new SqliteDatabase(path.join(dataDir, 'liaison.sqlite3'), { readonly: true });
  try {
    return (db.prepare('SELECT max(hlc) AS h FROM changes').get() as { h: string }).h;
  } finally {
    db.close();
  }
}

test('a second tab sees an office created and edited in the first, without reloading', async ({ page, app, offices, browser }) => {
  await app.api('offices.create', { name: 'Already Here Clinic' });
  await offices.open();
  const second = await browser.newPage();
  const other = new OfficesPage(second, app);
  await other.open();
  await other.expectNames(['Already Here Clinic']);

  await offices.newOffice();
  const form = new OfficeForm(page, 'New office');
  await form.fill({ Name: 'Brand New Pediatrics', City: 'Kent' });
  await form.submit('Create office');
  await expect(page.getByRole('heading', { name: 'Brand New Pediatrics', level: 2 })).toBeVisible();

  // No reload, no click: the other tab's list and count follow.
  await other.expectNames(['Already Here Clinic', 'Brand New Pediatrics']);
  await expect(other.count).toHaveText('2 offices');

  // The other tab has the office open; an edit in the first shows there too.
  await other.openOffice('Brand New Pediatrics');
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = new OfficeForm(page, 'Edit Brand New Pediatrics');
  await edit.fill({ Phone: '330 555 0142' });
  await edit.submit('Save changes');
  await expect(second.getByRole('region', { name: 'Office details' })).toContainText('(330) 555-0142');
  await second.close();
});

test('an edit sends only what the user changed: a phone changed elsewhere while the form is open survives the save', async ({ page, app, offices, detail }) => {
  const office = await app.api<Office>('offices.create', { name: 'Summit Cardiology', phone: '(330) 555-0100' });
  await offices.open();
  await offices.openOffice('Summit Cardiology');
  await detail.edit();
  const form = new OfficeForm(page, 'Edit Summit Cardiology');
  await expect(form.field('Phone')).toHaveValue('(330) 555-0100');
  const before = lastHlc(app.dataDir);

  // Someone else changes the phone while the form is open: the untouched field takes it.
  await app.api('offices.update', { id: office.id, patch: { phone: '330-555-0199' } });
  await expect(form.field('Phone')).toHaveValue('(330) 555-0199');

  await form.fill({ Name: 'Summit Heart Center' });
  await form.submit('Save changes');
  await expect(page.getByText('Changes saved.')).toBeVisible();
  const saved = await app.api<{ office: Office }>('offices.get', { id: office.id });
  expect(saved.office).toMatchObject({ name: 'Summit Heart Center', phone: '(330) 555-0199' });
  // The other edit logged the phone; this save logged only the name (and when it happened).
  expect(loggedColumns(app.dataDir, office.id, before)).toEqual(['phone', 'updated_at', 'name', 'updated_at']);
  await detail.expectField('Phone', '(330) 555-0199');
});

test('a field changed both here and elsewhere is pointed out before saving, and the save keeps what the user typed', async ({ page, app, offices, detail }) => {
  const office = await app.api<Office>('offices.create', { name: 'Lakeside Ortho', notes: 'Park in the back' });
  await offices.open();
  await offices.openOffice('Lakeside Ortho');
  await detail.edit();
  const form = new OfficeForm(page, 'Edit Lakeside Ortho');
  await form.fill({ Name: 'Lakeside Orthopaedics' });

  await app.api('offices.update', { id: office.id, patch: { name: 'Lakeside Ortho Group', notes: 'Front lot is fine' } });
  const notice = form.dialog.getByRole('alert').filter({ hasText: 'Changed elsewhere while you were editing' });
  await expect(notice).toContainText('Name is now “Lakeside Ortho Group”');
  // What the user typed is still there; the field they did not touch took the new value.
  await expect(form.field('Name')).toHaveValue('Lakeside Orthopaedics');
  await expect(form.dialog.getByRole('textbox', { name: 'Notes' })).toHaveValue('Front lot is fine');

  await form.submit('Save changes');
  await expect(page.getByRole('heading', { name: 'Lakeside Orthopaedics', level: 2, exact: true })).toBeVisible();
  await detail.expectField('Notes', 'Front lot is fine');
});

test('with the change stream cut off, a save still sends only the changed field and keeps a phone changed elsewhere', async ({ page, app, offices, detail }) => {
  // No live updates reach this page: the form keeps showing the old phone.
  await page.route('**/api/events', (route) => route.abort());
  const office = await app.api<Office>('offices.create', { name: 'Quiet Street Clinic', phone: '(330) 555-0100' });
  await offices.open();
  await offices.openOffice('Quiet Street Clinic');
  await detail.edit();
  const form = new OfficeForm(page, 'Edit Quiet Street Clinic');
  await app.api('offices.update', { id: office.id, patch: { phone: '330-555-0199' } });
  await form.fill({ Name: 'Quiet Street Family Clinic' });
  await expect(form.field('Phone')).toHaveValue('(330) 555-0100');
  await form.submit('Save changes');
  await expect(page.getByText('Changes saved.')).toBeVisible();
  const saved = await app.api<{ office: Office }>('offices.get', { id: office.id });
  expect(saved.office).toMatchObject({ name: 'Quiet Street Family Clinic', phone: '(330) 555-0199' });
});

test("editing a staff member's phone keeps their role", async ({ page, app, offices }) => {
  const office = await app.api<Office>('offices.create', { name: 'Front Desk Clinic' });
  await app.api('people.create', { officeId: office.id, kind: 'staff', role: 'office_manager', firstName: 'Kim', lastName: 'Lee' });
  await offices.open();
  await offices.openOffice('Front Desk Clinic');
  const people = page.getByRole('table', { name: 'People' });
  await expect(people).toContainText('Office manager');
  await page.getByRole('button', { name: 'Actions for Kim Lee' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Kim Lee' });
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('330 555 0123');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(people).toContainText('(330) 555-0123');
  await expect(people).toContainText('Office manager');
});

test('seven tabs of browser mode share one change stream: every tab loads and hears a change', async ({ page, app, offices }) => {
  await app.api('offices.create', { name: 'First Clinic' });
  await offices.open();
  const tabs = [];
  for (let i = 0; i < 6; i++) {
    const tab = await page.context().newPage();
    const list = new OfficesPage(tab, app);
    await list.open();
    await list.expectNames(['First Clinic']);
    tabs.push(list);
  }
  await app.api('offices.create', { name: 'Second Clinic' });
  for (const list of [offices, ...tabs]) await list.expectNames(['First Clinic', 'Second Clinic']);
  // The tab holding the stream closes: another takes it over.
  await page.close();
  await app.api('offices.create', { name: 'Third Clinic' });
  for (const list of tabs) await list.expectNames(['First Clinic', 'Second Clinic', 'Third Clinic']);
});

test('an address is merged part by part: a city changed elsewhere and a ZIP changed here both survive', async ({ page, app, offices, detail }) => {
  const office = await app.api<Office>('offices.create', { name: 'Fairlawn Family Care', address: { line1: '1 Main St', city: 'Akron', state: 'OH', zip: '44333' } });
  await offices.open();
  await offices.openOffice('Fairlawn Family Care');
  await detail.edit();
  const form = new OfficeForm(page, 'Edit Fairlawn Family Care');
  await form.fill({ ZIP: '44334' });
  await app.api('offices.update', { id: office.id, patch: { address: { line1: '1 Main St', city: 'Fairlawn', state: 'OH', zip: '44333' }, kind: 'hospital' } });
  await expect(form.field('City')).toHaveValue('Fairlawn');
  await expect(form.field('ZIP')).toHaveValue('44334');
  await expect(form.dialog.getByRole('alert')).toHaveCount(0);
  await form.submit('Save changes');
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await detail.expectField('Address', 'Fairlawn, OH 44334');
});

test('a conflict names the other value as the form shows it, not as it is stored', async ({ page, app, offices, detail }) => {
  const office = await app.api<Office>('offices.create', { name: 'Kind Clinic' });
  await offices.open();
  await offices.openOffice('Kind Clinic');
  await detail.edit();
  const form = new OfficeForm(page, 'Edit Kind Clinic');
  await form.choose('Kind', 'Urgent care');
  await app.api('offices.update', { id: office.id, patch: { kind: 'hospital' } });
  await expect(form.dialog.getByRole('alert')).toContainText('Kind is now “Hospital”');
});

test('an office archived elsewhere while its edit form is open says so in the form', async ({ page, app, offices, detail }) => {
  const office = await app.api<Office>('offices.create', { name: 'Soon Archived Clinic' });
  await offices.open();
  await offices.openOffice('Soon Archived Clinic');
  await detail.edit();
  const form = new OfficeForm(page, 'Edit Soon Archived Clinic');
  await expect(form.dialog.getByText('This office is archived')).toHaveCount(0);
  await app.api('offices.archive', { id: office.id });
  await expect(form.dialog.getByText('This office is archived')).toBeVisible();
});
