import { expect, test } from './withMe';
import { OfficeForm } from './pages/OfficeForm';

test('a liaison adds an office, fixing what the form flags, and sees it on its page', async ({ page, offices, detail }) => {
  await offices.open();
  await expect(page.getByText('No offices yet')).toBeVisible();
  await expect(page.getByText(/Version 0\.\d+\.\d+ · browser mode/)).toBeVisible();
  await offices.newOffice();
  const form = new OfficeForm(page, 'New office');
  await form.fill({ Name: 'Riverside Family Medicine', NPI: '1234567890', Phone: '937 555 01', City: 'Dayton', State: 'oh', ZIP: '45402' });
  await form.expectError('NPI', /check digit/);
  await form.expectError('Phone', /10-digit/);
  await form.submit('Create office');
  // The refused save takes the keyboard to the first field that says why.
  await expect(form.field('NPI')).toBeFocused();
  // Nothing is lost on bad input: the dialog stays open with what was typed.
  await expect(form.field('Name')).toHaveValue('Riverside Family Medicine');
  await form.fill({ NPI: '1234567893', Phone: '937 555 0101' });
  await form.choose('Tier', 'A');
  await form.submit('Create office');

  await expect(page.getByRole('heading', { name: 'Riverside Family Medicine', level: 2 })).toBeVisible();
  await detail.expectField('Phone', '(937) 555-0101');
  await detail.expectField('NPI', '1234567893');
  await detail.expectField('Address', 'Dayton, OH 45402');
  await expect(page.getByText('Tier A')).toBeVisible();
  await expect(page.getByText(/No activity yet/)).toBeVisible();
});

test('a liaison edits an office and the list shows the change', async ({ page, app, offices, detail }) => {
  await app.api('offices.create', { name: 'Akron Orthopaedic Partners', address: { city: 'Akron', zip: '44308' }, stage: 'prospect' });
  await offices.open();
  await offices.openOffice('Akron Orthopaedic Partners');
  await detail.edit();
  const form = new OfficeForm(page, 'Edit Akron Orthopaedic Partners');
  await form.choose('Relationship stage', 'Established');
  await form.fill({ 'Best time: note': 'Tue/Thu after 2pm', Email: 'not-an-email' });
  await form.expectError('Email', /email address/);
  await form.fill({ Email: 'Front@AkronOrtho.example' });
  await form.submit('Save changes');
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await detail.expectField('Best time to visit', 'Tue/Thu after 2pm');
  await detail.expectField('Email', 'front@akronortho.example');
  await detail.backToList();
  await expect(offices.row('Akron Orthopaedic Partners')).toContainText('Established');
});

