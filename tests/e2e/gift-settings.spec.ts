import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import { expect, test } from './withMe';

const SHOTS = '/tmp/shots-settings';
const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

const openSettings = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
};

test('a manager adds next year’s Stark figure, sets a meal cap and edits a thank-you template; each persists', async ({ page, app }) => {
  await app.api('team.setMe', { name: 'Casey Tester', role: 'manager' });
  await page.goto(app.url);
  await openSettings(page);

  // ── Compliance limits ─────────────────────────────────────────────────────────────────────────
  const limits = page.getByRole('region', { name: 'Compliance limits' });
  const table = limits.getByRole('table', { name: 'Compliance limits' });
  await expect(table.getByRole('row', { name: /Stark.*2026.*\$535\.00/ })).toBeVisible();
  await expect(limits.getByText(/uses the latest earlier year’s figure/)).toBeVisible();
  await limits.getByRole('button', { name: 'Add a year' }).click();
  const add = page.getByRole('dialog', { name: 'Add a year’s limit' });
  // It starts on the next Stark year and says what that year uses until it has a figure.
  await expect(add.getByRole('textbox', { name: 'Year' })).toHaveValue('2027');
  await expect(add.getByText('2027 has no figure yet, so 2026’s ($535.00) is used for it', { exact: false })).toBeVisible();
  // Refused on the fields, in words: no amount, no source. (Enter in the amount, where the dialog starts.)
  await expect(add.getByRole('textbox', { name: 'Amount (dollars)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(add.getByText('Enter an amount, like 18.50')).toBeVisible();
  await expect(add.getByText(/Say where the figure comes from/)).toBeVisible();
  await add.getByRole('textbox', { name: 'Amount (dollars)' }).fill('552');
  await add.getByRole('textbox', { name: 'Source' }).fill('CMS CPI-U update for CY 2027');
  await shot(page, '1-add-limit');
  await add.getByRole('button', { name: 'Add figure' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'Stark: non-monetary compensation per physician per year: $552.00 for 2027 saved.' })).toBeVisible();
  const row2027 = table.getByRole('row', { name: /Stark.*2027/ });
  await expect(row2027).toContainText('$552.00');
  await expect(row2027).toContainText('CMS CPI-U update for CY 2027');
  // Correct its amount.
  await row2027.getByRole('button', { name: /^Edit Stark.*2027$/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit the 2027 figure' });
  await edit.getByRole('textbox', { name: 'Amount (dollars)' }).fill('550.50');
  await edit.getByRole('button', { name: 'Save figure' }).click();
  await expect(edit).toBeHidden();
  await expect(row2027).toContainText('$550.50');

  // ── Gift policy ───────────────────────────────────────────────────────────────────────────────
  const policy = page.getByRole('region', { name: 'Gift policy' });
  await expect(policy.getByText(/Gift cards and other cash equivalents are always forbidden/)).toBeVisible();
  await expect(policy.getByRole('textbox', { name: 'Warn at (% of a limit)' })).toHaveValue('80');
  const mealCap = policy.getByRole('textbox', { name: 'Per-person meal cap' });
  await mealCap.fill('12.5.0');
  await mealCap.blur();
  await expect(policy.getByText(/is not an amount/)).toBeVisible();
  await mealCap.fill('45');
  await policy.getByRole('button', { name: 'Save gift policy' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Gift policy saved.' })).toBeVisible();

  // ── Thank-you templates ───────────────────────────────────────────────────────────────────────
  const templates = page.getByRole('region', { name: 'Thank-you note templates' });
  await templates.getByRole('button', { name: 'Edit template First referral' }).click();
  const tpl = page.getByRole('dialog', { name: 'Edit template: First referral' });
  await tpl.getByRole('textbox', { name: 'Name' }).fill('First referral from a new office');
  const body = tpl.getByRole('textbox', { name: 'Note' });
  await body.fill('Dear Dr. {lastname},\n\nThank you for your first referral.');
  await body.blur();
  await expect(tpl.getByText('{lastname} is not a placeholder the app fills: use {firstName} or {lastName}')).toBeVisible();
  await body.fill('Dear Dr. {lastName},\n\nThank you for your first referral to our practice.');
  await expect(tpl.getByText('Dear Dr. Park,', { exact: false })).toBeVisible();
  await shot(page, '2-edit-template');
  await tpl.getByRole('button', { name: 'Save template' }).click();
  await expect(tpl).toBeHidden();
  const list = templates.getByRole('list', { name: 'Thank-you note templates' });
  await expect(list.getByRole('listitem', { name: 'First referral from a new office' })).toContainText('Thank you for your first referral to our practice.');
  // Removing is undone, not confirmed.
  await templates.getByRole('button', { name: 'Remove template Office staff' }).click();
  await expect(list.getByRole('listitem', { name: 'Office staff' })).toHaveCount(0);
  await page.getByRole('alert').filter({ hasText: 'Template “Office staff” removed.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('listitem', { name: 'Office staff' })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await shot(page, '3-settings');
  await limits.screenshot({ path: `${SHOTS}/3a-limits.png` });
  await policy.screenshot({ path: `${SHOTS}/3b-policy.png` });

  // ── All of it after a reload ──────────────────────────────────────────────────────────────────
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  await expect(table.getByRole('row', { name: /Stark.*2027/ })).toContainText('$550.50');
  await expect(mealCap).toHaveValue('45.00');
  await expect(list.getByRole('listitem', { name: 'First referral from a new office' })).toBeVisible();
  expect(((await app.api<{ perPersonMealCents: number | null }>('giftPolicy.get', {})).perPersonMealCents)).toBe(4500);
});

test('a liaison reads the limits and the gift policy but does not edit them', async ({ page, app }) => {
  await page.goto(app.url);
  await openSettings(page);
  const limits = page.getByRole('region', { name: 'Compliance limits' });
  await expect(limits.getByRole('table', { name: 'Compliance limits' }).getByRole('row', { name: /OIG.*per item.*\$15\.00/ })).toBeVisible();
  await expect(limits.getByText(/Read only: a manager or admin edits these figures/)).toBeVisible();
  await expect(limits.getByRole('button', { name: 'Add a year' })).toHaveCount(0);
  await expect(limits.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  const policy = page.getByRole('region', { name: 'Gift policy' });
  await expect(policy.getByText('A manager or admin sets the practice’s gift policy.')).toBeVisible();
  await expect(policy.getByRole('textbox', { name: 'Per-person meal cap' })).toBeDisabled();
  await expect(policy.getByRole('button', { name: 'Save gift policy' })).toBeHidden();
});

test('patient rewards: a name is refused as the code; rewards within the nominal value are logged, over it refused with the numbers; one is reversed', async ({ page, app }) => {
  const today = Temporal.Now.plainDateISO().toString();
  await page.goto(`${app.url}#/rewards`);
  await expect(page.getByRole('heading', { name: 'Patient referral rewards', level: 2 })).toBeVisible();
  await expect(page.getByText(`No rewards logged in ${today.slice(0, 4)}`)).toBeVisible();
  await expect(page.getByText(/at most \$15\.00 per item and \$75\.00 per patient/)).toBeVisible();

  const code = page.getByRole('textbox', { name: 'Referral code or initials' });
  const amount = page.getByRole('textbox', { name: 'Amount' });
  const what = page.getByRole('textbox', { name: 'What it was' });
  const check = page.getByRole('status', { name: 'Check against the nominal value limits' });

  // A name is caught as it is typed, on the field.
  await code.click();
  await page.keyboard.type('Maria Lopez');
  await expect(page.getByText('That looks like a name: use the referral code or initials')).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await shot(page, '4-rewards-name-refused');
  await code.fill('04/12/1961');
  await expect(page.getByText('That looks like a date: use the referral code or initials, never a birth date')).toBeVisible();

  // R-1042, $10: within both limits; Enter logs it.
  await code.fill('R-1042');
  await expect(code).not.toHaveAttribute('aria-invalid', 'true');
  await amount.fill('10');
  await what.fill('Coffee mug');
  await expect(check).toContainText('Per item: $10.00 of $15.00');
  await expect(check).toContainText('This patient this year: $0.00 given before, $10.00 with this one of $75.00, $65.00 left');
  await what.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Thank-you to R-1042 logged: $10.00.' })).toBeVisible();
  const rewards = page.getByRole('table', { name: 'Rewards this year' });
  await expect(rewards.getByRole('row', { name: /R-1042.*Coffee mug.*\$10\.00/ })).toBeVisible();
  // Ready for the next, from the keyboard.
  await expect(code).toBeFocused();
  await expect(code).toHaveValue('');

  // Another $10 to the same code (typed in lower case: the same patient): still within.
  await page.keyboard.type('r-1042');
  await amount.fill('10');
  await what.fill('Thank-you card');
  await expect(check).toContainText('$10.00 given before, $20.00 with this one of $75.00, $55.00 left');
  await amount.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Thank-you to R-1042 logged: $10.00.' }).first()).toBeVisible();
  await expect(rewards.getByRole('row', { name: /R-1042.*Thank-you card.*\$10\.00/ })).toBeVisible();

  // $60 in one item: over the per-item value, refused with the numbers.
  await code.fill('R-1042');
  await amount.fill('60');
  await what.fill('Restaurant gift basket');
  await expect(check).toContainText('Over the nominal value for one item: it will not be saved');
  await expect(check).toContainText('Per item: $60.00 of $15.00, $45.00 over');
  await what.press('Enter');
  await expect(page.getByText(/Over the nominal value for one item \(\$15\.00; OIG policy statement.*\), so not saved\. Already given to this code this year: \$20\.00\./)).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');

  // Three more $15 items (set up through the API) bring this patient to $65: another $15 would pass the year's $75.
  for (const d of ['Tote bag', 'Water bottle', 'Notebook']) await app.api('rewards.log', { referralCode: 'R-1042', day: today, cents: 1500, description: d });
  await expect(rewards.getByRole('row', { name: /Notebook/ })).toBeVisible();
  await amount.fill('15');
  await expect(check).toContainText('Over the nominal value for one patient in a year: it will not be saved');
  await expect(check).toContainText('This patient this year: $65.00 given before, $80.00 with this one of $75.00, $5.00 over');
  await amount.press('Enter');
  await expect(page.getByText(/Over the nominal value for one patient in a year \(\$75\.00; .*\), so not saved\. Already given to this code this year: \$65\.00\./)).toBeVisible();
  await shot(page, '5-rewards-over-year');

  // Reverse the coffee mug: it asks why, and the reversal is a new row.
  await rewards.getByRole('row', { name: /Coffee mug/ }).filter({ hasNotText: 'Reversal' }).getByRole('button', { name: `Reverse the $10.00 reward to R-1042 on ${today}` }).click();
  const reverse = page.getByRole('dialog', { name: 'Reverse the reward to R-1042' });
  await reverse.getByRole('button', { name: 'Reverse reward' }).click();
  await expect(reverse.getByText('Say why this reward is reversed')).toBeVisible();
  await reverse.getByRole('textbox', { name: 'Why is it reversed?' }).fill('Logged twice: the mug was the card');
  await reverse.getByRole('button', { name: 'Reverse reward' }).click();
  await expect(reverse).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'The $10.00 reward to R-1042 is reversed.' })).toBeVisible();
  await expect(rewards.getByRole('row', { name: /Coffee mug/ })).toHaveCount(2);
  await expect(rewards.getByRole('row', { name: /Coffee mug.*-\$10\.00.*Reversal/ })).toBeVisible();
  await expect(rewards.getByRole('row', { name: /Coffee mug.*\$10\.00.*Reversed/ }).filter({ hasNotText: '-$10.00' })).toBeVisible();

  // The $15 still typed now fits, close to the year's value: the check follows without retyping, and it saves.
  await expect(check).toContainText('Close to the nominal value for one patient in a year');
  await expect(check).toContainText('$55.00 given before, $70.00 with this one of $75.00, $5.00 left');
  await expect(amount).not.toHaveAttribute('aria-invalid', 'true');
  await amount.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Thank-you to R-1042 logged: $15.00.' })).toBeVisible();
  // The emptied form waits for the next one, with no complaint about what it no longer holds.
  await expect(code).toBeFocused();
  await expect(amount).not.toHaveAttribute('aria-invalid', 'true');
  await expect(check).toContainText('Enter the code, date and amount');
  await shot(page, '6-rewards-list');
});
