import { Temporal } from 'temporal-polyfill';
import { expect, test } from './withMe';

const ZONE = 'America/New_York';
test.use({ timezoneId: ZONE });
const today = () => Temporal.Now.plainDateISO(ZONE);

interface Id {
  id: string;
}

/** An office of 9 people: 2 physicians, an NP and 6 staff (two of them named). */
async function officeOfNine(app: { api<T>(m: string, i: unknown): Promise<T> }) {
  const office = await app.api<Id>('offices.create', { name: 'Lakeside Orthopedics', address: { city: 'Toledo', state: 'OH', zip: '43604' } });
  const park = await app.api<Id>('people.create', { officeId: office.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD', npi: '1245319599' });
  const chen = await app.api<Id>('people.create', { officeId: office.id, kind: 'physician', firstName: 'Bo', lastName: 'Chen', credentials: 'DO' });
  await app.api('people.create', { officeId: office.id, kind: 'staff', firstName: 'Rita', lastName: 'Gomez', role: 'Office manager' });
  return { office, park, chen };
}

test('a liaison logs a lunch for an office of 9 and sees each physician’s share; a gift over the limit is refused with the numbers, then a manager overrides it with a reason', async ({ page, app }) => {
  const { office, park } = await officeOfNine(app);
  // Dr. Park has already had $500 this year (a logged gift).
  await app.api('gifts.log', { officeId: office.id, kind: 'gift', day: today().with({ month: 1, day: 15 }).toString(), totalCents: 50_000, peopleSharing: 1, recipients: [{ personId: park.id }], description: 'Textbook set' });

  await page.goto(`${app.url}#/offices/${office.id}`);
  const section = page.getByRole('region', { name: 'Gifts and meals' });
  await section.getByRole('button', { name: 'Log gift or meal' }).click();
  const form = page.getByRole('dialog', { name: 'Log a gift or meal' });
  await expect(form.getByRole('combobox', { name: 'Kind' })).toHaveValue('Meal');
  await form.getByLabel('Total ($)').fill('$180.01');
  await form.getByRole('textbox', { name: 'People who shared it' }).fill('9');
  await form.getByRole('checkbox', { name: /Ada Park, MD/ }).check();
  await form.getByRole('checkbox', { name: /Bo Chen, DO/ }).check();
  // The odd cent goes to a named physician first (Park or Chen by their fixed order); the other gets $20.00.
  const checkTable = form.getByRole('table', { name: 'Limits check' });
  await expect(checkTable.getByRole('row', { name: /Bo Chen/ })).toContainText(/\$20\.0[01]/);
  await expect(checkTable.getByRole('row', { name: /Ada Park/ })).toContainText('Close to the limit');
  await expect(form.getByText('People not named share $140.00.')).toBeVisible();
  await form.getByLabel('Description').fill('Lunch and learn: knee protocol');
  await form.getByLabel('Vendor').fill('Panera Bread');
  await form.getByRole('button', { name: 'Log entry' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Meal for Lakeside Orthopedics logged.' })).toBeVisible();
  await expect(form).toBeHidden();
  await expect(section.getByRole('table', { name: /totals by person/ }).getByRole('row', { name: /Bo Chen/ })).toContainText(/\$20\.0[01]/);

  // A $40 gift would take Dr. Park past the $535 limit: refused, with the numbers.
  await section.getByRole('button', { name: 'Log gift or meal' }).click();
  await form.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Gift', exact: true }).click();
  await form.getByLabel('Total ($)').fill('40');
  await form.getByRole('checkbox', { name: /Ada Park, MD/ }).check();
  await form.getByLabel('Description').fill('Fruit basket');
  const parkRow = checkTable.getByRole('row', { name: /Ada Park/ });
  await expect(parkRow).toContainText('Over the limit');
  await expect(parkRow).toContainText(/\$2[0-9]\.\d\d over/);
  await expect(parkRow).toContainText('$535.00');
  await form.getByRole('button', { name: 'Log entry' }).click();
  await expect(form.getByText(/Over the limit, so not saved\. Ada Park, MD: \$520\.0[01] already \+ \$40\.00 now/)).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog', { name: /Discard/i }).getByRole('button', { name: /Discard/i }).click();
  await expect(form).toBeHidden();

  // As a manager, with a written reason, it saves and the override is on record.
  await app.api('team.setMe', { name: 'Morgan Manager', role: 'manager' });
  await page.reload();
  await expect(page.getByRole('link', { name: /You are Morgan Manager/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Gifts and meals' }).getByText(/in \d{4} · 2 entries/)).toBeVisible();
  await page.getByRole('region', { name: 'Gifts and meals' }).getByRole('button', { name: 'Log gift or meal' }).click();
  await expect(form).toBeVisible();
  await form.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Gift', exact: true }).click();
  await form.getByLabel('Total ($)').fill('40');
  await form.getByRole('checkbox', { name: /Ada Park, MD/ }).check();
  await form.getByLabel('Description').fill('Fruit basket');
  await expect(checkTable.getByRole('row', { name: /Ada Park/ })).toContainText('Over the limit');
  await form.getByRole('button', { name: 'Override and log' }).click();
  await expect(form.getByText('Write why this entry may go over the limit (at least a sentence)')).toBeVisible();
  await form.getByLabel(/Manager’s override/).fill('Condolence gift after a death in the family; approved by the practice owner');
  await form.getByRole('button', { name: 'Override and log' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Gift for Lakeside Orthopedics logged.' })).toBeVisible();

  // Dr. Park's year: over the limit, the cure window, the entry with its override.
  await page.getByRole('link', { name: 'Ada Park, MD' }).click();
  await expect(page.getByRole('heading', { name: 'Ada Park, MD: gifts and meals' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: /total against the limit/ })).toBeVisible();
  await expect(page.getByText(/^\$560\.0[01] of \$535\.00 · \$25\.0[01] over$/)).toBeVisible();
  await expect(page.getByText(/over the \d{4} limit/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Fruit basket' }).click();
  const detail = page.getByRole('dialog', { name: 'Gift: Fruit basket' });
  await expect(detail.getByText('Condolence gift after a death in the family')).toBeVisible();
  await expect(detail.getByText(/overridden by Morgan Manager \(manager\)/)).toBeVisible();
  await expect(detail.getByText('Role self-declared: not checked by a team server.')).toBeVisible();
});

test('a gift card is never allowed, and a keyboard-only quick add logs a thank-you note from the gifts page', async ({ page, app }) => {
  const { office } = await officeOfNine(app);
  await page.goto(`${app.url}#/gifts`);
  await expect(page.getByText(/Nothing logged for \d{4}/)).toBeVisible();
  await page.keyboard.press('n');
  const form = page.getByRole('dialog', { name: 'Log a gift or meal' });
  await expect(form.getByRole('combobox', { name: 'Office' })).toBeFocused();
  await page.keyboard.type('Lakeside');
  await page.getByRole('option', { name: /Lakeside Orthopedics/ }).click();
  await form.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Gift card or cash equivalent' }).click();
  await expect(form.getByText('Gift cards and other cash equivalents are never allowed', { exact: false }).first()).toBeVisible();
  await form.getByLabel('Total ($)').fill('25');
  await form.getByRole('checkbox', { name: /Ada Park, MD/ }).check();
  await form.getByLabel('Description').fill('Coffee card');
  await expect(form.getByRole('table', { name: 'Limits check' }).getByRole('row', { name: /Ada Park/ })).toContainText('Not allowed');
  await form.getByRole('button', { name: 'Log entry' }).click();
  await expect(form.getByText(/Not allowed, and no override can allow it/)).toBeVisible();

  // Bad amounts stay on the field, nothing is saved.
  await form.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Thank-you note' }).click();
  await form.getByLabel('Total ($)').fill('-5');
  await expect(form.getByText('An amount cannot be negative')).toBeVisible();
  await form.getByLabel('Total ($)').fill('');
  await form.getByLabel('Description').fill('');
  await form.getByLabel('Note template').click();
  await page.getByRole('option', { name: 'First referral' }).click();
  await expect(form.getByLabel('Note text')).toContainText('Dear Dr. Park');
  await expect(form.getByLabel('Description')).toHaveValue('Thank-you note: First referral');
  await form.getByLabel('Description').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Thank-you note for Lakeside Orthopedics logged.' })).toBeVisible();
  const log = page.getByRole('table', { name: 'Gift and meal log' });
  await expect(log.getByRole('row', { name: /Thank-you note: First referral/ })).toContainText('Ada Park');
  expect((await app.api<{ total: number }>('gifts.list', { officeId: office.id })).total).toBe(1);
});

test('a lunch-and-learn visit offers its lunch: the form comes filled in, and the entry is tied to the visit', async ({ page, app }) => {
  const { office, park } = await officeOfNine(app);
  const start = today().subtract({ days: 2 }).toZonedDateTime({ timeZone: ZONE, plainTime: '12:00' });
  const visit = await app.api<Id>('visits.log', {
    officeId: office.id, startsAt: start.toInstant().toString(), endsAt: start.add({ minutes: 60 }).toInstant().toString(), purpose: 'lunch_and_learn', zone: ZONE,
  });
  await page.goto(`${app.url}#/offices/${office.id}`);
  await page.getByRole('table', { name: 'Visits to this office' }).getByRole('button', { name: /Open the visit of/ }).click();
  await page.getByRole('dialog', { name: 'Visit: Lakeside Orthopedics' }).getByRole('button', { name: 'Log the lunch' }).click();
  const form = page.getByRole('dialog', { name: 'Log a gift or meal' });
  await expect(form.getByRole('combobox', { name: 'Kind' })).toHaveValue('Meal');
  await expect(form.getByLabel('Date')).toHaveValue(start.toPlainDate().toString());
  await expect(form.getByLabel('Description')).toHaveValue('Lunch and learn');
  await form.getByLabel('Total ($)').fill('96');
  await form.getByRole('textbox', { name: 'People who shared it' }).fill('8');
  await form.getByRole('checkbox', { name: /Ada Park, MD/ }).check();
  await expect(form.getByRole('table', { name: 'Limits check' }).getByRole('row', { name: /Ada Park/ })).toContainText('$12.00');
  await form.getByRole('button', { name: 'Log entry' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Meal for Lakeside Orthopedics logged.' })).toBeVisible();
  const { rows } = await app.api<{ rows: Id[] }>('gifts.list', { officeId: office.id });
  expect(await app.api('gifts.get', { id: rows[0]!.id })).toMatchObject({ visitId: visit.id, kind: 'meal', totalCents: 9_600, shares: [{ personId: park.id, cents: 1_200 }] });
});
