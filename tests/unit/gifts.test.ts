import { describe, expect, it } from 'vitest';
import { applyRemote } from '../../src/main/db/applyRemote';
import { readChanges } from '../../src/main/sync/changes';
import type { TEAM_ROLES } from '../../src/shared/domain/team';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();
const ZONE = 'America/Chicago';
const NOW = '2026-11-24T15:00:00.000Z';
const LIMIT_2026 = 53_500;

type Role = (typeof TEAM_ROLES)[number];
type ErrorBody = { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };

/**
 * An app whose clock reads `now`, "me" in the given role (none: nobody said who they are), and
 * Lakeside: 2 physicians and 7 staff (an office of 9), plus Hilltop with one physician.
 */
async function setUp(opts: { now?: string; role?: Role | null } = {}) {
  const a = open();
  const now = opts.now ?? NOW;
  a.ctx.now = () => now;
  const role = opts.role === undefined ? 'manager' : opts.role;
  const me = role ? await a.call('team.setMe', { name: 'Dana Whitfield', role }) : null;
  const lakeside = await a.call('offices.create', { name: 'Lakeside Orthopedics', tier: 'A', stage: 'established', address: { city: 'Toledo', state: 'OH', zip: '43604' } });
  const hilltop = await a.call('offices.create', { name: 'Hilltop Family Medicine', tier: 'C', stage: 'established', address: { city: 'Kent', zip: '44240' } });
  const park = await a.call('people.create', { officeId: lakeside.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD', npi: '1234567893' });
  const reyes = await a.call('people.create', { officeId: lakeside.id, kind: 'physician', firstName: 'Luis', lastName: 'Reyes', credentials: 'DO' });
  const staff = [];
  for (const [first, last] of [['Kim', 'Lee'], ['Pat', 'Ng'], ['Sam', 'Oduya'], ['Rae', 'Ortiz'], ['Lou', 'Hart'], ['Bo', 'Fenn'], ['Cy', 'Diaz']]) {
    staff.push(await a.call('people.create', { officeId: lakeside.id, kind: 'staff', firstName: first!, lastName: last!, role: 'Front desk' }));
  }
  const hill = await a.call('people.create', { officeId: hilltop.id, kind: 'physician', firstName: 'Mo', lastName: 'Hill', credentials: 'MD' });
  return { a, me, lakeside, hilltop, park, reyes, staff, hill };
}

async function refusal(a: TestApp, method: Parameters<TestApp['call']>[0], input: unknown): Promise<ErrorBody> {
  try {
    await a.call(method, input as never);
  } catch (e) {
    const body = (e as { body?: ErrorBody }).body;
    if (!body) throw e;
    return body;
  }
  throw new Error(`${method} was expected to fail`);
}

const TABLES = ['gift_entries', 'gift_shares', 'gift_overrides', 'gift_repayments', 'gift_receipts', 'patient_rewards', 'ledger', 'touches', 'changes'] as const;
function counts(a: TestApp): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(TABLES.map((t) => [t, (a.ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])) as never;
}

/** A gift to one person: the whole amount is theirs. */
const giftTo = (officeId: string, personId: string, totalCents: number, day = '2026-11-20', extra: Record<string, unknown> = {}) => ({
  officeId, kind: 'gift' as const, day, totalCents, peopleSharing: 1, recipients: [{ personId }], description: 'Desk clock', ...extra,
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('gifts.log refuses bad input field by field and saves nothing', () => {
  it('amounts, dates, recipients, shares and people sharing', async () => {
    const { a, lakeside, hilltop, park, reyes, staff, hill } = await setUp();
    const lunch = { officeId: lakeside.id, kind: 'meal', place: 'in_office', inPerson: true, day: '2026-11-20', totalCents: 20_000, peopleSharing: 9, description: 'Lunch for the office' };
    const named = [{ personId: park.id }, { personId: reyes.id }];
    const before = counts(a);
    const cases: [string, Record<string, unknown>, (string | number)[], RegExp][] = [
      ['a negative amount', { ...lunch, totalCents: -100, recipients: named }, ['totalCents'], /negative/],
      ['a fraction of a cent', { ...lunch, totalCents: 1850.5, recipients: named }, ['totalCents'], /whole cents/],
      ['an amount as text', { ...lunch, totalCents: '18.50', recipients: named }, ['totalCents'], /./],
      ['a negative share', { ...lunch, recipients: [{ personId: park.id, cents: -1 }, { personId: reyes.id, cents: 1 }] }, ['recipients', 0, 'cents'], /negative/],
      ['a date in a year that has not begun', { ...lunch, day: '2027-01-05', recipients: named }, ['day'], /2027.*not begun/],
      ['a date that does not exist', { ...lunch, day: '2026-02-30', recipients: named }, ['day'], /./],
      ['a recipient from another office', { ...lunch, recipients: [...named, { personId: hill.id }] }, ['recipients'], /Dr\. Mo Hill|Mo Hill.*not at Lakeside/],
      ['a person listed twice', { ...lunch, recipients: [{ personId: park.id }, { personId: park.id }] }, ['recipients'], /twice/],
      ['shares over the total', { ...lunch, recipients: [{ personId: park.id, cents: 15_000 }, { personId: reyes.id, cents: 5_001 }] }, ['recipients'], /\$200\.01, more than the total of \$200\.00/],
      [
        'shares short of the total when nobody else shared',
        { ...lunch, peopleSharing: 2, recipients: [{ personId: park.id, cents: 10_000 }, { personId: reyes.id, cents: 9_999 }] },
        ['recipients'],
        /\$199\.99, not the total of \$200\.00/,
      ],
      ['some shares given, not all', { ...lunch, recipients: [{ personId: park.id, cents: 5_000 }, { personId: reyes.id }] }, ['recipients'], /every named person a share, or none/],
      ['fewer people sharing than named', { ...lunch, peopleSharing: 1, recipients: named }, ['peopleSharing'], /2 people are named/],
      ['nobody sharing', { ...lunch, peopleSharing: 0, recipients: named }, ['peopleSharing'], /At least one/],
      ['no description', { ...lunch, description: '  ', recipients: named }, ['description'], /Describe/],
      ['a thank-you note with a value', { ...lunch, kind: 'thank_you_note', totalCents: 60_000, peopleSharing: 1, recipients: [{ personId: park.id }] }, ['totalCents'], /note has no value/],
      ['a visit of another office', { ...lunch, recipients: named, visitId: '0190a5b0-0000-7000-8000-00000000000a' }, ['visitId'], /visit/],
    ];
    for (const [what, input, path, message] of cases) {
      const body = await refusal(a, 'gifts.log', input).catch((e: Error) => ({ code: e.message, message: what }) as ErrorBody);
      expect({ what, code: body.code, path: body.issues?.[0]?.path }).toEqual({ what, code: 'invalid_input', path });
      expect(body.issues![0]!.message, what).toMatch(message);
    }
    // The live check refuses the same things the same way.
    expect((await refusal(a, 'gifts.check', { ...lunch, recipients: [...named, { personId: hill.id }] })).issues?.[0]?.path).toEqual(['recipients']);
    expect(counts(a)).toEqual(before);
    void hilltop;
    void staff;
  });

  it('an archived person, an archived office', async () => {
    const { a, lakeside, park, reyes } = await setUp();
    await a.call('people.archive', { id: reyes.id });
    const before = counts(a);
    const body = await refusal(a, 'gifts.log', giftTo(lakeside.id, reyes.id, 2_000));
    expect(body.issues?.[0]).toMatchObject({ path: ['recipients'], message: expect.stringMatching(/archived/) });
    expect((await a.call('gifts.recipients', { officeId: lakeside.id })).people.map((p) => p.id)).not.toContain(reyes.id);
    await a.call('offices.archive', { id: lakeside.id });
    expect((await refusal(a, 'gifts.log', giftTo(lakeside.id, park.id, 2_000))).issues?.[0]?.path).toEqual(['officeId']);
    // Archiving wrote its own rows; gifts wrote none.
    const after = counts(a);
    for (const t of ['gift_entries', 'gift_shares', 'ledger', 'touches'] as const) expect(after[t]).toBe(before[t]);
  });

  it('a gift card or other cash equivalent is refused for anyone, and no override allows it', async () => {
    const { a, lakeside, park, staff } = await setUp({ role: 'manager' });
    const before = counts(a);
    const card = { ...giftTo(lakeside.id, park.id, 2_500), kind: 'cash_equivalent' as const };
    const body = await refusal(a, 'gifts.log', { ...card, override: { reason: 'The physician insisted on a gift card this time' } });
    expect(body.issues?.[0]?.path).toEqual(['kind']);
    expect(body.message).toMatch(/no override can allow it/);
    expect(body.message).toMatch(/Cash and cash equivalents \(gift cards\) are never allowed/);
    const check = await a.call('gifts.check', card);
    expect(check.verdict).toBe('forbidden');
    expect(check.checks[0]).toMatchObject({ verdict: 'forbidden', source: expect.stringContaining('411.357(k)') });
    // Staff too, and with nobody named at all.
    expect((await refusal(a, 'gifts.log', { ...card, recipients: [{ personId: staff[0]!.id }] })).issues?.[0]?.path).toEqual(['kind']);
    expect((await refusal(a, 'gifts.log', { ...card, peopleSharing: 3, recipients: [] })).message).toMatch(/never allowed/);
    expect(counts(a)).toEqual(before);
  });

  it('a receipt that is not a PDF or an image, or is over 10 MB, is refused on its field; a good one is kept', async () => {
    const { a, lakeside, park } = await setUp();
    const before = counts(a);
    const text = await a.upload('Lunch receipt, $200', 'receipt.pdf');
    let body = await refusal(a, 'gifts.log', { ...giftTo(lakeside.id, park.id, 2_000), receiptFileId: text });
    expect(body.issues?.[0]).toMatchObject({ path: ['receiptFileId'], message: expect.stringMatching(/receipt\.pdf is not a PDF or an image/) });
    const big = await a.upload(Buffer.concat([PDF, Buffer.alloc(10 * 1024 ** 2 + 1 - PDF.length, 0x20)]), 'scan.pdf');
    body = await refusal(a, 'gifts.log', { ...giftTo(lakeside.id, park.id, 2_000), receiptFileId: big });
    expect(body.issues?.[0]).toMatchObject({ path: ['receiptFileId'], message: expect.stringMatching(/at most 10 MB/) });
    const empty = await a.upload(new Uint8Array(0), 'empty.png');
    expect((await refusal(a, 'gifts.log', { ...giftTo(lakeside.id, park.id, 2_000), receiptFileId: empty })).issues?.[0]?.path).toEqual(['receiptFileId']);
    expect(counts(a)).toEqual(before);

    // Exactly 10 MB is fine; attached at logging and later, each its own row.
    const justFits = await a.upload(Buffer.concat([PDF, Buffer.alloc(10 * 1024 ** 2 - PDF.length, 0x20)]), 'scan.pdf');
    const { id } = await a.call('gifts.log', { ...giftTo(lakeside.id, park.id, 2_000), receiptFileId: justFits });
    const later = await a.call('gifts.attachReceipt', { entryId: id, fileId: await a.upload(PNG, 'photo.png') });
    expect((await refusal(a, 'gifts.attachReceipt', { entryId: id, fileId: await a.upload('plain text', 'x.png') })).issues?.[0]?.path).toEqual(['fileId']);
    const entry = await a.call('gifts.get', { id });
    expect(entry.receipts.map((r) => [r.fileName, r.mediaType, r.bytes])).toEqual([
      ['scan.pdf', 'application/pdf', 10 * 1024 ** 2],
      ['photo.png', 'image/png', PNG.length],
    ]);
    const back = await a.call('gifts.receipt', { id: later.id });
    expect(Buffer.from(back.base64, 'base64').equals(PNG)).toBe(true);
    expect(await a.call('gifts.openReceipt', { id: later.id })).toEqual({ opened: false });
    expect((await a.call('ledger.verify', {})).state).toBe('intact');
  });
});

describe('the check at the boundaries, through the service', () => {
  it('exactly at the 2026 limit is a warning and saves; one cent more is refused with the numbers', async () => {
    const { a, lakeside, park } = await setUp({ role: 'liaison' });
    const at = await a.call('gifts.log', giftTo(lakeside.id, park.id, LIMIT_2026, '2026-03-02'));
    expect(at.check.verdict).toBe('warning');
    expect(at.check.checks[0]).toMatchObject({ verdict: 'warning', limitCents: LIMIT_2026, spentCents: 0, thisCents: LIMIT_2026, remainingCents: 0, source: expect.stringMatching(/CMS/) });
    const before = counts(a);
    const body = await refusal(a, 'gifts.log', giftTo(lakeside.id, park.id, 1, '2026-11-20'));
    expect(body.issues?.[0]?.path).toEqual(['override']);
    expect(body.message).toContain('Ada Park, MD: $535.00 already + $0.01 now = $535.01, over the $535.00 limit by $0.01');
    expect(counts(a)).toEqual(before);
    expect(await a.call('gifts.physician', { personId: park.id, year: 2026 })).toMatchObject({ spentCents: LIMIT_2026, limitCents: LIMIT_2026, warnAt: 0.8 });
  });

  it.each([
    [42_799, 'ok'],
    [42_800, 'warning'], // 80% of $535.00
    [LIMIT_2026, 'warning'],
    [LIMIT_2026 + 1, 'over'],
  ] as const)('a first gift of %i cents is %s', async (cents, verdict) => {
    const { a, lakeside, park } = await setUp();
    const check = await a.call('gifts.check', giftTo(lakeside.id, park.id, cents));
    expect(check.verdict).toBe(verdict);
    expect(check.checks[0]!.remainingCents).toBe(LIMIT_2026 - cents);
  });

  it('the total resets on January 1: Dec 31 counts in one year, Jan 1 in the next', async () => {
    const { a, lakeside, park } = await setUp({ now: '2027-01-02T18:00:00.000Z' });
    await a.call('gifts.log', giftTo(lakeside.id, park.id, LIMIT_2026, '2026-12-31'));
    expect((await a.call('gifts.check', giftTo(lakeside.id, park.id, 1, '2026-12-31'))).verdict).toBe('over');
    const jan1 = await a.call('gifts.log', giftTo(lakeside.id, park.id, 40_000, '2027-01-01'));
    // 2027 has no figure of its own: 2026's stands in, and the check says so.
    expect(jan1.check.checks[0]).toMatchObject({ verdict: 'ok', spentCents: 0, thisCents: 40_000, limitCents: LIMIT_2026, note: expect.stringMatching(/No figure for 2027 yet: using 2026's/) });
    expect((await a.call('gifts.physician', { personId: park.id, year: 2026 })).spentCents).toBe(LIMIT_2026);
    expect((await a.call('gifts.physician', { personId: park.id, year: 2027 })).spentCents).toBe(40_000);
  });

  it("a physician's total follows their NPI across person records at different offices", async () => {
    const { a, lakeside, hilltop, park } = await setUp();
    const parkAtHilltop = await a.call('people.create', { officeId: hilltop.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', npi: '1234567893' });
    await a.call('gifts.log', giftTo(lakeside.id, park.id, 40_000, '2026-02-01'));
    const check = await a.call('gifts.check', giftTo(hilltop.id, parkAtHilltop.id, 13_501, '2026-06-01'));
    expect(check.checks[0]).toMatchObject({ verdict: 'over', spentCents: 40_000, remainingCents: -1 });
    await a.call('gifts.log', giftTo(hilltop.id, parkAtHilltop.id, 13_000, '2026-06-01'));
    for (const id of [park.id, parkAtHilltop.id]) expect((await a.call('gifts.physician', { personId: id, year: 2026 })).spentCents).toBe(53_000);
    expect((await a.call('gifts.list', { personId: park.id })).total).toBe(2);
  });

  it('an NPI added to a record after its gifts were logged joins them to the physician everywhere: check, page, cures, report, statement', async () => {
    const { a, lakeside, hilltop, reyes } = await setUp();
    // Dr. Reyes had no NPI when $400 was logged at Lakeside.
    await a.call('gifts.log', giftTo(lakeside.id, reyes.id, 40_000, '2026-02-01'));
    await a.call('people.update', { id: reyes.id, patch: { npi: '1245319599' } });
    const atHilltop = await a.call('people.create', { officeId: hilltop.id, kind: 'physician', firstName: 'Luis', lastName: 'Reyes', credentials: 'DO', npi: '1245319599' });
    const check = await a.call('gifts.check', giftTo(hilltop.id, atHilltop.id, 20_000, '2026-06-01'));
    expect(check.checks[0]).toMatchObject({ verdict: 'over', spentCents: 40_000 });
    await a.call('gifts.log', giftTo(hilltop.id, atHilltop.id, 20_000, '2026-06-01', { override: { reason: 'Visiting professor dinner, approved in advance' } }));
    for (const id of [reyes.id, atHilltop.id]) {
      expect((await a.call('gifts.physician', { personId: id, year: 2026 })).spentCents).toBe(60_000);
      expect((await a.call('compliance.statement', { personId: id, year: 2026 })).receivedCents).toBe(60_000);
    }
    const cures = await a.call('gifts.cures', { year: 2026 });
    expect(cures).toHaveLength(1);
    expect(cures[0]).toMatchObject({ excessCents: 60_000 - LIMIT_2026 });
    const report = await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' });
    const rows = report.physicians.filter((p) => p.name.includes('Reyes'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ spentCents: 60_000, over: true });
  });

  it('a reversed entry no longer counts, and a reversal cannot be reversed nor an entry reversed twice', async () => {
    const { a, lakeside, park } = await setUp();
    const { id } = await a.call('gifts.log', giftTo(lakeside.id, park.id, 50_000, '2026-04-01'));
    expect((await a.call('gifts.check', giftTo(lakeside.id, park.id, 5_000))).verdict).toBe('over');
    const rev = await a.call('gifts.reverse', { id, reason: 'Logged against the wrong doctor' });
    expect((await a.call('gifts.physician', { personId: park.id, year: 2026 })).spentCents).toBe(0);
    expect((await a.call('gifts.check', giftTo(lakeside.id, park.id, 5_000))).verdict).toBe('ok');
    const before = counts(a);
    expect((await refusal(a, 'gifts.reverse', { id, reason: 'again' })).message).toMatch(/already been reversed/);
    expect((await refusal(a, 'gifts.reverse', { id: rev.id, reason: 'undo the undo' })).message).toMatch(/itself a correction/);
    expect(counts(a)).toEqual(before);
    // The first entry is untouched; the reversal carries the negatives.
    expect(await a.call('gifts.get', { id })).toMatchObject({ totalCents: 50_000, reversedBy: rev.id, shares: [{ cents: 50_000 }] });
    expect(await a.call('gifts.get', { id: rev.id })).toMatchObject({ totalCents: -50_000, reverses: id, reason: 'Logged against the wrong doctor', shares: [{ cents: -50_000 }] });
    const list = await a.call('gifts.list', {});
    expect(list.rows.map((r) => [r.totalCents, r.reversed, r.isReversal]).sort()).toEqual([[-50_000, false, true], [50_000, true, false]].sort());
  });
});

describe("the office's timeline", () => {
  it('shows what was given and to whom, and a correction as a correction', async () => {
    const { a, lakeside, park } = await setUp();
    const { id } = await a.call('gifts.log', giftTo(lakeside.id, park.id, 4_500, '2026-04-01'));
    await a.call('gifts.reverse', { id, reason: 'Returned unopened' });
    const gifts = (await a.call('offices.get', { id: lakeside.id })).timeline.filter((e) => e.kind === 'gift');
    expect(gifts.map((e) => [e.title, e.detail])).toEqual([
      ['Correction: Desk clock reversed by Dana Whitfield', 'Returned unopened'],
      ['Gift: Desk clock ($45.00) by Dana Whitfield', 'For Ada Park'],
    ]);
  });
});

describe('overriding a limit', () => {
  const over = (officeId: string, personId: string) => giftTo(officeId, personId, 60_000, '2026-05-01', { override: { reason: 'Annual staff appreciation dinner, approved by the board' } });

  it('a liaison is refused, and so is someone who has not said who they are', async () => {
    for (const role of ['liaison', 'doctor', null] as const) {
      const { a, lakeside, park } = await setUp({ role });
      const before = counts(a);
      const body = await refusal(a, 'gifts.log', over(lakeside.id, park.id));
      expect(body.issues?.[0]?.path).toEqual(['override']);
      expect(body.message).toMatch(role ? new RegExp(`Only a manager can override a limit. You are set up as a ${role}`) : /Say who you are/);
      expect(counts(a)).toEqual(before);
    }
  });

  it('a manager or admin overrides with a written reason, recorded with who, the role and self-declared', async () => {
    for (const role of ['manager', 'admin'] as const) {
      const { a, lakeside, park, me } = await setUp({ role });
      expect((await refusal(a, 'gifts.log', { ...over(lakeside.id, park.id), override: { reason: 'ok' } })).issues?.[0]?.path).toEqual(['override', 'reason']);
      const { id, check } = await a.call('gifts.log', over(lakeside.id, park.id));
      expect(check.verdict).toBe('over');
      const entry = await a.call('gifts.get', { id });
      expect(entry.overrides).toEqual([
        { id: expect.any(String), byName: 'Dana Whitfield', byRole: role, reason: 'Annual staff appreciation dinner, approved by the board', selfDeclared: true, createdAt: NOW },
      ]);
      const row = a.ctx.store.sqlite.prepare('SELECT by_id, by_role, self_declared, findings FROM gift_overrides').get() as { by_id: string; by_role: string; self_declared: number; findings: string };
      expect(row).toMatchObject({ by_id: me!.id, by_role: role, self_declared: 1 });
      expect(JSON.parse(row.findings)).toEqual([{ personId: park.id, rule: expect.stringMatching(/Stark/), limitCents: LIMIT_2026, spentCents: 0, thisCents: 60_000 }]);
      expect((await a.call('gifts.list', {})).rows[0]!.overridden).toBe(true);
    }
  });

  it('an entry within the limit records no override even when one is sent', async () => {
    const { a, lakeside, park } = await setUp();
    await a.call('gifts.log', giftTo(lakeside.id, park.id, 1_000, '2026-05-01', { override: { reason: 'Not needed but typed anyway' } }));
    expect(counts(a).gift_overrides).toBe(0);
  });
});

describe('reversing an entry a manager let past the limit', () => {
  it('is a manager’s to do: reversing frees room under the limit', async () => {
    const { a, lakeside, park } = await setUp();
    const { id } = await a.call('gifts.log', giftTo(lakeside.id, park.id, 60_000, '2026-05-01', { override: { reason: 'Annual staff appreciation dinner, approved by the board' } }));
    await a.call('team.setMe', { name: 'Lee Liaison', role: 'liaison' });
    const before = counts(a);
    expect(await refusal(a, 'gifts.reverse', { id, reason: 'Wrong amount' })).toMatchObject({ issues: [{ path: ['id'], message: expect.stringMatching(/only a manager can reverse it/) }] });
    expect(counts(a)).toEqual(before);
    await a.call('team.setMe', { name: 'Dana Whitfield', role: 'manager' });
    await a.call('gifts.reverse', { id, reason: 'Wrong amount' });
    expect((await a.call('gifts.physician', { personId: park.id, year: 2026 })).spentCents).toBe(0);
  });
});

describe('shared lunches', () => {
  it('an office of 9 with 2 physicians: exact shares, physicians get the odd cents, the sum is the total', async () => {
    const { a, lakeside, park, reyes, staff } = await setUp();
    const lunch = { officeId: lakeside.id, kind: 'meal' as const, place: 'in_office' as const, day: '2026-11-20', totalCents: 20_000, peopleSharing: 9, description: 'Lunch' };
    // Only the physicians named: 20000 / 9 = 2222.2…; the 2 left-over cents go to them.
    const check = await a.call('gifts.check', { ...lunch, recipients: [{ personId: reyes.id }, { personId: park.id }] });
    expect(new Map(check.shares.map((s) => [s.personId, s.cents]))).toEqual(new Map([[park.id, 2_223], [reyes.id, 2_223]]));
    expect(check.othersCents).toBe(7 * 2_222);
    // Everyone named: still exact.
    const all = [park, reyes, ...staff].map((p) => ({ personId: p.id }));
    const { id } = await a.call('gifts.log', { ...lunch, totalCents: 20_003, recipients: all });
    const entry = await a.call('gifts.get', { id });
    expect(entry.othersCents).toBe(0);
    expect(entry.shares.reduce((s, x) => s + x.cents, 0)).toBe(20_003);
    const byKind = entry.shares.map((s) => [s.kind, s.cents]);
    // 20003 = 9 × 2222 + 5: both physicians and the first three staff (by id) get 2223.
    expect(byKind.filter(([k]) => k === 'physician').map(([, c]) => c)).toEqual([2_223, 2_223]);
    expect(byKind.filter(([, c]) => c === 2_223)).toHaveLength(5);
    expect((a.ctx.store.sqlite.prepare('SELECT sum(cents) AS n FROM gift_shares WHERE entry_id = ?').get(id) as { n: number }).n).toBe(20_003);
  });

  it('shares the user sets are kept as given, the rest is the others’', async () => {
    const { a, lakeside, park, reyes } = await setUp();
    const { id, check } = await a.call('gifts.log', {
      officeId: lakeside.id, kind: 'meal', day: '2026-11-20', totalCents: 20_000, peopleSharing: 9, description: 'Lunch',
      recipients: [{ personId: park.id, cents: 5_000 }, { personId: reyes.id, cents: 3_000 }],
    });
    expect(check.othersCents).toBe(12_000);
    const entry = await a.call('gifts.get', { id });
    expect(new Map(entry.shares.map((s) => [s.personId, s.cents]))).toEqual(new Map([[park.id, 5_000], [reyes.id, 3_000]]));
    expect(entry.othersCents).toBe(12_000);
  });

  it('a meal or gift delivered in person is a touch, so the office’s next visit moves; a note or one not in person is not', async () => {
    const { a, lakeside, hilltop, park, hill } = await setUp();
    expect(await a.call('cadence.office', { officeId: lakeside.id, zone: ZONE })).toMatchObject({ lastTouch: null });
    await a.call('gifts.log', { officeId: lakeside.id, kind: 'meal', place: 'in_office', inPerson: true, day: '2026-11-20', totalCents: 18_000, peopleSharing: 9, recipients: [{ personId: park.id }], description: 'Lunch and learn' });
    // Tier A: every two weeks from the lunch.
    expect(await a.call('cadence.office', { officeId: lakeside.id, zone: ZONE })).toMatchObject({ lastTouch: '2026-11-20', due: '2026-12-04' });
    const touch = a.ctx.store.sqlite.prepare('SELECT kind, day FROM touches WHERE office_id = ?').all(lakeside.id);
    expect(touch).toEqual([{ kind: 'lunch', day: '2026-11-20' }]);
    await a.call('gifts.log', { ...giftTo(hilltop.id, hill.id, 3_000, '2026-11-23'), inPerson: true });
    expect(a.ctx.store.sqlite.prepare('SELECT kind FROM touches WHERE office_id = ?').all(hilltop.id)).toEqual([{ kind: 'gift' }]);
    const n = counts(a).touches;
    await a.call('gifts.log', { ...giftTo(hilltop.id, hill.id, 3_000, '2026-11-23'), inPerson: false });
    await a.call('gifts.log', { ...giftTo(hilltop.id, hill.id, 0, '2026-11-23'), kind: 'thank_you_note', inPerson: true, description: 'Thanks for the referral' });
    expect(counts(a).touches).toBe(n);
  });
});

describe('the Stark cure rule', () => {
  /** Dr. Park over the 2026 limit by `excess`, by a manager's override, received on `day`. */
  async function overBy(excess: number, day = '2026-03-02', opts: Parameters<typeof setUp>[0] = {}) {
    const s = await setUp(opts);
    await s.a.call('gifts.log', giftTo(s.lakeside.id, s.park.id, LIMIT_2026 + excess, day, { override: { reason: 'Medical staff appreciation event this spring' } }));
    return s;
  }

  it('a repayment within the window is recorded, lowers the year’s total and leaves the cures list', async () => {
    const { a, park } = await overBy(6_500);
    expect(await a.call('gifts.cures', { year: 2026 })).toEqual([
      { personId: park.id, name: 'Ada Park, MD', officeName: 'Lakeside Orthopedics', year: 2026, excessCents: 6_500, eligible: true, deadline: '2026-08-29', reason: null },
    ]);
    expect((await a.call('gifts.physician', { personId: park.id, year: 2026 })).cure).toEqual({ eligible: true, excessCents: 6_500, deadline: '2026-08-29', reason: null, repaidCents: 0 });
    const before = counts(a);
    // Less than the excess, or before the excess arose: refused.
    expect((await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 6_499, repaidOn: '2026-04-01' })).issues?.[0]).toMatchObject({ path: ['cents'], message: expect.stringMatching(/\$65\.00/) });
    expect((await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 6_500, repaidOn: '2026-03-01' })).issues?.[0]?.path).toEqual(['repaidOn']);
    expect(counts(a)).toEqual(before);
    await a.call('gifts.repay', { personId: park.id, year: 2026, cents: 6_500, repaidOn: '2026-08-29', note: 'Check no. 1042' });
    const spend = await a.call('gifts.physician', { personId: park.id, year: 2026 });
    expect(spend).toMatchObject({ spentCents: LIMIT_2026, repaidCents: 6_500, repayments: [{ cents: 6_500, repaidOn: '2026-08-29', deadline: '2026-08-29', note: 'Check no. 1042' }] });
    expect(await a.call('gifts.cures', { year: 2026 })).toEqual([]);
    expect((await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 100, repaidOn: '2026-08-29' })).message).toMatch(/not over the 2026 limit/);
    expect((await a.call('ledger.verify', {})).state).toBe('intact');
  });

  it("a manager's daily reminders name a physician whose cure window is open, until it closes; a liaison's do not", async () => {
    const { a, park } = await overBy(6_500, '2026-09-01');
    const said = await a.call('reminders.today', { zone: ZONE });
    expect(said.curesDue).toEqual([{ personId: park.id, name: 'Ada Park, MD', deadline: '2026-12-31', excessCents: 6_500 }]);
    a.ctx.now = () => '2027-01-02T15:00:00.000Z';
    expect((await a.call('reminders.today', { zone: ZONE })).curesDue).toEqual([]);
    a.ctx.now = () => NOW;
    await a.call('team.setMe', { name: 'Lee Liaison', role: 'liaison' });
    expect((await a.call('reminders.today', { zone: ZONE })).curesDue).toEqual([]);
  });

  it('after the deadline a repayment is refused, and so is one dated ahead of today', async () => {
    const { a, park } = await overBy(6_500, '2026-09-01');
    const before = counts(a);
    // Received Sep 1: the window runs to Dec 31, but today is Nov 24.
    const ahead = await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 6_500, repaidOn: '2026-12-01' });
    expect(ahead.issues?.[0]).toMatchObject({ path: ['repaidOn'], message: expect.stringMatching(/has not come yet/) });
    expect(counts(a)).toEqual(before);
  });

  it('after the deadline a repayment is refused', async () => {
    const { a, park } = await overBy(6_500);
    const before = counts(a);
    const body = await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 6_500, repaidOn: '2026-08-30' });
    expect(body.issues?.[0]).toMatchObject({ path: ['repaidOn'], message: expect.stringMatching(/closed on 2026-08-29/) });
    expect(counts(a)).toEqual(before);
  });

  it('received late in the year, the window ends on December 31', async () => {
    const { a, park } = await overBy(100, '2026-10-01', { now: '2027-01-15T15:00:00.000Z' });
    expect((await a.call('gifts.cures', { year: 2026 }))[0]).toMatchObject({ deadline: '2026-12-31', eligible: true });
    expect((await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 100, repaidOn: '2027-01-02' })).issues?.[0]?.path).toEqual(['repaidOn']);
  });

  it('an excess of more than half the limit cannot be cured; exactly half can', async () => {
    const half = await overBy(LIMIT_2026 / 2);
    await half.a.call('gifts.repay', { personId: half.park.id, year: 2026, cents: LIMIT_2026 / 2, repaidOn: '2026-04-01' });
    const { a, park } = await overBy(LIMIT_2026 / 2 + 1);
    expect((await a.call('gifts.cures', { year: 2026 }))[0]).toMatchObject({ eligible: false, excessCents: 26_751, reason: expect.stringMatching(/more than half/) });
    const before = counts(a);
    const body = await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 26_751, repaidOn: '2026-04-01' });
    expect(body.issues?.[0]).toMatchObject({ path: ['cents'], message: expect.stringMatching(/more than half/) });
    expect(counts(a)).toEqual(before);
  });

  it('a second cure within three years is refused', async () => {
    const { a, lakeside, park } = await setUp();
    // 2025: over by $31.00 and cured.
    await a.call('gifts.log', giftTo(lakeside.id, park.id, 55_000, '2025-06-01', { override: { reason: 'Medical staff appreciation event 2025' } }));
    await a.call('gifts.repay', { personId: park.id, year: 2025, cents: 3_100, repaidOn: '2025-07-01' });
    await a.call('gifts.log', giftTo(lakeside.id, park.id, LIMIT_2026 + 1_000, '2026-03-02', { override: { reason: 'Medical staff appreciation event 2026' } }));
    expect((await a.call('gifts.cures', { year: 2026 }))[0]).toMatchObject({ eligible: false, reason: expect.stringMatching(/2025-07-01: once every three years/) });
    const before = counts(a);
    const body = await refusal(a, 'gifts.repay', { personId: park.id, year: 2026, cents: 1_000, repaidOn: '2026-04-01' });
    expect(body.issues?.[0]).toMatchObject({ path: ['cents'], message: expect.stringMatching(/once every three years/) });
    expect(counts(a)).toEqual(before);
  });

  it('a physician over the limit across two records (one NPI) is listed once, with the combined excess', async () => {
    const { a, lakeside, hilltop, park } = await setUp();
    const parkAtHilltop = await a.call('people.create', { officeId: hilltop.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', npi: '1234567893' });
    await a.call('gifts.log', giftTo(lakeside.id, park.id, 40_000, '2026-02-01'));
    await a.call('gifts.log', giftTo(hilltop.id, parkAtHilltop.id, 20_000, '2026-03-01', { override: { reason: 'Medical staff appreciation event this spring' } }));
    const cures = await a.call('gifts.cures', { year: 2026 });
    expect(cures).toHaveLength(1);
    expect(cures[0]).toMatchObject({ excessCents: 6_500, eligible: true, deadline: '2026-08-28' });
    await a.call('gifts.repay', { personId: parkAtHilltop.id, year: 2026, cents: 6_500, repaidOn: '2026-04-01' });
    expect((await a.call('gifts.physician', { personId: park.id, year: 2026 })).spentCents).toBe(LIMIT_2026);
    expect(await a.call('gifts.cures', { year: 2026 })).toEqual([]);
  });

  it('the cure rule is for physicians only', async () => {
    const { a, staff } = await setUp();
    expect((await refusal(a, 'gifts.repay', { personId: staff[0]!.id, year: 2026, cents: 100, repaidOn: '2026-04-01' })).issues?.[0]?.path).toEqual(['personId']);
  });
});

