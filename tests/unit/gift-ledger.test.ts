import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyRemote } from '../../src/main/db/applyRemote';
import { readChanges } from '../../src/main/sync/changes';
import { canonical, linkHash, verifyChain, type LedgerRow } from '../../src/shared/gifts/ledger';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const NOW = '2026-11-24T15:00:00.000Z';

/** A pure chain of n records whose stored hashes are `rec-<i>`. */
function chain(n: number, name = 'c1'): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const link = { chain: name, seq, record_table: 'gift_entries', record_id: `r${seq}`, record_hash: `rec-${seq}`, prev_hash: rows.at(-1)?.hash ?? null };
    rows.push({ id: `l${seq}`, ...link, hash: linkHash(sha256, link) });
  }
  return rows;
}
const stored = (_table: string, id: string) => `rec-${id.slice(1)}`;
const describeIt = (_t: string, id: string) => `entry ${id}`;

describe('the ledger chain, pure', () => {
  it("a column a later build adds (empty on every old row) leaves old records' text, and so their hashes, as they were", () => {
    const row = { id: 'e1', kind: 'meal', vendor: null, total_cents: 18_000 };
    const now = canonical(['id', 'kind', 'vendor', 'total_cents'], row, [[['id', 's1'], ['npi', null], ['cents', 2_000]]]);
    const later = canonical(['id', 'kind', 'vendor', 'total_cents', 'currency'], { ...row, currency: null }, [[['id', 's1'], ['npi', null], ['cents', 2_000], ['note', null]]]);
    expect(later).toBe(now);
    // A value that is set still counts: changing it changes the text.
    expect(canonical(['id', 'kind', 'vendor', 'total_cents'], { ...row, vendor: 'Panera' })).not.toBe(canonical(['id', 'kind', 'vendor', 'total_cents'], row));
  });

  it('is intact as written, in any order', () => {
    const rows = chain(5);
    expect(verifyChain([...rows].reverse(), sha256, stored, { mine: true, describe: describeIt })).toMatchObject({ state: 'intact', records: 5, head: rows[4]!.hash });
  });

  it('names the record whose stored value changed', () => {
    const f = verifyChain(chain(5), sha256, (t, id) => (id === 'r3' ? 'tampered' : stored(t, id)), { mine: true, describe: describeIt });
    expect(f).toMatchObject({ state: 'broken', brokenAt: { seq: 3, recordId: 'r3' }, problem: 'Record 3 (entry r3): the record was changed after it was written' });
  });

  it('names a ledger row changed in place, and a rewritten link', () => {
    const rows = chain(5);
    rows[1] = { ...rows[1]!, record_hash: 'other' };
    expect(verifyChain(rows, sha256, stored, { mine: true, describe: describeIt }).brokenAt?.seq).toBe(2);
    // Rewritten consistently from row 3 on, but row 3's link no longer follows row 2.
    const again = chain(5);
    const link = { ...again[2]!, prev_hash: 'f'.repeat(64) };
    again[2] = { ...link, hash: linkHash(sha256, link) };
    expect(verifyChain(again, sha256, stored, { mine: true, describe: describeIt })).toMatchObject({ state: 'broken', brokenAt: { seq: 3 } });
    const first = chain(2);
    const bad = { ...first[0]!, prev_hash: 'x' };
    first[0] = { ...bad, hash: linkHash(sha256, bad) };
    expect(verifyChain(first, sha256, stored, { mine: true, describe: describeIt }).problem).toMatch(/first record of a chain names a record before it/);
  });

  it('a gap is tampering in this device’s chain, and not yet arrived in another’s', () => {
    const rows = chain(5).filter((r) => r.seq !== 3);
    expect(verifyChain(rows, sha256, stored, { mine: true, describe: describeIt })).toMatchObject({ state: 'broken', brokenAt: { seq: 4 } });
    expect(verifyChain(rows, sha256, stored, { mine: false, describe: describeIt })).toMatchObject({ state: 'incomplete', problem: 'records 3–3 of this chain have not arrived yet' });
    const early = chain(5).filter((r) => r.seq > 2);
    expect(verifyChain(early, sha256, stored, { mine: false, describe: describeIt }).state).toBe('incomplete');
    // A missing record: broken here, still arriving elsewhere.
    const missing = (t: string, id: string) => (id === 'r2' ? null : stored(t, id));
    expect(verifyChain(chain(3), sha256, missing, { mine: true, describe: describeIt }).state).toBe('broken');
    expect(verifyChain(chain(3), sha256, missing, { mine: false, describe: describeIt }).state).toBe('incomplete');
    // Incomplete does not hide a change further on.
    const changed = (t: string, id: string) => (id === 'r5' ? 'x' : stored(t, id));
    expect(verifyChain(rows, sha256, changed, { mine: false, describe: describeIt })).toMatchObject({ state: 'broken', brokenAt: { seq: 5 } });
  });
});

