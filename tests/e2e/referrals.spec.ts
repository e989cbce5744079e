import type { Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import { expect, test } from './withMe';

const ZONE = 'America/New_York';
test.use({ timezoneId: ZONE });
const today = () => Temporal.Now.plainDateISO(ZONE);

interface Id {
  id: string;
}

/** The row of the referrals table that mentions `text`. */
const rowOf = (page: Page, text: string | RegExp) => page.getByRole('table', { name: 'Referrals' }).getByRole('row').filter({ hasText: text });

test('a liaison logs a referral with the keyboard only, steps it through the pipeline, loses another with a reason, is refused a name as a code, and sees the balance both ways', async ({ page, app }) => {
  const office = await app.api<Id>('offices.create', { name: 'Lakeside Orthopedics', address: { city: 'Toledo', state: 'OH', zip: '43604' } });
  await app.api('people.create', { officeId: office.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD' });
  await app.api('offices.create', { name: 'Hilltop Family Medicine', address: { city: 'Kent' } });

  await page.goto(`${app.url}#/referrals`);
  await expect(page.getByRole('heading', { name: 'No referrals yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import the practice-management report' })).toHaveAttribute('href', '#/import?spec=referrals');

  // N, the office, the service line, Enter: nothing else.
  await page.keyboard.press('n');
  const form = page.getByRole('dialog', { name: 'Log a referral' });
  await expect(form.getByRole('combobox', { name: 'Referring office' })).toBeFocused();
  await page.keyboard.type('Lakes');
  // The office list's own search answers: once it has, Lakeside is the only option.
  await expect(page.getByRole('option')).toHaveText([/Lakeside Orthopedics/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('combobox', { name: 'Service line' })).toBeFocused();
  await page.keyboard.type('Spine');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Referral from Lakeside Orthopedics logged.' })).toBeVisible();
  await expect(form).toBeHidden();
  const first = rowOf(page, 'Spine');
  await expect(first).toContainText('Lakeside Orthopedics');
  await expect(first).toContainText('Physician office');
  await expect(first).toContainText('Received');
  await expect(page.getByTestId('referral-count')).toHaveText('1 referral');

  // One click a step (dated today); a chosen step on a chosen date from the menu.
  await first.getByRole('button', { name: /^Move to contacted, dated today/ }).click();
  await expect(first).toContainText('Contacted');
  await first.getByRole('button', { name: /^More actions/ }).click();
  await page.getByRole('menuitem', { name: 'Move to a step on a date…' }).click();
  const stepForm = page.getByRole('dialog', { name: 'Move along the pipeline' });
  await stepForm.getByRole('combobox', { name: 'Step' }).click();
  await page.getByRole('option', { name: 'Seen', exact: true }).click();
  await stepForm.getByRole('textbox', { name: 'On', exact: true }).fill(today().toString());
  await stepForm.getByRole('button', { name: 'Mark seen' }).click();
  await expect(stepForm).toBeHidden();
  await expect(first).toContainText('Seen');
  await first.getByRole('button', { name: /^Move to consult note sent, dated today/ }).click();
  await expect(first).toContainText('Consult note sent');

  // Another one, lost for a reason.
  await app.api('referrals.create', { officeId: office.id, receivedOn: today().toString(), serviceLine: 'Knee' });
  const knee = rowOf(page, 'Knee');
  await expect(knee).toContainText('Received');
  await knee.getByRole('button', { name: /^More actions/ }).click();
  await page.getByRole('menuitem', { name: 'Mark lost…' }).click();
  const lost = page.getByRole('dialog', { name: 'Mark the referral lost' });
  await lost.getByRole('button', { name: 'Mark lost' }).click();
  await expect(lost.getByText('Say why the referral was lost.')).toBeVisible();
  await lost.getByRole('combobox', { name: 'Why was it lost?' }).click();
  await page.getByRole('option', { name: 'Insurance' }).click();
  await lost.getByRole('button', { name: 'Mark lost' }).click();
  await expect(lost).toBeHidden();
  await expect(knee).toContainText('Lost');

  // The status filter narrows the list.
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Lost' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('referral-count')).toHaveText('1 referral');
  await expect(rowOf(page, 'Spine')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Status' }).press('Backspace');
  await expect(page.getByTestId('referral-count')).toHaveText('2 referrals');

  // A name typed as the referral code: refused as it is typed, and on save.
  await page.getByRole('button', { name: /^Log a referral/ }).click();
  await expect(form.getByRole('combobox', { name: 'Referring office' })).toBeFocused();
  await page.keyboard.type('Lakes');
  await page.getByRole('option', { name: /Lakeside Orthopedics/ }).click();
  await form.getByRole('combobox', { name: 'Service line' }).fill('Hand');
  await form.getByLabel('Referral code').fill('John Smith');
  await expect(form.getByText('That looks like a name: use the referral code or initials')).toBeVisible();
  await form.getByRole('button', { name: 'Log referral' }).click();
  await expect(form.getByLabel('Referral code')).toHaveAttribute('aria-invalid', 'true');
  await expect(form).toBeVisible();
  await form.getByLabel('Referral code').fill('JS-1042');
  await expect(form.getByText('That looks like a name')).toBeHidden();
  await form.getByRole('button', { name: 'Log referral' }).click();
  await expect(form).toBeHidden();
  await expect(rowOf(page, 'JS-1042')).toContainText('Hand');

  // Sent to a partner, from the office's page: the balance both ways.
  await rowOf(page, 'JS-1042').getByRole('link', { name: 'Lakeside Orthopedics' }).click();
  const section = page.getByRole('region', { name: 'Referrals' });
  await expect(section.getByText('We sent 0, they sent 3 in the last 12 months')).toBeVisible();
  await section.getByRole('button', { name: 'Log referral sent' }).click();
  const sent = page.getByRole('dialog', { name: 'Log a referral sent' });
  await expect(sent.getByRole('combobox', { name: 'Service line' })).toBeFocused();
  await expect(sent.getByRole('switch', { name: /Sent to partner/ })).toBeChecked();
  await page.keyboard.type('Cardiology');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Referral sent to Lakeside Orthopedics logged.' })).toBeVisible();
  // One of theirs deleted, so the balance reads 1 and 2.
  await section.getByRole('row').filter({ hasText: 'Hand' }).getByRole('button', { name: /^More actions/ }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await page.getByRole('dialog', { name: 'Delete this referral?' }).getByRole('button', { name: 'Delete referral' }).click();
  await expect(section.getByText('We sent 1, they sent 2 in the last 12 months')).toBeVisible();
  await expect(section.getByRole('row').filter({ hasText: 'Cardiology' })).toContainText('We sent');
  await expect(section.getByRole('link', { name: 'Scorecard' })).toHaveAttribute('href', `#/scorecards/office/${office.id}`);

  // Esc on a form with typing asks first.
  await section.getByRole('button', { name: 'Log referral', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Log a referral' });
  await page.keyboard.type('Spine');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Discard your changes?' })).toBeVisible();
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(again).toBeHidden();
});

test('an edit changes only what was typed', async ({ page, app }) => {
  const office = await app.api<Id>('offices.create', { name: 'Lakeside Orthopedics' });
  await app.api('referrals.create', { officeId: office.id, receivedOn: today().toString(), serviceLine: 'Spine', sourceKind: 'hospital', notes: 'Call first' });
  await page.goto(`${app.url}#/referrals`);
  await rowOf(page, 'Spine').getByText('Hospital').click();
  const form = page.getByRole('dialog', { name: 'Edit referral' });
  await expect(form.getByRole('combobox', { name: 'Referring office' })).toHaveValue(/Lakeside Orthopedics/);
  await expect(form.getByRole('combobox', { name: 'Source' })).toHaveValue('Hospital');
  await form.getByRole('combobox', { name: 'Service line' }).fill('Neck');
  await form.getByRole('button', { name: 'Save referral' }).click();
  await expect(form).toBeHidden();
  await expect(rowOf(page, 'Neck')).toContainText('Hospital');
  const list = await app.api<{ rows: { serviceLine: string; sourceKind: string; notes: string | null }[] }>('referrals.list', {});
  expect(list.rows[0]).toMatchObject({ serviceLine: 'Neck', sourceKind: 'hospital', notes: 'Call first' });
});

test.describe('the scorecard rules', () => {
  test.use({ me: null });

  test('a manager changes a rule and it stays after a reload; a liaison sees the rules but cannot save them', async ({ page, app }) => {
    await app.api('team.setMe', { name: 'Morgan Manager', role: 'manager' });
    await page.goto(`${app.url}#/settings`);
    const rules = page.getByRole('region', { name: 'Scorecard rules' });
    await expect(rules.getByText('Defaults', { exact: true })).toBeVisible();
    const conversionGood = rules.getByRole('textbox', { name: 'Conversion (seen ÷ received): good' });
    await expect(conversionGood).toHaveValue('90%');
    await conversionGood.fill('85');
    await rules.getByRole('textbox', { name: 'Loop closed within' }).fill('10');
    await rules.getByRole('button', { name: 'Add a service line' }).click();
    await rules.getByRole('textbox', { name: 'Service line 1' }).fill('Spine');
    await rules.getByRole('textbox', { name: 'Expected value: Spine' }).fill('2,500');
    await rules.getByRole('button', { name: 'Save scorecard rules' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Scorecard rules saved.' })).toBeVisible();
    await expect(rules.getByText('Set for this practice')).toBeVisible();

    await page.reload();
    await expect(conversionGood).toHaveValue('85%');
    await expect(rules.getByRole('textbox', { name: 'Loop closed within' })).toHaveValue('10');
    await expect(rules.getByRole('textbox', { name: 'Expected value: Spine' })).toHaveValue('2500.00');
    const settings = await app.api<{ settings: { ranges: { conversion: { good: number } }; loopDays: number; expectedCents: Record<string, number> } }>('referralSettings.get', {});
    expect(settings.settings).toMatchObject({ loopDays: 10, ranges: { conversion: { good: 0.85 } }, expectedCents: { Spine: 250_000 } });

    // Reset fills in the defaults (and keeps the prices); saving them is the manager's call.
    await rules.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(conversionGood).toHaveValue('90%');
    await expect(rules.getByRole('textbox', { name: 'Expected value: Spine' })).toHaveValue('2500.00');
    await rules.getByRole('button', { name: 'Undo my changes' }).click();
    await expect(conversionGood).toHaveValue('85%');

    await app.api('team.setMe', { name: 'Lee Liaison', role: 'liaison' });
    await page.reload();
    await expect(page.getByRole('link', { name: /You are Lee Liaison/ })).toBeVisible();
    await expect(rules.getByText('Only a manager or admin changes the scorecard rules')).toBeVisible();
    await expect(conversionGood).toHaveValue('85%');
    await expect(conversionGood).toBeDisabled();
    await expect(rules.getByRole('button', { name: 'Save scorecard rules' })).toBeHidden();
  });
});
