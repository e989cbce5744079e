import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import { printed, shot } from './printed';
import { expect, test } from './withMe';

const ZONE = 'America/New_York';
test.use({ timezoneId: ZONE, me: null });

type Api = { api<T = unknown>(method: string, input: unknown): Promise<T> };
interface Id {
  id: string;
}

/** The page printed as a manager hands it on, its text as sentences, and how far right its widest chart reaches on paper. */
async function printedText(page: Page, name: string): Promise<{ text: string; pages: number; widestChart: number }> {
  const r = await printed(page, name, async () => {
    // Laid out for paper, every chart is redrawn at a width that fits the page (recharts would keep the window's and be cut off).
    await expect(page.locator('.chart-drawing svg.recharts-surface').first()).toHaveAttribute('width', '640');
    return Math.max(...(await page.locator('.chart-drawing svg.recharts-surface').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().right))));
  });
  // pdf.js splits lines where the page wraps them; the test reads sentences.
  return { text: r.text.replace(/\s+/g, ' '), pages: r.pages, widestChart: r.seen! };
}

/** `k` months before this one, as YYYY-MM-DD on day `day`. */
const monthsAgo = (k: number, day: number) => Temporal.Now.plainDateISO(ZONE).with({ day: 1 }).subtract({ months: k }).with({ day }).toString();
const plus = (day: string, n: number) => Temporal.PlainDate.from(day).add({ days: n }).toString();

/**
 * Eighteen months of referrals, none this month (so the figures are the same whatever day the test
 * runs). Last 12 months = this month and the 11 before; the last complete month is 1 month ago.
 *
 * - Lakeside Orthopedics (Jordan): 6 a month, then 1 last month: at risk, down 83% vs its 6-month average.
 * - Riverside Pediatrics (Riley): 4 a month. Summit Family Medicine (Jordan): 3 a month.
 * - Hilltop Urgent Care (Riley): 1 a month, from an urgent care, never seen.
 * - Northgate Clinic (nobody's): its first 2 referrals, 2 and 1 months ago: new, not enough data.
 * - Five small offices (nobody's): 1 referral each, 3 months ago: new.
 * - Old Mill Chiropractic (Riley): referred only 13–18 months ago: lost.
 *
 * In the last 12 months: Lakeside 61, Riverside 44, Summit 33, Hilltop 11, Northgate 2, five × 1 = 156
 * from 10 offices. 80% is 124.8: the top 3 (61 + 44 + 33 = 138) = 30% of offices; the top 20% (2
 * offices) send 105 = 67%.
 */
async function seed(app: Api) {
  await app.api('team.setMe', { name: 'Morgan Lee', role: 'manager' });
  const jordan = await app.api<Id>('team.create', { name: 'Jordan Avery', role: 'liaison' });
  const riley = await app.api<Id>('team.create', { name: 'Riley Brooks', role: 'liaison' });
  const office = (name: string, ownerId: string | null, city: string, zip: string) =>
    app.api<Id>('offices.create', { name, tier: 'A', stage: 'established', ...(ownerId ? { ownerId } : {}), address: { city, state: 'OH', zip } });
  const lakeside = await office('Lakeside Orthopedics', jordan.id, 'Toledo', '43604');
  const summit = await office('Summit Family Medicine', jordan.id, 'Toledo', '43615');
  const riverside = await office('Riverside Pediatrics', riley.id, 'Dayton', '45402');
  const hilltop = await office('Hilltop Urgent Care', riley.id, 'Dayton', '45409');
  const northgate = await office('Northgate Clinic', null, 'Cleveland', '44101');
  const oldMill = await office('Old Mill Chiropractic', riley.id, 'Dayton', '45410');
  const small = await Promise.all(['Anchor', 'Birch', 'Cedar', 'Dogwood', 'Elm'].map((n) => office(`${n} Street Clinic`, null, 'Columbus', '43215')));

  const refer = (officeId: string, receivedOn: string, o: { seen?: boolean; kind?: string; line?: string } = {}) =>
    app.api('referrals.create', {
      officeId,
      receivedOn,
      sourceKind: o.kind ?? 'physician_office',
      serviceLine: o.line ?? 'Sports medicine',
      ...(o.seen === false ? {} : { appointmentOn: plus(receivedOn, 4), seenOn: plus(receivedOn, 4), noteSentOn: plus(receivedOn, 6) }),
    });
  const calls: Promise<unknown>[] = [];
  for (let k = 18; k >= 1; k--) {
    const lakesideCount = k === 1 ? 1 : 6;
    for (let i = 0; i < lakesideCount; i++) calls.push(refer(lakeside.id, monthsAgo(k, 2 + i * 4), { line: i % 2 ? 'Joint replacement' : 'Spine' }));
    for (let i = 0; i < 4; i++) calls.push(refer(riverside.id, monthsAgo(k, 3 + i * 5)));
    for (let i = 0; i < 3; i++) calls.push(refer(summit.id, monthsAgo(k, 4 + i * 6)));
    calls.push(refer(hilltop.id, monthsAgo(k, 10), { seen: false, kind: 'urgent_care', line: 'Fractures' }));
    if (k >= 13) calls.push(refer(oldMill.id, monthsAgo(k, 12)));
    // Sent in small batches: the host serves one request at a time anyway.
    if (calls.length > 20) await Promise.all(calls.splice(0));
  }
  calls.push(refer(northgate.id, monthsAgo(2, 8)), refer(northgate.id, monthsAgo(1, 8)));
  for (const [i, o] of small.entries()) calls.push(refer(o.id, monthsAgo(3, 5 + i), { kind: i === 0 ? 'hospital' : 'physician_office' }));
  await Promise.all(calls);

  // Jordan's visits, with Lakeside's own ratings of the practice (Credibility comes only from them).
  for (const k of [2, 4]) {
    const start = `${monthsAgo(k, 14)}T15:00:00Z`;
    await app.api('visits.log', {
      officeId: lakeside.id,
      liaisonId: jordan.id,
      startsAt: start,
      endsAt: `${monthsAgo(k, 14)}T15:30:00Z`,
      feedback: { communication: 4, credibility: 4, capacity: 3, consistency: 5 },
    });
  }
  await app.api('visits.log', { officeId: summit.id, liaisonId: jordan.id, startsAt: `${monthsAgo(3, 9)}T14:00:00Z`, endsAt: `${monthsAgo(3, 9)}T14:45:00Z` });
  return { jordan, riley, lakeside, northgate };
}