/** An app (a manager) with an office, a physician, and a mix of every ledgered record. */
async function withHistory() {
  const a = open();
  a.ctx.now = () => NOW;
  await a.call('team.setMe', { name: 'Dana Whitfield', role: 'manager' });
  const office = await a.call('offices.create', { name: 'Lakeside Orthopedics', stage: 'established', address: { city: 'Toledo' } });
  const dr = await a.call('people.create', { officeId: office.id, kind: 'physician', firstName: 'Ada', lastName: 'Park', credentials: 'MD', npi: '1234567893' });
  const gift = (totalCents: number, day: string, extra = {}) =>
    a.call('gifts.log', { officeId: office.id, kind: 'gift', day, totalCents, peopleSharing: 1, recipients: [{ personId: dr.id }], description: `Gift of ${day}`, ...extra });
  const first = await gift(10_000, '2026-01-10');
  const lunch = await a.call('gifts.log', { officeId: office.id, kind: 'meal', day: '2026-02-10', totalCents: 18_000, peopleSharing: 9, recipients: [{ personId: dr.id }], description: 'Lunch and learn' });
  await a.call('gifts.reverse', { id: first.id, reason: 'Wrong office' });
  const over = await gift(55_000, '2026-03-02', { override: { reason: 'Medical staff appreciation event this spring' } });
  await a.call('gifts.attachReceipt', { entryId: over.id, fileId: await a.upload(Buffer.from('%PDF-1.4\n%%EOF\n'), 'receipt.pdf') });
  await a.call('gifts.repay', { personId: dr.id, year: 2026, cents: 3_500, repaidOn: '2026-03-20' });
  await a.call('rewards.log', { referralCode: 'REF-7', day: '2026-05-01', cents: 1_200, description: 'Mug' });
  return { a, office, dr, first, lunch, over };
}

const rowsOf = (a: TestApp, sql: string, ...args: unknown[]) => a.ctx.store.sqlite.prepare(sql).all(...args) as Record<string, unknown>[];

