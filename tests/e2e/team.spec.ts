import { OfficeForm } from './pages/OfficeForm';
import { SettingsPage } from './pages/SettingsPage';
import { expect, test } from './withMe';

test.describe('first start', () => {
  test.use({ me: null });

  test('asks who is using the app, and remembers the answer across a reload', async ({ page, offices }) => {
    await offices.open();
    const question = page.getByRole('dialog', { name: 'Who is using Liaison CRM?' });
    await expect(question).toBeVisible();
    // It must be answered: Escape does not dismiss it.
    await page.keyboard.press('Escape');
    await expect(question).toBeVisible();
    await expect(question.getByRole('combobox', { name: 'Your name' })).toBeFocused();
    await page.keyboard.type('Dana Whitfield');
    await question.getByRole('combobox', { name: 'Your role' }).click();
    await page.getByRole('option', { name: 'Manager', exact: true }).click();
    await question.getByRole('button', { name: 'Continue' }).click();
    await expect(question).toBeHidden();
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: /You are Dana Whitfield, Manager/ })).toHaveText('Dana Whitfield · Manager');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
    await expect(banner.getByText('Dana Whitfield · Manager')).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Who is using Liaison CRM?' })).toHaveCount(0);

    // Settings shows it and lets it change.
    const settings = new SettingsPage(page);
    await settings.open();
    await expect(page.getByText(/This computer is used by Dana Whitfield \(Manager\)/)).toBeVisible();
    await page.getByRole('button', { name: 'Change who I am' }).click();
    const change = page.getByRole('dialog', { name: 'Change who is using Liaison CRM' });
    await change.getByRole('combobox', { name: 'Your name' }).fill('Riley Chen');
    await change.getByRole('button', { name: 'Continue' }).click();
    await expect(banner.getByText('Riley Chen · Manager')).toBeVisible();
    await expect(settings.row('Dana Whitfield')).toBeVisible();
    await expect(settings.row('Riley Chen')).toContainText('you');
  });
});

test('Settings: add a teammate, rename them, and the office list’s Liaison column follows', async ({ page, app, offices }) => {
  await offices.open();
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page.getByText('No teammates yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add a teammate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a team member' });
  // A blank name is refused on the field, in words.
  await dialog.getByRole('button', { name: 'Add member' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription('Name is required');
  await settings.saveMember('Add a team member', { Name: 'Jordan Blake', Role: 'Doctor', Email: 'jordan@practice.example' }, 'Add member');
  await expect(settings.row('Jordan Blake')).toContainText('Doctor');
  await expect(settings.row('Jordan Blake')).toContainText('jordan@practice.example');
  await expect(page.getByText('No teammates yet')).toHaveCount(0);

  const team = await app.api<{ id: string; name: string }[]>('team.list', {});
  const jordan = team.find((m) => m.name === 'Jordan Blake')!;
  await app.api('offices.create', { name: 'Riverside Family Medicine', ownerId: jordan.id });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offices' }).click();
  await expect(offices.row('Riverside Family Medicine')).toContainText('Jordan Blake');

  await settings.open();
  await page.getByRole('button', { name: 'Edit Jordan Blake' }).click();
  await settings.saveMember('Edit Jordan Blake', { Name: 'Jordan Reyes' }, 'Save changes');
  await expect(settings.row('Jordan Reyes')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offices' }).click();
  await expect(offices.row('Riverside Family Medicine')).toContainText('Jordan Reyes');
  await offices.search.fill('reyes');
  await offices.expectNames(['Riverside Family Medicine']);

  // Deactivating is undone, not confirmed, as archiving an office is.
  await settings.open();
  await page.getByRole('button', { name: 'Deactivate Jordan Reyes' }).click();
  await expect(settings.row('Jordan Reyes')).toContainText('Inactive');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(settings.row('Jordan Reyes')).toContainText('Active');
  await expect(page.getByRole('button', { name: 'Deactivate Jordan Reyes' })).toBeVisible();
});

test('a liaison is assigned in the office form, by picking a teammate or typing a new name, and "Me" filters the list', async ({ page, app, offices, detail }) => {
  await app.api('team.create', { name: 'Keisha Brown' });
  await app.api('offices.create', { name: 'Lakeside Cardiology' });
  await app.api('offices.create', { name: 'Summit Urgent Care' });
  await offices.open();
  await offices.openOffice('Lakeside Cardiology');
  // Added through the API as the test's own user: the page says who added it.
  await expect(page.getByText(/^Added .* by Casey Tester$/)).toBeVisible();
  await detail.edit();
  let form = new OfficeForm(page, 'Edit Lakeside Cardiology');
  const liaison = form.dialog.getByRole('combobox', { name: 'Liaison', exact: true });
  await liaison.click();
  await liaison.pressSequentially('Morgan Hale');
  await page.getByRole('option', { name: 'Add “Morgan Hale” as a liaison' }).click();
  await expect(liaison).toHaveValue('Morgan Hale (new)');
  await form.submit('Save changes');
  await expect(page.getByText('Changes saved.')).toBeVisible();
  await detail.expectField('Liaison', 'Morgan Hale');

  await detail.backToList();
  await offices.openOffice('Summit Urgent Care');
  await detail.edit();
  form = new OfficeForm(page, 'Edit Summit Urgent Care');
  await form.dialog.getByRole('combobox', { name: 'Liaison', exact: true }).click();
  await form.dialog.getByRole('combobox', { name: 'Liaison', exact: true }).pressSequentially('casey');
  await page.getByRole('option', { name: 'Casey Tester', exact: true }).click();
  await form.submit('Save changes');
  await detail.expectField('Liaison', 'Casey Tester');

  await detail.backToList();
  await expect(offices.row('Lakeside Cardiology')).toContainText('Morgan Hale');
  await offices.table.getByRole('combobox', { name: 'Filter Liaison' }).click();
  await page.getByRole('option', { name: 'Me (Casey Tester)' }).click();
  await page.keyboard.press('Escape');
  await offices.expectNames(['Summit Urgent Care']);

  // The typed name is on the team now, as a liaison.
  await new SettingsPage(page).open();
  await expect(new SettingsPage(page).row('Morgan Hale')).toContainText('Liaison');
});

test('a new liaison typed in the form but not picked from the list is kept, by a click on Create or by Enter', async ({ page, offices, detail }) => {
  await offices.open();
  for (const [office, liaison, how] of [
    ['Riverside Clinic', 'Bob Jones', 'click'],
    ['Hillside Family Practice', 'Ana Ruiz', 'enter'],
  ] as const) {
    await offices.newOffice();
    const form = new OfficeForm(page, 'New office');
    await form.fill({ Name: office });
    const box = form.dialog.getByRole('combobox', { name: 'Liaison', exact: true });
    await box.click();
    await box.pressSequentially(liaison);
    if (how === 'click') await form.submit('Create office');
    else await box.press('Enter');
    await expect(page.getByRole('heading', { name: office, level: 2 })).toBeVisible();
    await detail.expectField('Liaison', liaison);
    await detail.backToList();
  }
  await new SettingsPage(page).open();
  await expect(new SettingsPage(page).row('Bob Jones')).toContainText('Liaison');
});
