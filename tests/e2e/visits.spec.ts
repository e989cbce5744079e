import fs from 'node:fs';
import { Temporal } from 'temporal-polyfill';
import { signIn } from './signIn';
import { expect, test } from './withMe';

const ZONE = 'America/New_York';
// The browser plans in New York whatever this machine's zone is: times on screen are in it, instants stored in UTC.
test.use({ timezoneId: ZONE });

const today = () => Temporal.Now.plainDateISO(ZONE);

interface Me {
  member: { id: string };
}

/** A tier-A office last visited a month ago (so overdue), with a physician, owned by me. */
async function overdueOffice(app: { api<T>(m: string, i: unknown): Promise<T> }) {
  const { member } = await app.api<Me>('team.me', {});
  const office = await app.api<{ id: string }>('offices.create', {
    name: 'Lakeside Orthopedics', tier: 'A', stage: 'established', ownerId: member.id, address: { city: 'Toledo', state: 'OH', zip: '43604' },
  });
  await app.api('people.create', { officeId: office.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD' });
  const last = today().subtract({ days: 30 }).toZonedDateTime({ timeZone: ZONE, plainTime: '10:00' });
  await app.api('visits.log', { officeId: office.id, startsAt: last.toInstant().toString(), endsAt: last.add({ minutes: 30 }).toInstant().toString(), zone: ZONE });
  return { me: member, office };
}

test('a liaison plans from the worklist, moves the visit on the calendar, logs it with feedback and a follow-up, and the worklist follows', async ({ page, app, browser }) => {
  const { office } = await overdueOffice(app);
  // A second window keeps the worklist open all along: it must follow without a reload.
  const watcher = await browser.newPage({ timezoneId: ZONE });
  await signIn(watcher, app);
  await watcher.goto(`${app.url}#/worklist`);
  const watched = watcher.getByRole('table', { name: 'Due and overdue offices' });
  await expect(watched.getByRole('row', { name: /Lakeside Orthopedics/ })).toContainText(/1[56] days overdue, tier A every 2 weeks/);

  await page.goto(`${app.url}#/worklist`);
  const list = page.getByRole('table', { name: 'Due and overdue offices' });
  await expect(list.getByRole('row', { name: /Lakeside Orthopedics/ })).toContainText('tier A every 2 weeks');
  await page.getByRole('button', { name: 'Plan a visit to Lakeside Orthopedics' }).click();
  const plan = page.getByRole('dialog', { name: 'Plan a visit: Lakeside Orthopedics' });
  const yesterday = today().subtract({ days: 1 });
  await plan.getByLabel('Date').fill(yesterday.toString());
  await plan.getByLabel('Start time').fill('10:00');
  await plan.getByLabel('Minutes').fill('45');
  await plan.getByRole('button', { name: 'Plan visit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Visit to Lakeside Orthopedics planned.' })).toBeVisible();
  await expect(plan).toBeHidden();

  // The calendar, on yesterday's day view.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  const view = (name: string) => page.getByRole('radiogroup', { name: 'Calendar view' }).getByText(name, { exact: true }).click();
  await view('Day');
  await page.getByRole('button', { name: 'Previous day' }).click();
  const visit = page.getByRole('button', { name: /^Visit: Lakeside Orthopedics, planned, .* 10:00–10:45/ });
  await expect(visit).toBeVisible();

  // Export before it is logged: planned visits go to the .ics file.
  await view('Week');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .ics' }).click();
  const file = await (await download).path();
  const ics = fs.readFileSync(file, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('SUMMARY:Visit: Lakeside Orthopedics');
  expect(ics).toMatch(/DTSTART;TZID=America\/New_York:\d{8}T100000/);
  await view('Day');
  const longDay = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${yesterday.toString()}T00:00:00Z`));
  await expect(page.getByRole('heading', { name: new RegExp(`\\b${longDay},`) })).toBeVisible();

  // Drag it two hours later with the mouse.
  const box = (await visit.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.down();
  const tenOClock = page.getByText('10:00', { exact: true }).first();
  const noon = page.getByText('12:00', { exact: true }).first();
  const dy = (await noon.boundingBox())!.y - (await tenOClock.boundingBox())!.y;
  await page.mouse.move(box.x + box.width / 2, box.y + 8 + dy / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + 8 + dy, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole('alert').filter({ hasText: 'Lakeside Orthopedics: moved.' })).toBeVisible();
  const moved = page.getByRole('button', { name: /^Visit: Lakeside Orthopedics, planned, .* 12:00–12:45/ });
  await expect(moved).toBeVisible();

  // And back by keyboard: focus it, M, a new start time, Enter.
  await moved.focus();
  await page.keyboard.press('m');
  const move = page.getByRole('dialog', { name: /Move visit/ });
  await move.getByLabel('Start time').fill('09:30');
  await page.keyboard.press('Enter');
  const settled = page.getByRole('button', { name: /^Visit: Lakeside Orthopedics, planned, .* 09:30–10:15/ });
  await expect(settled).toBeVisible();

  // Open it and log what happened.
  await settled.click();
  const opened = page.getByRole('dialog', { name: 'Visit: Lakeside Orthopedics' });
  await opened.getByRole('button', { name: 'Log visit' }).click();
  const log = page.getByRole('dialog', { name: 'Log the visit: Lakeside Orthopedics' });
  await log.getByRole('combobox', { name: 'Who was seen' }).click();
  await page.getByRole('option', { name: 'Ada Park, MD' }).click();
  await log.getByRole('combobox', { name: 'What was left' }).fill('Referral pads');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  for (const [c, n] of [['Communication', '4'], ['Credibility', '5'], ['Capacity', '2'], ['Consistency', '3']] as const) {
    await log.getByRole('radiogroup', { name: c }).getByText(n, { exact: true }).click();
  }
  await log.getByLabel('What they said').fill('MRI waits are too long');
  await log.getByRole('button', { name: 'Add a follow-up' }).click();
  await log.getByRole('textbox', { name: 'Task 1' }).fill('Send the MRI scheduling line');
  await log.getByRole('button', { name: 'Log visit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Visit to Lakeside Orthopedics logged with 1 follow-up task.' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Visit: Lakeside Orthopedics, completed, .* 09:30–10:15/ })).toBeVisible();

  // The other window's worklist dropped the office, with no reload.
  await expect(watched.getByRole('row', { name: /Lakeside Orthopedics/ })).toHaveCount(0);
  await watcher.close();

  // The office page: next due two weeks after the visit, the feedback on the timeline, the open follow-up.
  await page.goto(`${app.url}#/offices/${office.id}`);
  await expect(page.getByTestId('office-next-due')).toHaveText(/^Next visit due in 13 days .* tier A every 2 weeks$/);
  await expect(page.getByRole('button', { name: 'Mark done: Send the MRI scheduling line' })).toBeVisible();
  await expect(page.getByText(/Communication 4\/5, Credibility 5\/5, Capacity 2\/5, Consistency 3\/5 — MRI waits are too long/)).toBeVisible();
});

test('P on a worklist row plans a visit, and a time outside the best times asks first', async ({ page, app }) => {
  const { office } = await overdueOffice(app);
  await app.api('offices.update', { id: office.id, patch: { visitHours: [{ days: [2, 4], from: '08:00', to: '11:00' }] } });
  await page.goto(`${app.url}#/worklist`);
  const row = page.getByRole('table', { name: 'Due and overdue offices' }).getByRole('row', { name: /Lakeside Orthopedics/ });
  await row.focus();
  await page.keyboard.press('p');
  const plan = page.getByRole('dialog', { name: 'Plan a visit: Lakeside Orthopedics' });
  await expect(plan.getByText('Doctors are in: Tue, Thu 08:00–11:00')).toBeVisible();
  // Next Wednesday afternoon: no doctors in.
  let wed = today().add({ days: 1 });
  while (wed.dayOfWeek !== 3) wed = wed.add({ days: 1 });
  await plan.getByLabel('Date').fill(wed.toString());
  await plan.getByLabel('Start time').fill('14:00');
  await plan.getByRole('button', { name: 'Plan visit' }).click();
  await expect(plan.getByRole('alert')).toContainText('Outside this office');
  await plan.getByRole('button', { name: 'Plan anyway' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Visit to Lakeside Orthopedics planned.' })).toBeVisible();

  // Bad input says what is wrong on the field, and nothing is saved.
  await expect(row.getByRole('link', { name: 'Lakeside Orthopedics' })).toBeFocused();
  await page.keyboard.press('p');
  await expect(plan).toBeVisible();
  await plan.getByLabel('Date').fill(today().add({ years: 3 }).toString());
  await plan.getByRole('button', { name: 'Plan visit' }).click();
  await expect(plan.getByText('That is more than two years away; check the year.')).toBeVisible();
  const visits = await app.api<unknown[]>('visits.forOffice', { officeId: office.id });
  expect(visits).toHaveLength(2);
});

test("orders a day's route from home, re-times the day in one click, and exports the mileage log", async ({ page, app }) => {
  const { member } = await app.api<Me>('team.me', {});
  await app.api('team.update', { id: member.id, patch: { routeStart: { label: 'Home', zip: '43215', roundTrip: true } } });
  const day = today().add({ days: 1 });
  // Planned in a poor order: north, south, north-west.
  const places = [['Westerville Ortho', '43081', '14:00'], ['Grove City Family', '43123', '15:00'], ['Dublin Cardiology', '43017', '16:00']] as const;
  for (const [name, zip, time] of places) {
    const o = await app.api<{ id: string }>('offices.create', { name, ownerId: member.id, address: { zip } });
    const at = day.toZonedDateTime({ timeZone: ZONE, plainTime: time });
    await app.api('visits.plan', { officeId: o.id, startsAt: at.toInstant().toString(), endsAt: at.add({ minutes: 30 }).toInstant().toString(), zone: ZONE });
  }
  await page.goto(`${app.url}#/route`);
  await page.getByRole('button', { name: 'Next day' }).click();
  const stops = page.getByRole('table', { name: 'Stops in driving order' });
  await expect(stops.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('img', { name: /^Route: Home → .* → Home, [\d.]+ miles estimated$/ })).toBeVisible();
  // Grove City (south) is not between the two northern stops.
  const order = await stops.getByRole('row').allInnerTexts();
  const at = (name: string) => order.findIndex((r) => r.includes(name));
  expect(Math.abs(at('Westerville Ortho') - at('Dublin Cardiology'))).toBe(1);

  await page.getByRole('button', { name: 'Re-order and re-time the day' }).click();
  await page.getByRole('button', { name: 'Re-time the visits' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Day re-ordered: 3 visits re-timed/ })).toBeVisible();
  // The calendar has the new times: the first stop now starts in the morning, after the drive from home at 08:30.
  const visits = await app.api<{ officeName: string; startsAt: string }[]>('visits.range', {
    from: day.toZonedDateTime({ timeZone: ZONE }).toInstant().toString(),
    to: day.add({ days: 1 }).toZonedDateTime({ timeZone: ZONE }).toInstant().toString(),
  });
  const first = Temporal.Instant.from(visits[0]!.startsAt).toZonedDateTimeISO(ZONE);
  expect(first.hour).toBe(8);
  expect(visits.map((v) => v.officeName)).toEqual(order.slice(1).map((r) => places.find(([n]) => r.includes(n))![0]));

  const mileage = page.getByRole('region', { name: /Mileage log/ });
  await mileage.getByRole('textbox', { name: 'From' }).fill(day.toString());
  await mileage.getByRole('textbox', { name: 'To' }).fill(day.toString());
  const download = page.waitForEvent('download');
  await mileage.getByRole('button', { name: 'Export mileage CSV' }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  expect(csv).toMatch(/^\uFEFF?Date,Liaison,Stops,Estimated miles,Route,Notes/);
  expect(csv).toContain(`${day.toString()},Casey Tester,3,`);
});

test('my tasks: overdue ones marked, done with one key, undone from the notice', async ({ page, app }) => {
  const { office } = await overdueOffice(app);
  await app.api('tasks.create', { officeId: office.id, title: 'Send referral pads', dueDate: today().subtract({ days: 2 }).toString() });
  await app.api('tasks.create', { officeId: office.id, title: 'Book a lunch-and-learn', dueDate: today().add({ days: 5 }).toString() });
  await page.goto(`${app.url}#/tasks`);
  const table = page.getByRole('table', { name: 'Tasks' });
  const overdue = table.getByRole('row', { name: /Send referral pads/ });
  await expect(overdue).toContainText('Overdue');
  await expect(table.getByRole('row', { name: /Book a lunch-and-learn/ })).not.toContainText('Overdue');
  await overdue.focus();
  await page.keyboard.press('d');
  await expect(page.getByRole('alert').filter({ hasText: 'Marked done: Send referral pads' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Send referral pads/ })).toHaveCount(0);
  await page.getByRole('alert').filter({ hasText: 'Marked done: Send referral pads' }).getByRole('button', { name: 'Undo' }).click();
  await expect(table.getByRole('row', { name: /Send referral pads/ })).toBeVisible();

  // A task added by hand: the office found by typing part of its city, the due date required.
  await page.getByRole('button', { name: 'Add task' }).click();
  const add = page.getByRole('dialog', { name: 'Add a task' });
  await add.getByRole('textbox', { name: /^Task/ }).fill('Ask about the new MRI slots');
  await add.getByRole('combobox', { name: 'Office' }).fill('toledo');
  await page.getByRole('option', { name: 'Lakeside Orthopedics · Toledo' }).click();
  await add.getByRole('button', { name: /Add task|Save/ }).click();
  await expect(add.getByText('A task needs a due date')).toBeVisible();
  await add.getByLabel(/Due/).fill(today().add({ days: 3 }).toString());
  await add.getByRole('button', { name: /Add task|Save/ }).click();
  await expect(table.getByRole('row', { name: /Ask about the new MRI slots/ })).toContainText('Lakeside Orthopedics');
});

test('settings: where my day starts, and the practice cadence the worklist follows', async ({ page, app }) => {
  await overdueOffice(app);
  await page.goto(`${app.url}#/settings`);
  const start = page.getByRole('region', { name: 'Route start' });
  await start.getByRole('textbox', { name: /ZIP/ }).fill('Columbus');
  await start.getByRole('button', { name: /Save/ }).click();
  await expect(start.getByText(/5 digits/)).toBeVisible();
  await start.getByRole('textbox', { name: /ZIP/ }).fill('43215');
  await start.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Route start saved.' })).toBeVisible();
  const { member } = await app.api<{ member: { routeStart: { zip: string } | null } }>('team.me', {});
  expect(member.routeStart?.zip).toBe('43215');

  // Tier A every 8 weeks: a visit a month ago is no longer overdue.
  const cadence = page.getByRole('region', { name: 'Visit cadence' });
  await cadence.getByRole('textbox', { name: 'Tier A: every how many' }).fill('8');
  await cadence.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Cadence rules saved.' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Worklist' }).click();
  await expect(page.getByText('Nothing due')).toBeVisible();
});

test("today's visits and overdue follow-ups are said when the app opens, and a call logged on the office page moves its next visit", async ({ page, app }) => {
  const { office } = await overdueOffice(app);
  const later = Temporal.Now.zonedDateTimeISO(ZONE).add({ hours: 2 }).round({ smallestUnit: 'minute' });
  const sameDay = later.toPlainDate().equals(today()) ? later : today().toZonedDateTime({ timeZone: ZONE, plainTime: '23:00' });
  await app.api('visits.plan', { officeId: office.id, startsAt: sameDay.toInstant().toString(), endsAt: sameDay.add({ minutes: 30 }).toInstant().toString(), zone: ZONE, outsideHoursOk: true });
  await app.api('tasks.create', { officeId: office.id, title: 'Send referral pads', dueDate: today().subtract({ days: 3 }).toString() });
  await page.goto(`${app.url}#/offices/${office.id}`);
  const notice = page.getByRole('alert').filter({ hasText: 'Today: 1 visit' });
  await expect(notice).toContainText('Lakeside Orthopedics');
  await expect(notice).toContainText('1 overdue follow-up task');
  await notice.getByRole('link', { name: 'Open the calendar' }).click();
  await expect(page.getByRole('heading', { name: 'Calendar', level: 2 })).toBeVisible();
  await page.goBack();

  await expect(page.getByTestId('office-next-due')).toContainText('overdue');
  await page.getByRole('button', { name: 'Log call, email or drop-off' }).click();
  await page.getByRole('menuitem', { name: 'Phone call' }).click();
  const call = page.getByRole('dialog', { name: /Log a phone call/ });
  await call.getByLabel('Notes').fill('Office manager asked for Spanish brochures');
  await call.getByRole('button', { name: 'Log it' }).click();
  await expect(page.getByTestId('office-next-due')).toHaveText(/^Next visit due in 1[34] days/);
  await expect(page.getByText('Office manager asked for Spanish brochures')).toBeVisible();

  // Switched off in Settings, nothing is said the next day (or here, in a fresh window).
  await page.goto(`${app.url}#/settings`);
  await page.getByRole('switch', { name: /Remind me of today's visits/ }).click({ force: true });
  await expect(page.getByRole('alert').filter({ hasText: 'Reminders off.' })).toBeVisible();
  expect((await app.api<{ enabled: boolean }>('reminders.today', { zone: ZONE })).enabled).toBe(false);
});

test("an office's best times and position are set in its form, and a half-given position is refused on the field", async ({ page, app }) => {
  await page.goto(`${app.url}#/offices`);
  // The empty directory offers the button twice (header and empty state): either will do.
  await page.getByRole('button', { name: 'New office' }).first().click();
  const form = page.getByRole('dialog', { name: 'New office' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Summit Heart Center');
  await form.getByRole('button', { name: 'Add a window' }).click();
  await form.getByRole('group', { name: 'Window 1 days' }).getByText('Fri').click();
  await form.getByRole('textbox', { name: 'Best time: note' }).fill('Ask for Maria');
  await form.getByRole('textbox', { name: 'Latitude' }).fill('39.9612');
  await form.getByRole('button', { name: 'Create office' }).click();
  await expect(form.getByRole('textbox', { name: 'Longitude' })).toHaveAccessibleDescription('Give both latitude and longitude, or neither');
  await form.getByRole('textbox', { name: 'Longitude' }).fill('-82.9988');
  await form.getByRole('button', { name: 'Create office' }).click();
  const details = page.getByRole('region', { name: 'Office details' });
  await expect(details).toContainText('Tue, Thu, Fri 08:00–11:00');
  await expect(details).toContainText('Ask for Maria');
  await expect(details).toContainText('39.96120, -82.99880');
});