test('a manager reads the dashboard, narrows it to a liaison, opens the at-risk office’s scorecard, prints and downloads both, and the office tops its liaison’s worklist', async ({ page, app }) => {
  const { lakeside } = await seed(app);

  await page.goto(`${app.url}#/dashboard`);
  await expect(page.getByRole('heading', { name: 'Referral dashboard' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('radiogroup', { name: 'Period' }).getByRole('radio', { name: 'Last 12 months' })).toBeChecked();

  // The totals, and the Pareto check against the practice's own data.
  const totals = page.getByRole('region', { name: 'Totals' });
  await expect(totals.getByRole('group', { name: 'Received' })).toContainText('156');
  await expect(totals.getByRole('group', { name: 'Referring offices' })).toContainText('10');
  await expect(totals.getByRole('group', { name: 'Conversion' })).toContainText('145 seen of 156 received');
  await expect(page.getByTestId('pareto-sentence')).toHaveText('30% of referring offices send 80% of referrals (the top 20% send 67%)');
  // Each chart's numbers are there for a screen reader too.
  const monthly = page.getByRole('table', { name: 'Referrals received and seen, month by month, as a table' });
  await expect(monthly.getByRole('row')).toHaveCount(13);
  await expect(page.getByRole('table', { name: 'Referrals by source, as a table' }).getByRole('row', { name: /Urgent care or ER/ })).toContainText('11');

  const top = page.getByRole('table', { name: 'Top referrers' });
  await expect(top.getByRole('row')).toHaveCount(11);
  await expect(top.getByRole('row').nth(1)).toContainText('Lakeside Orthopedics');
  await expect(top.getByRole('row').nth(1)).toContainText('Jordan Avery');
  await expect(top.getByRole('row', { name: /Northgate Clinic/ })).toContainText('Not enough data (2 referrals)');
  const atRisk = page.getByRole('table', { name: 'Offices at risk' });
  await expect(atRisk.getByRole('row')).toHaveCount(2);
  await expect(atRisk.getByRole('row', { name: /Lakeside Orthopedics/ })).toContainText('referrals down 83% vs its 6-month average');
  await expect(page.getByRole('table', { name: 'New referrers' }).getByRole('row')).toHaveCount(7);
  await expect(page.getByRole('table', { name: 'Lost referrers' }).getByRole('row', { name: /Old Mill Chiropractic/ })).toBeVisible();
  const liaisons = page.getByRole('table', { name: 'Liaisons' });
  await expect(liaisons.getByRole('row', { name: /Jordan Avery/ })).toContainText('94');
  await shot(page, 'dashboard');

  // Narrowed to one liaison: only Jordan's offices.
  await page.getByRole('combobox', { name: 'Liaison' }).click();
  await page.getByRole('option', { name: 'Jordan Avery' }).click();
  await expect(page.getByTestId('dashboard-scope')).toContainText('Liaison: Jordan Avery');
  await expect(top.getByRole('row')).toHaveCount(3);
  await expect(top).not.toContainText('Riverside Pediatrics');
  await expect(totals.getByRole('group', { name: 'Received' })).toContainText('94');
  await expect(liaisons.getByRole('row')).toHaveCount(2);
  await expect(atRisk.getByRole('row', { name: /Lakeside Orthopedics/ })).toBeVisible();
  await shot(page, 'dashboard-jordan');

  // The dashboard as a PDF: the Pareto sentence and the office, no app frame, no buttons.
  const dashPdf = await printedText(page, 'dashboard');
  expect(dashPdf.text).toContain('Referral dashboard');
  expect(dashPdf.text).toContain('Liaison: Jordan Avery');
  expect(dashPdf.text).toContain('Lakeside Orthopedics');
  expect(dashPdf.text).toContain('referrals down 83% vs its 6-month average');
  expect(dashPdf.text).toMatch(/\d+% of referring offices send 80% of referrals \(the top 20% send \d+%\)/);
  expect(dashPdf.text).not.toContain('Download CSV');
  expect(dashPdf.text).not.toContain('Worklist');
  // A Letter page less its margins is about 725 CSS pixels wide.
  expect(dashPdf.widestChart).toBeLessThanOrEqual(725);

  // The CSV: each section with its own header.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Referral dashboard \d{4}-\d\d-01 to \d{4}-\d\d-\d\d\.csv$/);
  const csv = fs.readFileSync(await file.path(), 'utf8');
  // A byte-order mark first, so Excel reads it as UTF-8.
  expect(csv.split(/\r?\n/)[0]).toMatch(/^\uFEFF?Period,/);
  expect(csv).toContain('Rank,Office,Liaison,City,Received,Share,Previous period,Change,Conversion');
  expect(csv).toMatch(/1,Lakeside Orthopedics,Jordan Avery,Toledo,61,/);
  expect(csv).not.toContain('Riverside Pediatrics');

  // The at-risk office's scorecard, from the at-risk list.
  await atRisk.getByRole('link', { name: 'Lakeside Orthopedics' }).click();
  await expect(page.getByRole('heading', { name: 'Scorecard: Lakeside Orthopedics' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/scorecards/office/${lakeside.id}\\?period=last12$`));
  await expect(page.getByTestId('overall-score')).toHaveText(/^\d{1,3}$/);
  const overall = (await page.getByTestId('overall-score').textContent())!;
  const cs = page.getByRole('region', { name: 'The Four C’s' });
  // Credibility is the office's own rating alone: 4 of 5 is 75.
  await expect(cs.getByRole('group', { name: 'Credibility' })).toContainText('75');
  await expect(cs.getByRole('group', { name: 'Credibility' })).toContainText('Their rating: 4 of 5 (2)');

  // A C's numbers, one click away.
  const capacity = page.getByRole('button', { name: 'Show the numbers behind Capacity' });
  await expect(capacity).toHaveAttribute('aria-expanded', 'false');
  await capacity.click();
  const measures = page.getByRole('table', { name: 'Capacity measures' });
  await expect(measures.getByRole('row', { name: /Conversion/ })).toContainText('61 of 61 (100%)');
  await expect(measures.getByRole('row', { name: /Conversion/ })).toContainText('50%');
  await expect(measures.getByRole('row', { name: /Days to first appointment/ })).toContainText('4 days');
  await expect(measures.getByRole('row', { name: /own rating/ })).toContainText('3 of 5, from 2 ratings');
  await expect(page.getByRole('button', { name: 'Hide the numbers behind Capacity' })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('table', { name: 'Twelve months, each C, as a table' }).getByRole('row')).toHaveCount(13);
  await expect(page.getByRole('region', { name: 'Volume and speed' }).getByRole('group', { name: 'Received' })).toContainText('61');
  await shot(page, 'scorecard');

  // The scorecard as a PDF: every C's numbers are printed, clicked open or not.
  const cardPdf = await printedText(page, 'scorecard');
  expect(cardPdf.text).toContain('Scorecard: Lakeside Orthopedics');
  expect(cardPdf.text).toContain(`Overall score ${overall}`);
  expect(cardPdf.text).toContain('The numbers behind Communication');
  expect(cardPdf.text).toContain('61 of 61 consult notes within 7 days (100%)');
  expect(cardPdf.text).toContain('The numbers behind Capacity');
  expect(cardPdf.text).not.toContain('Show the numbers');
  expect(cardPdf.text).not.toContain('Download CSV');
  expect(cardPdf.widestChart).toBeLessThanOrEqual(725);

  const cardDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const cardCsv = fs.readFileSync(await (await cardDownload).path(), 'utf8');
  expect(cardCsv.split(/\r?\n/)[0]!.replace(/^\uFEFF/, '')).toBe('Section,Measure,Score (0–100),Made from,Poor,Good,Value');
  expect(cardCsv).toContain(`Overall,,${overall},`);
  expect(cardCsv).toContain('Capacity,Conversion (seen ÷ received),100,61 of 61 (100%)');

  await page.getByRole('link', { name: 'Back to the dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Referral dashboard' })).toBeVisible();
  // The filters were kept for this user.
  await expect(page.getByRole('combobox', { name: 'Liaison' })).toHaveValue('Jordan Avery');

  // The loop closed: Jordan's worklist puts the slipping office first, in the dashboard's words.
  await app.api('team.setMe', { name: 'Jordan Avery', role: 'liaison' });
  await page.goto(`${app.url}#/worklist`);
  // A fresh start of the app as Jordan (the hash change alone keeps the page loaded as Morgan).
  await page.reload();
  await expect(page.getByRole('link', { name: /^You are Jordan Avery, Liaison/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Liaison' })).toHaveValue('Me (Jordan Avery)');
  const worklist = page.getByRole('table', { name: 'Due and overdue offices' });
  const first = worklist.getByRole('row').filter({ has: page.getByRole('cell') }).first();
  await expect(first).toContainText('Lakeside Orthopedics');
  await expect(first).toContainText('referrals down 83% vs its 6-month average');
  await shot(page, 'worklist-jordan');
});

test('a physician’s scorecard, and an office with too few referrals says so instead of scoring', async ({ page, app }) => {
  const { northgate } = await seed(app);
  await app.api('people.create', { officeId: northgate.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD' });
  await page.goto(`${app.url}#/scorecards/office/${northgate.id}`);
  await expect(page.getByRole('heading', { name: 'Scorecard: Northgate Clinic' })).toBeVisible();
  await expect(page.getByTestId('overall-score')).toHaveText('Not enough data: 2 referrals in this period (a score needs 3).');
  await expect(page.getByRole('region', { name: 'The Four C’s' }).getByRole('group', { name: 'Capacity' })).toContainText('Not scored');
  // The numbers are still there to read.
  await page.getByRole('button', { name: 'Show the numbers behind Capacity' }).click();
  await expect(page.getByRole('table', { name: 'Capacity measures' }).getByRole('row', { name: /Conversion/ })).toContainText('2 of 2 (100%)');

  // A custom period with its end before its start builds nothing.
  await page.getByRole('radiogroup', { name: 'Period' }).getByText('Custom', { exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'From' })).not.toHaveValue('');
  await page.getByRole('textbox', { name: 'To' }).fill('2020-01-01');
  await expect(page.getByRole('textbox', { name: 'To' })).toHaveAccessibleDescription('The period ends before it starts');

  // A physician's own scorecard, from the office's page.
  await page.getByRole('link', { name: 'Open Northgate Clinic' }).click();
  await expect(page).toHaveURL(new RegExp(`#/offices/${northgate.id}$`));
  const actions = page.getByRole('button', { name: 'Actions for Ada Park' });
  // Centred first: clicked at the window's bottom edge, the menu would open upward past it and stay hidden.
  await actions.evaluate((b) => b.scrollIntoView({ block: 'center' }));
  await actions.click();
  await page.getByRole('menuitem', { name: 'Four C’s scorecard' }).click();
  await expect(page.getByRole('heading', { name: 'Scorecard: Ada Park, MD' })).toBeVisible();
  await expect(page.getByTestId('scorecard-scope')).toContainText('Northgate Clinic');
  await expect(page.getByTestId('overall-score')).toHaveText('Not enough data: 0 referrals in this period (a score needs 3).');
  await page.goBack();
  await page.getByRole('region', { name: 'Referrals' }).getByRole('link', { name: 'Scorecard' }).click();
  await expect(page.getByRole('heading', { name: 'Scorecard: Northgate Clinic' })).toBeVisible();
});

test('with no referrals the dashboard says how to get them in', async ({ page, app }) => {
  await app.api('team.setMe', { name: 'Morgan Lee', role: 'manager' });
  await page.goto(`${app.url}#/dashboard`);
  await expect(page.getByRole('heading', { name: 'No referrals in this period' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log a referral' })).toHaveAttribute('href', '#/referrals');
  await expect(page.getByRole('link', { name: 'Import referrals' })).toHaveAttribute('href', '#/import?spec=referrals');
  await shot(page, 'dashboard-empty');
});
