import type { Insertable } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeCtx, type Ctx } from '../../src/main/context';
import { applyRemote } from '../../src/main/db/applyRemote';
import type { ChangeBatch } from '../../src/main/db/changeFeed';
import type { Database } from '../../src/main/db/schema';
import { TABLES, type LwwTable, type Registry, type SyncedTable } from '../../src/main/db/tables';
import { insertRow, softDeleteRow, updateRow } from '../../src/main/db/writePath';
import { readChanges } from '../../src/main/sync/changes';
import { appsClosedAfterEach, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();

const count = (a: TestApp, sql: string) => (a.ctx.store.sqlite.prepare(sql).get() as { n: number }).n;

/** A full row for every registered table: a table added to the registry without one fails to compile. */
const SAMPLES: { [T in SyncedTable]: Insertable<Database[T]> & { id: string } } = {
  team_members: {
    id: '0190a5b0-0000-7000-8000-000000000003', name: 'Dana Whitfield', role: 'liaison', email: 'dana@practice.example', active: 1,
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null,
  },
  offices: {
    id: '0190a5b0-0000-7000-8000-000000000001', name: 'Lakeside Cardiology', kind: 'physician_office', specialties: '["Cardiology"]',
    address: '{"line1":"1 Lake St","line2":null,"city":"Toledo","state":"OH","zip":"43604"}', phone: '(419) 555-0100', fax: '(419) 555-0101',
    email: 'front@lakeside.example', website: 'https://lakeside.example', npi: '1234567893', tier: 'A', stage: 'new', owner_id: null,
    tags: '["lunch"]', notes: 'Parking behind', best_time: 'Tue pm', lunch_prefs: 'Vegetarian',
    visit_hours: '[{"days":[2],"from":"13:00","to":"16:00"}]', coords: '{"lat":41.65,"lng":-83.54}', cadence: '{"paused":true}', created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z', archived_at: null, deleted_at: null,
  },
  people: {
    id: '0190a5b0-0000-7000-8000-000000000002', office_id: '0190a5b0-0000-7000-8000-000000000001', kind: 'physician', first_name: 'Ada',
    last_name: 'Park', credentials: 'MD', specialty: 'Cardiology', npi: '1245319599', role: null, phone: '(419) 555-0102',
    email: 'ada@lakeside.example', notes: 'Prefers email', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    archived_at: null, deleted_at: null,
  },
  visits: {
    id: '0190a5b0-0000-7000-8000-000000000004', office_id: '0190a5b0-0000-7000-8000-000000000001', liaison_id: '0190a5b0-0000-7000-8000-000000000003',
    status: 'planned', starts_at: '2026-01-06T15:00:00.000Z', ends_at: '2026-01-06T15:45:00.000Z', pinned: 0, purpose: 'relationship',
    seen: '["0190a5b0-0000-7000-8000-000000000002"]', left_items: '["Referral pads"]', notes: 'Bring pads', reason: null, sequence: 0,
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null,
  },
  touches: {
    id: '0190a5b0-0000-7000-8000-000000000005', office_id: '0190a5b0-0000-7000-8000-000000000001', kind: 'visit', day: '2026-01-06',
    at: '2026-01-06T15:00:00.000Z', by_id: '0190a5b0-0000-7000-8000-000000000003', visit_id: '0190a5b0-0000-7000-8000-000000000004', notes: 'Met Dr Park',
    reverses: null, created_at: '2026-01-06T16:00:00.000Z',
  },
  visit_feedback: {
    id: '0190a5b0-0000-7000-8000-000000000006', office_id: '0190a5b0-0000-7000-8000-000000000001', visit_id: '0190a5b0-0000-7000-8000-000000000004',
    communication: 4, credibility: 5, capacity: 2, consistency: 3, comment: 'Wait times too long', by_id: '0190a5b0-0000-7000-8000-000000000003',
    reverses: null, created_at: '2026-01-06T16:00:00.000Z',
  },
  tasks: {
    id: '0190a5b0-0000-7000-8000-000000000007', office_id: '0190a5b0-0000-7000-8000-000000000001', visit_id: '0190a5b0-0000-7000-8000-000000000004',
    owner_id: '0190a5b0-0000-7000-8000-000000000003', title: 'Send brochures', due_date: '2026-01-13', done_at: null, notes: 'Spanish ones', kind: null,
    created_at: '2026-01-06T16:00:00.000Z', updated_at: '2026-01-06T16:00:00.000Z', deleted_at: null,
  },
  referrals: {
    id: '0190a5b0-0000-7000-8000-000000000020', direction: 'in', received_on: '2026-01-05', office_id: '0190a5b0-0000-7000-8000-000000000001',
    person_id: '0190a5b0-0000-7000-8000-000000000002', source_kind: 'physician_office', service_line: 'Spine', referral_code: 'RX-1042', source_id: 'PM-88121',
    status: 'seen', contacted_on: '2026-01-06', scheduled_on: '2026-01-06', appointment_on: '2026-01-12', seen_on: '2026-01-12', note_sent_on: null,
    closed_on: null, lost_on: null, lost_reason: null, liaison_id: '0190a5b0-0000-7000-8000-000000000003', notes: 'Urgent',
    created_at: '2026-01-06T16:00:00.000Z', updated_at: '2026-01-06T16:00:00.000Z', deleted_at: null,
  },
  settings: { id: 'sample-setting', value: '{}', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null },
  compliance_limits: {
    id: 'stark_nonmonetary:2030', kind: 'stark_nonmonetary', year: 2030, cents: 60_000, source: 'CMS', created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z', deleted_at: null,
  },
  gift_entries: {
    id: '0190a5b0-0000-7000-8000-000000000008', office_id: '0190a5b0-0000-7000-8000-000000000001', visit_id: '0190a5b0-0000-7000-8000-000000000004',
    kind: 'meal', place: 'in_office', in_person: 1, day: '2026-01-06', total_cents: 18_000, people_sharing: 9, others_cents: 14_000,
    description: 'Lunch and learn', vendor: 'Panera', logged_by: '0190a5b0-0000-7000-8000-000000000003', reverses: null, reason: null,
    created_at: '2026-01-06T16:00:00.000Z',
  },
  gift_shares: {
    id: '0190a5b0-0000-7000-8000-000000000009', entry_id: '0190a5b0-0000-7000-8000-000000000008', person_id: '0190a5b0-0000-7000-8000-000000000002',
    person_kind: 'physician', npi: '1245319599', year: 2026, cents: 2_000, created_at: '2026-01-06T16:00:00.000Z',
  },
  gift_overrides: {
    id: '0190a5b0-0000-7000-8000-00000000000a', entry_id: '0190a5b0-0000-7000-8000-000000000008', by_id: '0190a5b0-0000-7000-8000-000000000003',
    by_role: 'manager', reason: 'Annual appreciation event', self_declared: 1, findings: '[]', created_at: '2026-01-06T16:00:00.000Z',
  },
  gift_repayments: {
    id: '0190a5b0-0000-7000-8000-00000000000b', person_id: '0190a5b0-0000-7000-8000-000000000002', npi: '1245319599', year: 2026, cents: 1_000,
    received_on: '2026-01-06', deadline: '2026-07-05', repaid_on: '2026-02-01', note: 'Check 1024', by_id: '0190a5b0-0000-7000-8000-000000000003',
    created_at: '2026-02-01T16:00:00.000Z',
  },
  gift_receipts: {
    id: '0190a5b0-0000-7000-8000-00000000000c', entry_id: '0190a5b0-0000-7000-8000-000000000008', file_name: 'receipt.pdf', media_type: 'application/pdf',
    bytes: 1234, sha256: 'ab'.repeat(32), by_id: '0190a5b0-0000-7000-8000-000000000003', created_at: '2026-01-06T16:00:00.000Z',
  },
  patient_rewards: {
    id: '0190a5b0-0000-7000-8000-00000000000d', referral_code: 'R-1042', day: '2026-01-06', year: 2026, cents: 1_000, description: 'Thank-you mug',
    logged_by: '0190a5b0-0000-7000-8000-000000000003', reverses: null, reason: null, created_at: '2026-01-06T16:00:00.000Z',
  },
  ledger: {
    id: '0190a5b0-0000-7000-8000-00000000000e', chain: 'device-1', seq: 1, record_table: 'gift_entries', record_id: '0190a5b0-0000-7000-8000-000000000008',
    record_hash: 'cd'.repeat(32), prev_hash: null, hash: 'ef'.repeat(32), created_at: '2026-01-06T16:00:00.000Z',
  },
};

/** A value different from `v` that the column still accepts. */
function another(tbl: SyncedTable, col: string, v: unknown): string | number | null {
  if (col === 'office_id' || col === 'visit_id' || col === 'liaison_id' || col === 'by_id' || col === 'person_id') return v as string;
  if (col === 'direction') return 'out';
  if (col.endsWith('_on')) return '2026-02-03';
  if (col === 'status') return 'completed';
  if (col === 'pinned' || col === 'sequence') return 1;
  if (col === 'seen' || col === 'left_items') return '[]';
  if (col === 'visit_hours') return '[]';
  if (col === 'coords' || col === 'route_start') return null;
  if (col === 'cadence') return '{"every":{"weeks":3}}';
  if (col === 'due_date') return '2026-02-01';
  if (col === 'year') return 2031;
  if (col === 'cents') return 61_000;
  // The registry lists members first, so the member is there when an office's owner is set to them.
  if (col === 'owner_id') return SAMPLES.team_members.id;
  if (col === 'active') return 0;
  if (col === 'specialties' || col === 'tags') return '["Changed"]';
  if (col === 'address') return '{"line1":"2 Hill Rd","line2":null,"city":"Kent","state":"OH","zip":"44240"}';
  if (col === 'kind') return tbl === 'offices' ? 'hospital' : tbl === 'compliance_limits' ? 'oig_nominal_item' : 'staff';
  if (col === 'tier') return 'B';
  if (col === 'stage') return 'established';
  if (col.endsWith('_at')) return '2026-02-02T00:00:00.000Z';
  return `${String(v ?? '')} changed`;
}

describe('the one write path', () => {
  it('leaves no row, no change record and no announcement when a write throws mid-transaction', () => {
    const a = open();
    const heard: ChangeBatch[] = [];
    a.ctx.feed.subscribe((b) => heard.push(b));
    expect(() =>
      a.ctx.store.tx(() => {
        insertRow(a.ctx, 'offices', SAMPLES.offices);
        throw new Error('the disk said no');
      }),
    ).toThrow('the disk said no');
    expect(count(a, 'SELECT count(*) AS n FROM offices')).toBe(0);
    expect(count(a, 'SELECT count(*) AS n FROM changes')).toBe(0);
    expect(heard).toEqual([]);

    // The row written, then its change record refused by SQLite: the row goes too.
    a.ctx.store.sqlite.exec(`CREATE TRIGGER no_log BEFORE INSERT ON changes BEGIN SELECT RAISE(ABORT, 'log full'); END`);
    expect(() => insertRow(a.ctx, 'offices', SAMPLES.offices)).toThrow('log full');
    expect(count(a, 'SELECT count(*) AS n FROM offices')).toBe(0);
    a.ctx.store.sqlite.exec('DROP TRIGGER no_log');

    insertRow(a.ctx, 'offices', SAMPLES.offices);
    a.ctx.store.sqlite.exec(`CREATE TRIGGER no_log BEFORE INSERT ON changes BEGIN SELECT RAISE(ABORT, 'log full'); END`);
    expect(() => updateRow(a.ctx, 'offices', SAMPLES.offices.id, { name: 'Never saved' })).toThrow('log full');
    expect(a.ctx.store.sqlite.prepare('SELECT name FROM offices').get()).toEqual({ name: 'Lakeside Cardiology' });
    expect(count(a, 'SELECT count(*) AS n FROM cell_clock')).toBe(0);
    expect(heard).toHaveLength(1);
  });

  it('announces each committed write once, after the commit, with the tables and ids it changed', async () => {
    const a = open();
    const heard: ChangeBatch[] = [];
    a.ctx.feed.subscribe((b) => heard.push(b));
    const o = await a.call('offices.create', { name: 'Hilltop' });
    expect(heard).toEqual([{ source: 'local', tables: { offices: [o.id] } }]);
    const p = await a.call('people.create', { officeId: o.id, firstName: 'Ana', lastName: 'Ruiz' });
    expect(heard[1]).toEqual({ source: 'local', tables: { people: [p.id] } });
    await a.call('offices.update', { id: o.id, patch: { name: 'Hilltop' } });
    expect(heard).toHaveLength(2); // nothing changed, nothing announced
  });

  it('announces a write made outside any transaction at once', () => {
    const a = open();
    const heard: ChangeBatch[] = [];
    a.ctx.feed.subscribe((b) => heard.push(b));
    a.ctx.feed.touched('offices', 'x');
    expect(heard).toEqual([{ source: 'local', tables: { offices: ['x'] } }]);
  });

  it('announces an import once, after it commits, and nothing for one that rolls back', async () => {
    const a = open();
    const heard: ChangeBatch[] = [];
    a.ctx.feed.subscribe((b) => heard.push(b));
    const run = async (csv: string) => {
      const { jobId } = await a.call('imports.commit', { csv });
      for (let i = 0; i < 500 && (await a.call('imports.status', { jobId })).state === 'running'; i++) await new Promise((r) => setTimeout(r, 5));
      return a.call('imports.status', { jobId });
    };
    const rows = Array.from({ length: 2500 }, (_, i) => `Office ${i},Dr. Ana Ruiz ${i}`);
    expect((await run(['Office name,Contact name', ...rows].join('\n'))).state).toBe('done');
    expect(heard).toHaveLength(1);
    expect(heard[0]!.tables.offices).toHaveLength(2500);
    expect(heard[0]!.tables.people).toHaveLength(2500);

    a.ctx.store.sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON offices WHEN NEW.name = 'Last' BEGIN SELECT RAISE(ABORT, 'disk said no'); END`);
    expect((await run(['Office name', ...Array.from({ length: 1500 }, (_, i) => `Row ${i}`), 'Last'].join('\n'))).state).toBe('failed');
    expect(heard).toHaveLength(1);
  });

  it('round-trips every registered table through the change log: insert, edit every column, delete (append-only: insert)', () => {
    const a = open();
    for (const tbl of Object.keys(TABLES) as SyncedTable[]) {
      const sample = SAMPLES[tbl] as Record<string, unknown> & { id: string };
      insertRow(a.ctx, tbl, sample as never);
      if (TABLES[tbl].policy === 'append-only') continue;
      const edits = Object.fromEntries(TABLES[tbl].columns.filter((c) => c !== 'id' && c !== 'deleted_at').map((c) => [c, another(tbl, c, sample[c])]));
      expect(updateRow(a.ctx, tbl, sample.id, edits as never)).toBe(true);
    }
    for (const tbl of (Object.keys(TABLES) as SyncedTable[]).reverse()) {
      if (TABLES[tbl].policy === 'lww') softDeleteRow(a.ctx, tbl as LwwTable, SAMPLES[tbl].id);
    }
    const b = open();
    applyRemote(b.ctx, readChanges(a.ctx.store));
    for (const [tbl, spec] of Object.entries(TABLES)) {
      // Only the sample's row: a migration may have made others (the practice's cadence settings).
      const sql = `SELECT ${spec.columns.join(', ')} FROM ${tbl} WHERE id = '${SAMPLES[tbl as SyncedTable].id}'`;
      const rows = a.ctx.store.sqlite.prepare(sql).all();
      expect(rows).toHaveLength(1);
      if (spec.policy === 'lww') expect((rows[0] as { deleted_at: string | null }).deleted_at).not.toBeNull();
      expect(b.ctx.store.sqlite.prepare(sql).all()).toEqual(rows);
    }
  });

  it('refuses to update or delete a row of an append-only table; a correction is a new row', () => {
    const a = open();
    a.ctx.store.sqlite.exec(`CREATE TABLE notes_log (id TEXT PRIMARY KEY, office_id TEXT NOT NULL, kind TEXT NOT NULL, created_at TEXT NOT NULL) STRICT`);
    const tables: Registry = { ...TABLES, notes_log: { policy: 'append-only', noun: 'note', columns: ['id', 'office_id', 'kind', 'created_at'], computed: [] } };
    const ctx: Ctx = { ...a.ctx, tables };
    const note = { id: 't1', office_id: 'o1', kind: 'call', created_at: '2026-01-01T00:00:00.000Z' };
    insertRow(ctx, 'notes_log' as SyncedTable, note as never);
    expect(() => updateRow(ctx, 'notes_log' as SyncedTable, 't1', { kind: 'visit' } as never)).toThrow(/cannot be edited once recorded/);
    expect(() => softDeleteRow(ctx, 'notes_log' as LwwTable, 't1')).toThrow(/cannot be deleted once recorded/);
    expect(a.ctx.store.sqlite.prepare('SELECT kind FROM notes_log').all()).toEqual([{ kind: 'call' }]);
    expect(readChanges(a.ctx.store).map((c) => [c.tbl, c.col])).toEqual([['notes_log', '*']]);
    // The registry's own append-only tables refuse edits the same way.
    expect(TABLES.touches.policy).toBe('append-only');
    expect(() => updateRow(a.ctx, 'touches', 'x', { notes: 'edited' })).toThrow(/A touch cannot be edited once recorded/);
  });

  it('names the kind of record that is gone in its message', async () => {
    const a = open();
    expect(() => updateRow(a.ctx, 'people', 'nope', { first_name: 'x' })).toThrow('That person no longer exists');
    const ctx2 = makeCtx(a.ctx.store, a.ctx.changes.clock);
    expect(() => updateRow(ctx2, 'offices', 'nope', { name: 'x' })).toThrow('That office no longer exists');
  });
});