test('quick search finds an office by name, city, ZIP, phone or NPI, and Ctrl+K focuses it', async ({ page, app, offices }) => {
  await app.api('offices.create', { name: 'Riverside Family Medicine', address: { city: 'Dayton', zip: '45402' }, phone: '937-555-0101', npi: '1234567893' });
  await app.api('offices.create', { name: 'Summit Urgent Care', kind: 'urgent_care', address: { city: 'Cleveland', zip: '44113' }, phone: '216-555-0199' });
  await app.api('offices.create', { name: 'Lakeside Cardiology', address: { city: 'Toledo', zip: '43604' } });
  await offices.open();
  await expect(offices.count).toHaveText('3 offices');
  await page.keyboard.press('Control+k');
  await expect(offices.search).toBeFocused();
  for (const [query, name] of [
    ['summit', 'Summit Urgent Care'],
    ['toledo', 'Lakeside Cardiology'],
    ['45402', 'Riverside Family Medicine'],
    ['(216) 555-0199', 'Summit Urgent Care'],
    ['1234567893', 'Riverside Family Medicine'],
  ]) {
    await offices.search.fill(query!);
    await offices.expectNames([name!]);
  }
  // Keyboard only: Down from the search box to the offices, Down again, Enter opens it.
  await offices.search.fill('clinic');
  await offices.search.fill('');
  await offices.expectNames(['Lakeside Cardiology', 'Riverside Family Medicine', 'Summit Urgent Care']);
  await offices.search.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'Lakeside Cardiology' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Riverside Family Medicine', level: 2 })).toBeFocused();
  // Back puts the keyboard on the office it came from.
  await page.goBack();
  await expect(page.getByRole('link', { name: 'Riverside Family Medicine' })).toBeFocused();

  await offices.search.fill('no such office');
  await expect(page.getByText('No office matches')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(offices.count).toHaveText('3 offices');
});

test('the list sorts by a column header and filters per column', async ({ page, app, offices }) => {
  for (const [name, city, tier] of [['Bravo Clinic', 'Akron', 'B'], ['Alpha Clinic', 'Toledo', 'A'], ['Charlie Clinic', 'Columbus', 'C']]) {
    await app.api('offices.create', { name, address: { city }, tier });
  }
  await offices.open();
  await offices.expectNames(['Alpha Clinic', 'Bravo Clinic', 'Charlie Clinic']);
  await page.getByRole('button', { name: 'City' }).click();
  await offices.expectNames(['Bravo Clinic', 'Charlie Clinic', 'Alpha Clinic']);
  await page.getByRole('button', { name: 'City' }).click();
  await offices.expectNames(['Alpha Clinic', 'Charlie Clinic', 'Bravo Clinic']);
  await page.getByRole('textbox', { name: 'Filter City' }).fill('co');
  await offices.expectNames(['Charlie Clinic']);
});

test('archiving an office can be undone', async ({ page, app, offices, detail }) => {
  await app.api('offices.create', { name: 'Hilltop Clinic' });
  await offices.open();
  await offices.openOffice('Hilltop Clinic');
  await detail.archive();
  await expect(page.getByText('Archived', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Hilltop Clinic restored.')).toBeVisible();
  await expect(page.getByText('Archived', { exact: true })).toHaveCount(0);
});

test('a physician is added to an office and later moved to another', async ({ page, app, offices, detail }) => {
  await app.api('offices.create', { name: 'First Office' });
  await app.api('offices.create', { name: 'Second Office' });
  await offices.open();
  await offices.openOffice('First Office');
  await page.getByRole('button', { name: 'Add person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Ana');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Ruiz');
  await dialog.getByRole('textbox', { name: 'Credentials' }).fill('MD');
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(detail.people).toContainText('Ana Ruiz, MD');

  await page.getByRole('button', { name: 'Actions for Ana Ruiz' }).click();
  await page.getByRole('menuitem', { name: 'Move to another office' }).click();
  const move = page.getByRole('dialog', { name: 'Move Ana Ruiz' });
  await move.getByRole('combobox', { name: 'New office' }).fill('Second');
  await page.getByRole('option', { name: 'Second Office' }).click();
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(page.getByText('Ana Ruiz moved.')).toBeVisible();
  await expect(page.getByText(/No one recorded here yet/)).toBeVisible();

  await detail.backToList();
  await offices.openOffice('Second Office');
  await expect(detail.people).toContainText('Ana Ruiz, MD');

  // Archiving a person is undone from the notification, not confirmed beforehand.
  await page.getByRole('button', { name: 'Actions for Ana Ruiz' }).click();
  await page.getByRole('menuitem', { name: 'Archive' }).click();
  await expect(detail.people).toContainText('Ana Ruiz, MD (archived)');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(detail.people).not.toContainText('(archived)');
});

test('N opens a new office from the list, without stealing the letter from the search box', async ({ page, offices }) => {
  await offices.open();
  await offices.search.fill('n');
  await expect(page.getByRole('dialog', { name: 'New office' })).toHaveCount(0);
  await offices.search.blur();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New office' })).toBeVisible();
});

test('columns can be hidden, archived offices shown on request, and Escape clears the search', async ({ page, app, offices }) => {
  const hilltop = await app.api<{ id: string }>('offices.create', { name: 'Hilltop Clinic', ownerName: 'Maria Lopez' });
  await app.api('offices.create', { name: 'Valley Clinic' });
  await app.api('offices.archive', { id: hilltop.id });
  await offices.open();
  await offices.expectNames(['Valley Clinic']);
  await page.getByRole('switch', { name: 'Show archived' }).click();
  await offices.expectNames(['Hilltop Clinic', 'Valley Clinic']);

  await expect(offices.table.getByRole('columnheader', { name: 'Liaison' })).toBeVisible();
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Liaison' }).click();
  await page.keyboard.press('Escape');
  await expect(offices.table.getByRole('columnheader', { name: 'Liaison' })).toHaveCount(0);
  // The choice is a view preference: it survives a reload.
  await page.reload();
  await expect(offices.table.getByRole('columnheader', { name: 'Name' })).toBeVisible();
  await expect(offices.table.getByRole('columnheader', { name: 'Liaison' })).toHaveCount(0);

  await offices.search.fill('valley');
  await offices.expectNames(['Valley Clinic']);
  await offices.search.press('Escape');
  await expect(offices.search).toHaveValue('');
});

test('closing a form with unsaved typing asks before discarding it', async ({ page, offices }) => {
  await offices.open();
  await offices.newOffice();
  const dialog = page.getByRole('dialog', { name: 'New office' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Half-typed Clinic');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Discard your changes?')).toBeVisible();
  // The safe answer has the focus: Enter keeps the typing.
  await expect(page.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Half-typed Clinic');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('No offices yet')).toBeVisible();
});

test('an edit form opened and closed without typing closes at once', async ({ page, app, offices, detail }) => {
  await app.api('offices.create', { name: 'Quiet Clinic', phone: '937 555 0101', tags: ['lunch-ok'] });
  await offices.open();
  await offices.openOffice('Quiet Clinic');
  await detail.edit();
  const dialog = page.getByRole('dialog', { name: 'Edit Quiet Clinic' });
  await expect(dialog.getByRole('textbox', { name: 'Phone', exact: true })).toHaveValue('(937) 555-0101');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Discard your changes?')).toHaveCount(0);
});

test('the office form takes a state name, a ZIP+4 without its dash and a phone extension, as people type them', async ({ page, offices, detail }) => {
  await offices.open();
  await offices.newOffice();
  const form = new OfficeForm(page, 'New office');
  await form.fill({ Name: 'Northside Urgent Care', City: 'Chicago', State: 'Illinois', ZIP: '606071234', Phone: '630-555-0177 x204' });
  await form.submit('Create office');
  await expect(page.getByRole('heading', { name: 'Northside Urgent Care', level: 2 })).toBeVisible();
  await detail.expectField('Address', 'Chicago, IL 60607-1234');
  await detail.expectField('Phone', '(630) 555-0177 x204');
});