describe('verifying the ledger of a real data file', () => {
  it('is intact after a mix of writes, and every report prints its head', async () => {
    const { a, dr } = await withHistory();
    const v = await a.call('ledger.verify', {});
    // 3 entries + 1 reversal, 1 override, 1 receipt, 1 repayment, 1 reward.
    expect(v).toMatchObject({ state: 'intact', records: 8, message: 'The ledger is intact: 8 records checked, none changed.' });
    expect(v.chains).toEqual([{ chain: expect.any(String), mine: true, records: 8, head: v.head, state: 'intact', problem: null }]);
    expect(rowsOf(a, 'SELECT record_table FROM ledger ORDER BY seq').map((r) => r.record_table)).toEqual([
      'gift_entries', 'gift_entries', 'gift_entries', 'gift_entries', 'gift_overrides', 'gift_receipts', 'gift_repayments', 'patient_rewards',
    ]);
    const report = await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' });
    expect(report.ledgerHead).toBe(v.head);
    expect((await a.call('compliance.statement', { personId: dr.id, year: 2026 })).ledgerHead).toBe(v.head);
    expect((await a.call('compliance.reportCsv', { from: '2026-01-01', to: '2026-12-31' })).csv).toContain(`Latest hash ${v.head}`);
  });

  it('an edited gift entry breaks the chain and is named', async () => {
    const { a, lunch } = await withHistory();
    a.ctx.store.sqlite.prepare('UPDATE gift_entries SET total_cents = 1800 WHERE id = ?').run(lunch.id);
    const v = await a.call('ledger.verify', {});
    expect(v.state).toBe('broken');
    expect(v.message).toBe('The ledger is broken. Record 2 (gift entry “Lunch and learn” of 2026-02-10): the record was changed after it was written.');
    expect(v.chains[0]).toMatchObject({ state: 'broken', problem: expect.stringContaining('Lunch and learn') });
    // Reports say so, and still print the head.
    expect((await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' })).ledgerState).toMatch(/broken/);
  });

  it('an edited share, override, repayment or reward is found too', async () => {
    for (const [table, sql, named] of [
      ['gift_shares', `UPDATE gift_shares SET cents = cents - 100 WHERE cents = 2000`, /Lunch and learn/],
      ['gift_overrides', `UPDATE gift_overrides SET reason = 'Approved'`, /override/],
      ['gift_repayments', `UPDATE gift_repayments SET cents = 10000`, /repayment/],
      ['patient_rewards', `UPDATE patient_rewards SET cents = 100`, /./],
      ['gift_receipts', `UPDATE gift_receipts SET sha256 = '${'0'.repeat(64)}'`, /receipt/],
    ] as const) {
      const { a } = await withHistory();
      expect(a.ctx.store.sqlite.prepare(sql).run().changes, table).toBeGreaterThan(0);
      const v = await a.call('ledger.verify', {});
      expect(v.state, table).toBe('broken');
      expect(v.message, table).toMatch(named);
      a.close();
    }
  });

  it('an edited ledger row is named, and a deleted one in the middle of this device’s chain breaks it', async () => {
    const { a } = await withHistory();
    const third = rowsOf(a, 'SELECT id FROM ledger WHERE seq = 3')[0]!.id as string;
    a.ctx.store.sqlite.prepare(`UPDATE ledger SET hash = ? WHERE id = ?`).run('0'.repeat(64), third);
    let v = await a.call('ledger.verify', {});
    expect(v).toMatchObject({ state: 'broken', message: expect.stringMatching(/^The ledger is broken\. Record 3 \(gift entry “Gift of 2026-01-10” of 2026-01-10\): its ledger row was changed/) });

    const b = (await withHistory()).a;
    b.ctx.store.sqlite.prepare('DELETE FROM ledger WHERE seq = 4').run();
    v = await b.call('ledger.verify', {});
    expect(v).toMatchObject({ state: 'broken', message: expect.stringMatching(/Record 5 .*rows before it \(from 4\) are missing/) });
  });

  it('a deleted record of this device’s chain breaks it', async () => {
    const { a } = await withHistory();
    a.ctx.store.sqlite.pragma('foreign_keys = OFF');
    a.ctx.store.sqlite.prepare('DELETE FROM patient_rewards').run();
    const v = await a.call('ledger.verify', {});
    expect(v).toMatchObject({ state: 'broken', message: expect.stringMatching(/Record 8 .*the record itself is missing/) });
  });

  it('a deleted last row of this device’s chain is not mistaken for one still arriving', async () => {
    const { a } = await withHistory();
    const report = await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' });
    a.ctx.store.sqlite.prepare('DELETE FROM ledger WHERE seq = 8').run();
    const v = await a.call('ledger.verify', {});
    expect(v.state).toBe('broken');
    expect(v.message).toMatch(/was written on this device but is in no chain/);
    // And the head no longer matches the report already filed.
    expect(v.head).not.toBe(report.ledgerHead);
  });

  it('a chain rewritten end to end verifies, but its head differs from the report already filed', async () => {
    const { a, lunch } = await withHistory();
    const filed = (await a.call('compliance.report', { from: '2026-01-01', to: '2026-12-31' })).ledgerHead;
    a.ctx.store.sqlite.prepare('UPDATE gift_entries SET description = ? WHERE id = ?').run('Coffee', lunch.id);
    // Recompute every hash from the tampered data, as a careful forger would.
    const rows = rowsOf(a, 'SELECT * FROM ledger ORDER BY seq') as unknown as LedgerRow[];
    const { appendLedger } = await import('../../src/main/gifts/ledger');
    a.ctx.store.sqlite.prepare('DELETE FROM ledger').run();
    a.ctx.store.tx(() => {
      for (const r of rows) appendLedger(a.ctx, r.record_table as never, r.record_id);
    });
    const v = await a.call('ledger.verify', {});
    expect(v.state).toBe('intact');
    expect(v.head).not.toBe(filed);
  });
});

describe('another device’s chain, synced', () => {
  it('arrives whole: intact; with its earlier rows missing: incomplete, not broken', async () => {
    const { a } = await withHistory();
    const all = readChanges(a.ctx.store);
    const ledgerIds = rowsOf(a, 'SELECT id, record_id, seq FROM ledger ORDER BY seq') as { id: string; record_id: string; seq: number }[];

    const whole = open();
    applyRemote(whole.ctx, all);
    expect(await whole.call('ledger.verify', {})).toMatchObject({ state: 'intact', records: 8, head: null, chains: [{ mine: false, state: 'intact', records: 8 }] });

    // The first two ledger rows (and the first entry they chain) have not arrived.
    const held = new Set([ledgerIds[0]!.id, ledgerIds[1]!.id]);
    const partial = open();
    const r = applyRemote(partial.ctx, all.filter((c) => !(c.tbl === 'ledger' && held.has(c.row_id))));
    expect(r.refused).toEqual([]);
    const v = await partial.call('ledger.verify', {});
    expect(v.state).toBe('incomplete');
    expect(v.chains).toEqual([expect.objectContaining({ mine: false, state: 'incomplete', records: 6 })]);
    expect(v.message).toMatch(/incomplete/);
    expect(v.message).not.toMatch(/broken/);
    // The rest arrives: intact.
    applyRemote(partial.ctx, all.filter((c) => c.tbl === 'ledger' && held.has(c.row_id)));
    expect((await partial.call('ledger.verify', {})).state).toBe('intact');
    // Its own writes start its own chain beside the other.
    partial.ctx.now = () => NOW;
    await partial.call('rewards.log', { referralCode: 'REF-8', day: '2026-06-01', cents: 500, description: 'Card' });
    const both = await partial.call('ledger.verify', {});
    expect(both.chains.map((c) => [c.mine, c.records, c.state])).toEqual([[true, 1, 'intact'], [false, 8, 'intact']]);
    expect(both.head).toBe(both.chains[0]!.head);
  });

  it('a changed record of another device’s chain is still broken', async () => {
    const { a, lunch } = await withHistory();
    const b = open();
    applyRemote(b.ctx, readChanges(a.ctx.store));
    b.ctx.store.sqlite.prepare('UPDATE gift_entries SET total_cents = 1 WHERE id = ?').run(lunch.id);
    expect((await b.call('ledger.verify', {})).state).toBe('broken');
  });
});
