import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { formatCents } from '../../src/shared/money';
import { printed, shot } from './printed';
import { expect, test } from './withMe';

type Api = { api<T = unknown>(method: string, input: unknown): Promise<T> };

/** The page printed as a compliance officer files it, and the PDF's text. */
const printedText = (page: Page, name: string) => printed(page, name);

/**
 * Last year's history, so the test reads the same whatever today is: a lunch for an office of 9
 * with 2 physicians; a gift that puts Dr Park $5.00 over the limit, overridden by a manager and
 * repaid; an event ticket that puts Dr Cho over, overridden and not repaid; a patient reward.
 */
async function history(app: Api, year: number) {
  const stark = (await app.api<{ kind: string; year: number; cents: number }[]>('limits.list', {}))
    .filter((l) => l.kind === 'stark_nonmonetary' && l.year <= year)
    .sort((a, b) => b.year - a.year)[0]!.cents;
  await app.api('team.setMe', { name: 'Morgan Lee', role: 'manager' });
  const office = await app.api<{ id: string }>('offices.create', { name: 'Lakeside Orthopedics', tier: 'A', stage: 'established', address: { city: 'Toledo', state: 'OH', zip: '43604' } });
  const ada = await app.api<{ id: string }>('people.create', { officeId: office.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD' });
  const ben = await app.api<{ id: string }>('people.create', { officeId: office.id, kind: 'physician', firstName: 'Ben', lastName: 'Cho', credentials: 'DO' });
  const log = (input: object) => app.api('gifts.log', { officeId: office.id, ...input });
  await log({ kind: 'meal', place: 'in_office', day: `${year}-03-10`, totalCents: 18_000, peopleSharing: 9, recipients: [{ personId: ada.id }, { personId: ben.id }], description: 'Lunch for the whole office', vendor: 'Panera' });
  const loupes = stark - 2_000 + 500; // Dr Park: $20.00 of lunch, then $5.00 over
  await log({
    kind: 'gift', day: `${year}-06-01`, totalCents: loupes, peopleSharing: 1, recipients: [{ personId: ada.id }], description: 'Surgical loupes',
    override: { reason: 'Loupes for the new hand clinic; the excess will be repaid' },
  });
  await log({
    kind: 'event', day: `${year}-09-15`, totalCents: 55_000, peopleSharing: 1, recipients: [{ personId: ben.id }], description: 'Conference registration',
    override: { reason: 'Board approved the conference registration in September' },
  });
  await app.api('gifts.repay', { personId: ada.id, year, cents: 500, repaidOn: `${year}-06-20`, note: 'Check 1041' });
  await app.api('rewards.log', { referralCode: 'JK', day: `${year}-04-02`, cents: 1_200, description: 'Coffee mug' });
  // Back to an ordinary user to read the report.
  await app.api('team.setMe', { name: 'Casey Tester', role: 'liaison' });
  return { stark, total: 18_000 + loupes + 55_000, benOver: 2_000 + 55_000 - stark, adaReceived: 2_000 + loupes };
}

test('a user reads last year’s compliance report, verifies the ledger, downloads it as CSV and prints it and a physician’s statement to PDF', async ({ page, app }) => {
  const year = new Date().getFullYear() - 1;
  const { stark, total, benOver, adaReceived } = await history(app, year);

  await page.goto(`${app.url}#/compliance`);
  await expect(page.getByRole('heading', { name: 'Compliance report' })).toBeVisible();
  // This year has nothing logged: the page says what to do.
  await expect(page.getByRole('heading', { name: `Nothing logged in ${year + 1}` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log a gift or meal' })).toBeVisible();
  await shot(page, 'report-empty');

  await page.getByRole('combobox', { name: 'Year' }).selectOption(String(year));
  await expect(page.getByText(`Calendar year ${year}`)).toBeVisible();
  const totals = page.getByRole('table', { name: 'Totals' });
  await expect(totals.getByRole('cell')).toHaveText(['3', formatCents(total), '2', '$5.00', '$12.00']);

  const entries = page.getByRole('table', { name: 'Entries' });
  const lunch = entries.getByRole('row', { name: /Lunch for the whole office/ });
  await expect(lunch).toContainText('$180.00');
  await expect(lunch).toContainText('Ada Park, MD: $20.00');
  await expect(lunch).toContainText('Ben Cho, DO: $20.00');
  await expect(lunch).toContainText('7 others, not named: $140.00');
  await expect(entries.getByRole('row', { name: /Surgical loupes/ })).toContainText('Over the limit, overridden by Morgan Lee (manager, self-declared)');

  const overrides = page.getByRole('table', { name: 'Overrides' });
  await expect(overrides.getByRole('row', { name: /Surgical loupes/ })).toContainText('Morgan Lee');
  await expect(overrides.getByRole('row', { name: /Surgical loupes/ })).toContainText('Self-declared');
  await expect(overrides.getByRole('row', { name: /Surgical loupes/ })).toContainText('Loupes for the new hand clinic; the excess will be repaid');
  await expect(page.getByRole('table', { name: 'Repayments' }).getByRole('row', { name: /Ada Park/ })).toContainText('$5.00');
  await expect(page.getByRole('table', { name: 'Patient rewards' }).getByRole('row', { name: /JK/ })).toContainText('Coffee mug');

  const limits = page.getByRole('table', { name: 'Each recipient’s year against the limit' });
  await expect(limits.getByRole('row', { name: /Ben Cho/ })).toContainText(`Over the limit by ${formatCents(benOver)}`);
  await expect(limits.getByRole('row', { name: /Ada Park/ })).toContainText('At the limit');
  await expect(limits.getByRole('row', { name: /Ada Park/ })).toContainText(formatCents(stark));

  // The ledger head is printed on the report; verifying says the chain is intact.
  const headLine = page.getByTestId('ledger-head');
  await expect(headLine).toHaveText(/^Ledger head: [0-9a-f]{64}$/);
  const head = (await headLine.textContent())!.replace('Ledger head: ', '');
  expect(head).toBe((await app.api<{ head: string }>('ledger.verify', {})).head);
  await page.getByRole('button', { name: 'Verify ledger' }).click();
  const verdict = page.getByRole('status').filter({ hasText: 'Ledger intact' });
  await expect(verdict).toContainText('The ledger is intact: 7 records checked, none changed.');
  await expect(verdict).toContainText(head);
  await shot(page, 'report');

  // The CSV: every entry and share, the override, the repayment, and the ledger head.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`compliance-${year}-01-01-to-${year}-12-31.csv`);
  const csv = fs.readFileSync(await file.path(), 'utf8');
  expect(csv).toContain('Lunch for the whole office');
  expect(csv).toContain('Surgical loupes');
  expect(csv).toContain('Conference registration');
  expect(csv).toContain('"Ada Park, MD"');
  expect(csv).toContain('Override,');
  expect(csv).toContain('Repayment,');
  expect(csv).toContain('Coffee mug');
  expect(csv).toContain(`Latest hash ${head}`);

  // Printed: the totals and the ledger head are in the PDF's text; the app's frame and buttons are not.
  const report = await printedText(page, 'report');
  expect(report.text).toContain('Compliance report');
  expect(report.text).toContain(`Calendar year ${year}`);
  expect(report.text).toContain(formatCents(total));
  expect(report.text).toContain(`Over the limit by ${formatCents(benOver)}`);
  expect(report.text).toContain('Ledger head:');
  expect(report.text).toContain(head);
  // What the verification just found is on the printed page, with when.
  expect(report.text).toMatch(/Last verified \d{4}-\d\d-\d\d \d\d:\d\d UTC: The ledger is intact: 7 records checked, none changed\./);
  expect(report.text).not.toContain('Verify ledger');
  expect(report.text).not.toContain('Download CSV');
  expect(report.text).not.toContain('Worklist');

  // Dr Park's year-end statement, from the report.
  await limits.getByRole('link', { name: `Year-end statement: Ada Park, MD, ${year}` }).click();
  await expect(page.getByRole('heading', { name: `Year-end statement: Ada Park, MD, ${year}` })).toBeVisible();
  const summary = page.getByRole('table', { name: 'Summary' });
  await expect(summary).toContainText(formatCents(adaReceived));
  await expect(summary).toContainText('$5.00');
  await expect(summary).toContainText(`At the limit, after repaying $5.00`);
  const items = page.getByRole('table', { name: `What Ada Park, MD received in ${year}` });
  await expect(items.getByRole('row')).toHaveCount(4); // header, lunch, loupes, total
  await expect(items.getByRole('row', { name: /Lunch for the whole office/ })).toContainText('$20.00');
  await expect(items.getByRole('row', { name: /Total received/ })).toContainText(formatCents(adaReceived));
  await expect(page.getByTestId('limit-source')).toContainText('CMS');
  await expect(page.getByTestId('ledger-head')).toHaveText(`Ledger head: ${head}`);
  await shot(page, 'statement');

  const statement = await printedText(page, 'statement');
  expect(statement.text).toContain(`Year-end statement: Ada Park, MD, ${year}`);
  expect(statement.text).toContain(formatCents(adaReceived));
  expect(statement.text).toContain(formatCents(stark));
  expect(statement.text).toContain(head);
  expect(statement.text).not.toContain('Print or save as PDF');
  expect(statement.pages).toBe(1);

  await page.getByRole('link', { name: 'Back to the compliance report' }).click();
  await expect(page.getByRole('heading', { name: 'Compliance report' })).toBeVisible();
});

test('a date range with its end before its start says so and builds nothing', async ({ page, app }) => {
  await page.goto(`${app.url}#/compliance`);
  await page.getByRole('radiogroup', { name: 'Report for' }).getByText('Date range', { exact: true }).click();
  await page.getByLabel('From').fill('2026-05-01');
  await page.getByLabel('To').fill('2026-04-01');
  await expect(page.getByLabel('To')).toHaveAccessibleDescription('The report ends before it starts');
  await shot(page, 'report-range-error');
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  await page.getByLabel('To').fill('2026-05-31');
  await expect(page.getByText(/May 1\s*–\s*31, 2026/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nothing logged in this range' })).toBeVisible();
});