describe('patient referral rewards', () => {
  it('$15 an item and $75 a patient a year, the code compared whatever its case', async () => {
    const { a } = await setUp();
    const reward = (referralCode: string, cents: number, day = '2026-05-01') => ({ referralCode, day, cents, description: 'Coffee gift set' });
    expect((await a.call('rewards.log', reward('REF-7', 1_500))).check.verdict).toBe('ok');
    const before = counts(a);
    const item = await refusal(a, 'rewards.log', reward('REF-9', 1_501));
    expect(item.issues?.[0]).toMatchObject({ path: ['cents'], message: expect.stringMatching(/one item \(\$15\.00; OIG/) });
    expect(counts(a)).toEqual(before);
    for (const code of ['ref-7', ' Ref-7 ', 'REF-7']) await a.call('rewards.log', reward(code, 1_500));
    const last = await a.call('rewards.log', reward('rEf-7', 1_500));
    expect(last.check).toMatchObject({ verdict: 'warning', spentCents: 6_000, yearLimitCents: 7_500 });
    const year = await refusal(a, 'rewards.log', reward('ref-7', 1));
    expect(year.issues?.[0]).toMatchObject({ path: ['cents'], message: expect.stringMatching(/one patient in a year \(\$75\.00.*\$75\.00/) });
    // Another year starts again; a reversed reward gives the room back.
    expect((await a.call('rewards.check', { referralCode: 'REF-7', day: '2025-05-01', cents: 1_500 })).spentCents).toBe(0);
    const rows = await a.call('rewards.list', { year: 2026 });
    expect(rows.every((r) => r.referralCode === 'REF-7' || r.referralCode === 'REF-9')).toBe(true);
    await a.call('rewards.reverse', { id: last.id, reason: 'Not given after all' });
    expect((await a.call('rewards.check', { referralCode: 'ref-7', day: '2026-06-01', cents: 1_500 })).verdict).toBe('warning');
    expect((await refusal(a, 'rewards.reverse', { id: last.id, reason: 'again' })).message).toMatch(/already been reversed/);
    expect((await refusal(a, 'rewards.log', reward('REF-1', 100, '2027-01-01'))).issues?.[0]?.path).toEqual(['day']);
  });

  it('refuses a name, a birth date or a record number as the code, at the boundary', async () => {
    const { a } = await setUp();
    const before = counts(a);
    for (const [code, message] of [['Jane Doe', /name/], ['04/12/1958', /date/], ['MRN 00482913', /medical record/]] as const) {
      for (const method of ['rewards.log', 'rewards.check'] as const) {
        const body = await refusal(a, method, { referralCode: code, day: '2026-05-01', cents: 500, description: 'Mug' });
        expect(body.issues?.[0]).toMatchObject({ path: ['referralCode'], message: expect.stringMatching(message) });
      }
    }
    expect(counts(a)).toEqual(before);
  });
});

describe('the compliance report and its CSV', () => {
  it('totals, allocations, an override, a repayment and a reversal, with the ledger head; CSV cells neutralised', async () => {
    const { a, lakeside, park, reyes } = await setUp();
    await a.call('gifts.log', {
      officeId: lakeside.id, kind: 'meal', day: '2026-02-10', totalCents: 20_000, peopleSharing: 9, recipients: [{ personId: park.id }, { personId: reyes.id }],
      description: '=HYPERLINK("http://evil.example","lunch")', vendor: '@Panera',
    });
    const big = await a.call('gifts.log', giftTo(lakeside.id, park.id, 54_000, '2026-03-02', { override: { reason: 'Medical staff appreciation event this spring' } }));
    await a.call('gifts.repay', { personId: park.id, year: 2026, cents: 2_223 + 500, repaidOn: '2026-03-20' });
    const wrong = await a.call('gifts.log', giftTo(lakeside.id, reyes.id, 4_000, '2026-04-02'));
    await a.call('gifts.reverse', { id: wrong.id, reason: 'Duplicate of the February lunch' });
    await a.call('rewards.log', { referralCode: 'REF-12', day: '2026-05-01', cents: 1_200, description: 'Mug' });
    const r = await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' });
    expect(r.totals).toEqual({ entries: 3, totalCents: 20_000 + 54_000, overrides: 1, repaymentsCents: 2_723, rewardsCents: 1_200 });
    expect(r.entries.map((e) => [e.day, e.totalCents, e.reverses !== null])).toEqual([
      ['2026-02-10', 20_000, false], ['2026-03-02', 54_000, false], ['2026-04-02', 4_000, false], ['2026-04-02', -4_000, true],
    ]);
    expect(r.overrides).toEqual([{ entryId: big.id, day: '2026-03-02', byName: 'Dana Whitfield', byRole: 'manager', reason: 'Medical staff appreciation event this spring', selfDeclared: true }]);
    expect(r.repayments).toEqual([{ name: 'Ada Park, MD', npi: '1234567893', year: 2026, cents: 2_723, repaidOn: '2026-03-20', deadline: '2026-08-29' }]);
    const parkYear = r.physicians.find((p) => p.personId === park.id)!;
    expect(parkYear).toMatchObject({ spentCents: 2_223 + 54_000 - 2_723, limitCents: LIMIT_2026, over: false });
    expect(r.physicians.find((p) => p.personId === reyes.id)).toMatchObject({ spentCents: 2_223, over: false });
    const verdict = await a.call('ledger.verify', {});
    expect(r.ledgerHead).toBe(verdict.head);
    expect(r.ledgerHead).toMatch(/^[0-9a-f]{64}$/);
    // A report prints the head and what the last verification found (verifying walks every record ever chained).
    expect(r.ledgerState).toBe('The ledger has not been verified on this device yet.');
    const after = await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' });
    expect(after.ledgerState).toMatch(/^Last verified \d{4}-\d\d-\d\d \d\d:\d\d UTC: The ledger is intact: \d+ records checked, none changed\.$/);

    const { filename, csv } = await a.call('compliance.reportCsv', { from: '2026-01-01', to: '2026-12-31' });
    expect(filename).toBe('compliance-2026-01-01-to-2026-12-31.csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""lunch"")"`);
    expect(csv).toContain(`'@Panera`);
    expect(csv).not.toMatch(/(^|,)"?[=@]/m);
    const lines = csv.split('\r\n');
    // The reversal's line: a negative total and share, left as plain numbers.
    const reversal = lines.filter((l) => l.includes('-40.00'));
    expect(reversal).toHaveLength(1);
    expect(reversal[0]).toMatch(/,-40\.00,1,"Luis Reyes, DO",physician,,-40\.00,/);
    expect(lines.some((l) => l.startsWith('Override,2026-03-02,') && l.includes('(manager, self-declared)'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Repayment,2026-03-20,') && l.includes(',27.23,'))).toBe(true);
    expect(lines.at(-1)).toContain(`Latest hash ${verdict.head}`);
    await a.call('gifts.log', giftTo(lakeside.id, reyes.id, 1_000, '2026-05-01'));
    expect((await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' })).ledgerState).toMatch(/Records have been added since\.$/);
  });

  it('a physician over the limit across two records (one NPI) is marked over in the report', async () => {
    const { a, lakeside, hilltop, park } = await setUp();
    const parkAtHilltop = await a.call('people.create', { officeId: hilltop.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', npi: '1234567893' });
    await a.call('gifts.log', giftTo(lakeside.id, park.id, 40_000, '2026-02-01'));
    await a.call('gifts.log', giftTo(hilltop.id, parkAtHilltop.id, 20_000, '2026-03-01', { override: { reason: 'Medical staff appreciation event this spring' } }));
    const r = await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' });
    const rows = r.physicians.filter((p) => p.npi === '1234567893');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ spentCents: 60_000, over: true });
    const statement = await a.call('compliance.statement', { personId: parkAtHilltop.id, year: 2026 });
    expect(statement).toMatchObject({ receivedCents: 60_000, limitCents: LIMIT_2026, ledgerHead: r.ledgerHead });
    expect(statement.items).toHaveLength(2);
  });
});

describe('limits and the practice’s policy are data', () => {
  it('a 2027 figure saved by a manager is used for 2027; 2028, with none, uses it and says so', async () => {
    const { a, lakeside, park } = await setUp({ now: '2028-02-01T15:00:00.000Z' });
    const refused = await refusal(a, 'limits.save', { kind: 'stark_nonmonetary', year: 2027, cents: 55_000, source: '' });
    expect(refused.issues?.[0]?.path).toEqual(['source']);
    const list = await a.call('limits.save', { kind: 'stark_nonmonetary', year: 2027, cents: 55_000, source: 'CMS CPI-U update for 2027' });
    expect(list.find((l) => l.year === 2027)).toMatchObject({ id: 'stark_nonmonetary:2027', cents: 55_000 });
    const in2027 = await a.call('gifts.check', giftTo(lakeside.id, park.id, 55_000, '2027-06-01'));
    expect(in2027.checks[0]).toMatchObject({ verdict: 'warning', limitCents: 55_000, source: 'CMS CPI-U update for 2027', note: null });
    expect((await a.call('gifts.check', giftTo(lakeside.id, park.id, 55_001, '2027-06-01'))).verdict).toBe('over');
    const in2028 = await a.call('gifts.check', giftTo(lakeside.id, park.id, 55_001, '2028-01-15'));
    expect(in2028.checks[0]).toMatchObject({ verdict: 'over', limitCents: 55_000, note: expect.stringMatching(/No figure for 2028 yet: using 2027's/) });
    expect((await a.call('gifts.physician', { personId: park.id, year: 2028 })).limitNote).toMatch(/using 2027's/);
    // Correcting a year's figure edits the one row.
    await a.call('limits.save', { kind: 'stark_nonmonetary', year: 2027, cents: 56_000, source: 'CMS CPI-U update for 2027 (corrected)' });
    expect((await a.call('limits.list', {})).filter((l) => l.kind === 'stark_nonmonetary' && l.year === 2027)).toHaveLength(1);
    expect((await a.call('gifts.check', giftTo(lakeside.id, park.id, 55_001, '2027-06-01'))).verdict).toBe('warning');
  });

  it('only a manager changes them: whoever may raise a limit could skip the override', async () => {
    for (const role of ['liaison', 'doctor', null] as const) {
      const { a } = await setUp({ role });
      const limit = await refusal(a, 'limits.save', { kind: 'stark_nonmonetary', year: 2026, cents: 500_000, source: 'Typed by someone' });
      expect(limit.message).toMatch(role ? new RegExp(`Only a manager can change the yearly limits. You are set up as a ${role}`) : /Say who you are/);
      const policy = await refusal(a, 'giftPolicy.save', { warnAt: 1, perOccasionCents: null, perPersonMealCents: null, forbiddenKinds: [], staffPerYearCents: null });
      expect(policy.message).toMatch(/only a manager|Only a manager/);
      expect((await a.call('limits.list', {})).find((l) => l.id === 'stark_nonmonetary:2026')!.cents).toBe(LIMIT_2026);
      expect((await a.call('giftPolicy.get', {})).warnAt).toBe(0.8);
    }
  });

  it('a per-person meal cap, forbidden kinds and a staff yearly cap apply', async () => {
    const { a, lakeside, park, staff } = await setUp();
    expect(await a.call('giftPolicy.get', {})).toEqual({ warnAt: 0.8, perOccasionCents: null, perPersonMealCents: null, forbiddenKinds: [], staffPerYearCents: null });
    await a.call('giftPolicy.save', { warnAt: 0.9, perOccasionCents: 50_000, perPersonMealCents: 3_000, forbiddenKinds: ['event'], staffPerYearCents: 10_000 });
    const meal = { officeId: lakeside.id, kind: 'meal' as const, day: '2026-11-20', peopleSharing: 2, description: 'Dinner', recipients: [{ personId: park.id }, { personId: staff[0]!.id }] };
    expect((await a.call('gifts.check', { ...meal, totalCents: 6_000 })).verdict).toBe('ok');
    const dinner = await a.call('gifts.check', { ...meal, totalCents: 6_002 });
    expect(dinner.checks.map((c) => [c.verdict, c.rule, c.limitCents])).toEqual([
      ['over', 'Over the practice’s cap per person for a meal', 3_000],
      ['over', 'Over the practice’s cap per person for a meal', 3_000],
    ]);
    const before = counts(a);
    const event = await refusal(a, 'gifts.log', { ...giftTo(lakeside.id, park.id, 1_000), kind: 'event', override: { reason: 'A manager trying anyway, with a reason' } });
    expect(event.issues?.[0]?.path).toEqual(['kind']);
    expect(event.message).toMatch(/does not allow/);
    const staffGift = await a.call('gifts.check', giftTo(lakeside.id, staff[0]!.id, 10_001));
    expect(staffGift.checks[0]).toMatchObject({ verdict: 'over', limitCents: 10_000, source: 'Practice policy' });
    expect((await a.call('gifts.check', giftTo(lakeside.id, staff[0]!.id, 9_000))).verdict).toBe('warning'); // 90%
    expect((await a.call('gifts.check', giftTo(lakeside.id, staff[0]!.id, 8_999))).verdict).toBe('ok');
    const occasion = await a.call('gifts.check', { ...meal, kind: 'gift', totalCents: 50_001, peopleSharing: 20 });
    expect(occasion.checks.every((c) => c.verdict === 'over' && c.rule.includes('one occasion'))).toBe(true);
    const nobody = await a.call('gifts.check', { ...meal, kind: 'gift', totalCents: 50_001, peopleSharing: 20, recipients: [] });
    expect(nobody).toMatchObject({ verdict: 'over', entryProblems: [expect.stringMatching(/\$500\.00 for one occasion/)] });
    expect(counts(a)).toEqual(before);
    expect((await refusal(a, 'giftPolicy.save', { warnAt: 2, perOccasionCents: null, perPersonMealCents: null, forbiddenKinds: [], staffPerYearCents: null })).issues?.[0]?.path).toEqual(['warnAt']);
  });

  it('the meal cap holds for people not named, so a split set by hand cannot move a share past it', async () => {
    const { a, lakeside, park } = await setUp();
    await a.call('giftPolicy.save', { warnAt: 0.8, perOccasionCents: null, perPersonMealCents: 5_000, forbiddenKinds: [], staffPerYearCents: null });
    const lunch = { officeId: lakeside.id, kind: 'meal' as const, day: '2026-11-20', peopleSharing: 2, totalCents: 10_000, description: 'Dinner' };
    expect((await a.call('gifts.check', { ...lunch, recipients: [{ personId: park.id }] })).verdict).toBe('ok');
    const moved = await a.call('gifts.check', { ...lunch, recipients: [{ personId: park.id, cents: 0 }] });
    expect(moved).toMatchObject({ verdict: 'over', entryProblems: [expect.stringMatching(/People not named get \$100\.00 each, over the practice’s per-person meal cap of \$50\.00/)] });
    expect((await refusal(a, 'gifts.log', { ...lunch, recipients: [{ personId: park.id, cents: 0 }] })).issues?.[0]?.path).toEqual(['override']);
  });

  it('an entry with nobody named is allowed but warns that it counts toward nobody’s total; a meal cap broken by people not named is over, not forbidden', async () => {
    const { a, lakeside } = await setUp();
    const basket = { officeId: lakeside.id, kind: 'gift' as const, day: '2026-11-20', peopleSharing: 1, totalCents: 9_000, description: 'Fruit basket', recipients: [] };
    expect(await a.call('gifts.check', basket)).toMatchObject({ verdict: 'warning', entryProblems: [expect.stringMatching(/^Nobody is named, so this counts toward no physician’s yearly total/)] });
    await a.call('gifts.log', basket);
    await a.call('giftPolicy.save', { warnAt: 0.8, perOccasionCents: null, perPersonMealCents: 5_000, forbiddenKinds: [], staffPerYearCents: null });
    const dinner = await a.call('gifts.check', { ...basket, kind: 'meal', peopleSharing: 2, totalCents: 12_000 });
    expect(dinner.verdict).toBe('over');
    expect(dinner.entryProblems).toEqual([expect.stringMatching(/People not named get \$60\.00 each/)]);
  });

  it('a policy a newer build wrote, forbidding a kind this build does not know, keeps every cap it set', async () => {
    const { a } = await setUp();
    await a.call('giftPolicy.save', { warnAt: 0.9, perOccasionCents: 50_000, perPersonMealCents: 3_000, forbiddenKinds: ['event'], staffPerYearCents: 10_000 });
    const stored = JSON.parse((a.ctx.store.sqlite.prepare(`SELECT value FROM settings WHERE id = 'gift_policy'`).get() as { value: string }).value) as { forbiddenKinds: string[] };
    a.ctx.store.sqlite.prepare(`UPDATE settings SET value = ? WHERE id = 'gift_policy'`).run(JSON.stringify({ ...stored, forbiddenKinds: ['event', 'crypto_token'] }));
    expect(await a.call('giftPolicy.get', {})).toEqual({ warnAt: 0.9, perOccasionCents: 50_000, perPersonMealCents: 3_000, forbiddenKinds: ['event'], staffPerYearCents: 10_000 });
  });

  it("the report holds staff to the practice's staff cap, as their page does", async () => {
    const { a, lakeside, staff } = await setUp();
    await a.call('giftPolicy.save', { warnAt: 0.8, perOccasionCents: null, perPersonMealCents: null, forbiddenKinds: [], staffPerYearCents: 5_000 });
    await a.call('gifts.log', giftTo(lakeside.id, staff[0]!.id, 6_000, '2026-03-01', { override: { reason: 'Retirement gift for the office manager' } }));
    const row = (await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' })).physicians.find((p) => p.personId === staff[0]!.id);
    expect(row).toMatchObject({ spentCents: 6_000, limitCents: 5_000, over: true });
    expect((await a.call('gifts.physician', { personId: staff[0]!.id, year: 2026 })).limitCents).toBe(5_000);
  });
});

describe('sync', () => {
  it('entries made on one device land on another (append-only) and count in its year-to-date', async () => {
    const { a, lakeside, park } = await setUp();
    await a.call('gifts.log', giftTo(lakeside.id, park.id, 30_000, '2026-02-01'));
    const lunch = await a.call('gifts.log', {
      officeId: lakeside.id, kind: 'meal', day: '2026-03-01', totalCents: 9_000, peopleSharing: 9, recipients: [{ personId: park.id }], description: 'Lunch',
    });
    await a.call('gifts.reverse', { id: lunch.id, reason: 'Logged twice' });
    const b = open();
    b.ctx.now = () => NOW;
    await b.call('team.setMe', { name: 'Lee Chen', role: 'liaison' });
    const result = applyRemote(b.ctx, readChanges(a.ctx.store));
    expect(result).toMatchObject({ pending: 0, refused: [] });
    for (const t of ['gift_entries', 'gift_shares', 'ledger'] as const) expect(counts(b)[t]).toBe(counts(a)[t]);
    expect((await b.call('gifts.physician', { personId: park.id, year: 2026 })).spentCents).toBe(30_000);
    const check = await b.call('gifts.check', giftTo(lakeside.id, park.id, 23_501));
    expect(check.checks[0]).toMatchObject({ verdict: 'over', spentCents: 30_000 });
    await b.call('gifts.log', giftTo(lakeside.id, park.id, 1_000, '2026-11-01'));
    // B's own entry starts B's own chain; A's chain arrived whole.
    const verdict = await b.call('ledger.verify', {});
    expect(verdict.state).toBe('intact');
    expect(verdict.chains.map((c) => [c.mine, c.records, c.state])).toEqual([[true, 1, 'intact'], [false, 3, 'intact']]);
    // Applying the same changes again changes nothing.
    const again = applyRemote(b.ctx, readChanges(a.ctx.store));
    expect(again.applied).toBe(0);
    expect((await b.call('gifts.physician', { personId: park.id, year: 2026 })).spentCents).toBe(31_000);
  });
});
