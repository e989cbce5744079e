import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { applyRemote } from '../../src/main/db/applyRemote';
import { dispatch } from '../../src/main/dispatch';
import { readChanges } from '../../src/main/sync/changes';
import { memberIdForName, normaliseName, TEAM_MEMBER_NAMESPACE } from '../../src/shared/team/memberId';
import { appsClosedAfterEach, openTestApp, type TestApp } from '../helpers/tempApp';

const open = appsClosedAfterEach();

/** The error a call answers with, as the renderer shows it. */
async function refusal(a: TestApp, method: string, input: unknown) {
  const r = await dispatch(a.handlers, method, input);
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}

const actors = (a: TestApp) => a.ctx.store.sqlite.prepare('SELECT tbl, col, actor FROM changes ORDER BY hlc').all() as { tbl: string; col: string; actor: string | null }[];

describe('names', () => {
  it('normalise by trimming, collapsing whitespace, case-folding and NFKC', () => {
    expect(normaliseName('  Dana\t\n Whitfield ')).toBe('dana whitfield');
    expect(normaliseName('ＤＡＮＡ\u00a0WHITFIELD')).toBe('dana whitfield');
    expect(normaliseName('ﬁona')).toBe('fiona');
    expect(normaliseName('   ')).toBe('');
  });

  it('derive one UUIDv5 per normalised name, in a fixed namespace', () => {
    const id = memberIdForName('Dana Whitfield');
    expect(id).toBe(uuidv5('dana whitfield', TEAM_MEMBER_NAMESPACE));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    expect(memberIdForName(' DANA  whitfield')).toBe(id);
    expect(memberIdForName('Dana Whitfeld')).not.toBe(id);
  });
});

describe('team members through the API', () => {
  it('adds, renames, changes role and email, deactivates and reactivates', async () => {
    const a = open();
    expect(await a.call('team.list', {})).toEqual([]);
    const dana = await a.call('team.create', { name: '  Dana   Whitfield ' });
    expect(dana).toMatchObject({ name: 'Dana Whitfield', role: 'liaison', email: null, active: true });
    const tom = await a.call('team.create', { name: 'Tom Okafor', role: 'Manager', email: 'Tom@Practice.example' });
    expect(tom).toMatchObject({ role: 'manager', email: 'tom@practice.example' });

    const renamed = await a.call('team.update', { id: dana.id, patch: { name: 'Dana W. Price', role: 'admin' } });
    expect(renamed).toMatchObject({ id: dana.id, name: 'Dana W. Price', role: 'admin' });
    expect((await a.call('team.deactivate', { id: tom.id })).active).toBe(false);
    expect((await a.call('team.list', {})).map((m) => [m.name, m.active])).toEqual([
      ['Dana W. Price', true],
      ['Tom Okafor', false],
    ]);
    expect((await a.call('team.reactivate', { id: tom.id })).active).toBe(true);
    // Each is one change per changed cell, like any synced table.
    expect(readChanges(a.ctx.store).filter((c) => c.tbl === 'team_members').map((c) => c.col)).toEqual(['*', '*', 'name', 'role', 'updated_at', 'active', 'updated_at', 'active', 'updated_at']);
  });

  it('refuses bad input in words a person can act on', async () => {
    const a = open();
    expect(await refusal(a, 'team.create', { name: '   ' })).toMatchObject({ code: 'invalid_input', message: 'name: Name is required' });
    expect(await refusal(a, 'team.create', { name: 'Dana', role: 'boss' })).toMatchObject({
      code: 'invalid_input',
      message: 'role: Unknown role "boss"; use one of: liaison, doctor, manager, admin',
    });
    expect(await refusal(a, 'team.create', { name: 'Dana', email: 'dana at home' })).toMatchObject({ message: 'email: Enter an email address like name@example.com' });
    expect(await refusal(a, 'team.create', { name: 'x'.repeat(101) })).toMatchObject({ message: 'name: Keep the name under 100 characters' });
    expect(await refusal(a, 'team.update', { id: 'not-an-id', patch: {} })).toMatchObject({ message: 'id: Not a record id' });
    await a.call('team.create', { name: 'Dana Whitfield' });
    expect(await refusal(a, 'team.create', { name: 'DANA  WHITFIELD' })).toMatchObject({
      code: 'conflict',
      message: 'Dana Whitfield is already on the team.',
      issues: [{ path: ['name'], message: 'Dana Whitfield is already on the team' }],
    });
    const tom = await a.call('team.create', { name: 'Tom Okafor' });
    expect(await refusal(a, 'team.update', { id: tom.id, patch: { name: 'dana whitfield' } })).toMatchObject({ code: 'conflict' });
    expect(await refusal(a, 'team.deactivate', { id: '0190a5b0-0000-7000-8000-0000000000ff' })).toMatchObject({ code: 'not_found', message: /team member no longer exists/ });
  });
});

describe('me', () => {
  it('is unset on a fresh install, set by name (picking a member or adding one), kept across restarts, and changeable', async () => {
    const a = openTestApp();
    try {
      expect(await a.call('team.me', {})).toEqual({ member: null });
      const me = await a.call('team.setMe', { name: 'Dana Whitfield', role: 'liaison' });
      expect(await a.call('team.me', {})).toEqual({ member: me });
      expect(await a.call('team.list', {})).toEqual([me]);
      await a.call('team.create', { name: 'Tom Okafor' });
    } finally {
      a.close();
    }
    const again = openTestApp(a.dir);
    try {
      expect((await again.call('team.me', {})).member?.name).toBe('Dana Whitfield');
      // Picking an existing member (any spelling) uses them, and takes the role given.
      const tom = await again.call('team.setMe', { name: ' tom okafor', role: 'manager' });
      expect(tom).toMatchObject({ name: 'Tom Okafor', role: 'manager' });
      expect((await again.call('team.me', {})).member?.id).toBe(tom.id);
      expect(await again.call('team.list', {})).toHaveLength(2);
    } finally {
      again.close();
    }
  });

  it('is recorded as the actor of every local change; pulled changes keep theirs; with no me the actor is null', async () => {
    const a = open();
    const before = await a.call('offices.create', { name: 'Before anyone said who they are' });
    const me = await a.call('team.setMe', { name: 'Dana Whitfield', role: 'liaison' });
    await a.call('offices.update', { id: before.id, patch: { stage: 'new' } });
    await a.call('offices.create', { name: 'Riverside', ownerName: 'Keisha Brown' });
    const log = actors(a);
    expect(log[0]).toEqual({ tbl: 'offices', col: '*', actor: null });
    // setMe's own insert of the member comes before "me" is known.
    expect(log[1]).toEqual({ tbl: 'team_members', col: '*', actor: null });
    expect(log.slice(2).map((c) => c.actor)).toEqual(log.slice(2).map(() => me.id));
    expect(log.slice(2).map((c) => `${c.tbl}.${c.col}`)).toEqual(['offices.stage', 'offices.updated_at', 'team_members.*', 'offices.*']);
    expect(readChanges(a.ctx.store).at(-1)!.actor).toBe(me.id);

    // Another device pulls them: the changes keep who made them there.
    const b = open();
    applyRemote(b.ctx, readChanges(a.ctx.store));
    expect(actors(b)).toEqual(log);
    await b.call('team.setMe', { name: 'Tom Okafor', role: 'manager' });
    const office = await b.call('offices.update', { id: before.id, patch: { stage: 'established' } });
    expect(actors(b).at(-1)!.actor).toBe((await b.call('team.me', {})).member!.id);
    // The office page says who added an office.
    expect((await b.call('offices.get', { id: office.id })).addedBy).toBeNull();
    const riverside = (await a.call('offices.list', { search: 'riverside' })).rows[0]!;
    expect((await b.call('offices.get', { id: riverside.id })).addedBy).toBe('Dana Whitfield');
  });
});

describe('an office’s liaison', () => {
  it('is a team member: picked by id, or by a typed name that matches a member or adds one as a liaison', async () => {
    const a = open();
    const dana = await a.call('team.create', { name: 'Dana Whitfield', role: 'doctor' });
    const o1 = await a.call('offices.create', { name: 'Riverside', ownerId: dana.id });
    expect(o1).toMatchObject({ ownerId: dana.id, ownerName: 'Dana Whitfield' });
    const o2 = await a.call('offices.create', { name: 'Lakeside', ownerName: ' dana whitfield ' });
    expect(o2).toMatchObject({ ownerId: dana.id, ownerName: 'Dana Whitfield' });
    expect(await a.call('offices.get', { id: o2.id })).toMatchObject({ office: o2 });
    const o3 = await a.call('offices.update', { id: o1.id, patch: { ownerName: 'Keisha Brown' } });
    const keisha = (await a.call('team.list', {})).find((m) => m.name === 'Keisha Brown')!;
    expect(keisha).toMatchObject({ role: 'liaison', active: true, id: memberIdForName('keisha brown') });
    expect(o3).toMatchObject({ ownerId: keisha.id, ownerName: 'Keisha Brown' });
    expect(await a.call('offices.update', { id: o1.id, patch: { ownerId: null } })).toMatchObject({ ownerId: null, ownerName: null });
    expect(await refusal(a, 'offices.create', { name: 'X', ownerId: '0190a5b0-0000-7000-8000-0000000000ff' })).toMatchObject({ code: 'not_found' });
    expect(await refusal(a, 'offices.create', { name: 'X', ownerId: 'Dana' })).toMatchObject({ message: 'ownerId: Choose a liaison from the team, or type a new name' });
  });

  it('follows a rename in the office list (column, sort, filter, quick search) and the CSV export', async () => {
    const a = open();
    const dana = await a.call('team.create', { name: 'Dana Whitfield' });
    const tom = await a.call('team.create', { name: 'Tom Okafor' });
    await a.call('offices.create', { name: 'Riverside', ownerId: dana.id });
    await a.call('offices.create', { name: 'Lakeside', ownerId: tom.id });
    await a.call('offices.create', { name: 'Hilltop' });
    const list = (q: object = {}) => a.call('offices.list', q);
    // The model is loaded and serving before the rename.
    expect((await list({ sort: { column: 'owner', desc: false } })).rows.map((r) => [r.name, r.ownerName])).toEqual([
      ['Riverside', 'Dana Whitfield'],
      ['Lakeside', 'Tom Okafor'],
      ['Hilltop', null],
    ]);
    await a.call('team.update', { id: dana.id, patch: { name: 'Zoe Adams' } });
    expect((await list({ sort: { column: 'owner', desc: false } })).rows.map((r) => [r.name, r.ownerName])).toEqual([
      ['Lakeside', 'Tom Okafor'],
      ['Riverside', 'Zoe Adams'],
      ['Hilltop', null],
    ]);
    expect((await list({ search: 'zoe' })).rows.map((r) => r.name)).toEqual(['Riverside']);
    expect((await list({ search: 'whitfield' })).rows).toEqual([]);
    expect((await list({ filters: { owner: [dana.id] } })).rows.map((r) => r.name)).toEqual(['Riverside']);
    const { csv } = await a.call('offices.exportCsv', { search: 'riverside' });
    expect(csv.split('\r\n')[1]).toContain('Zoe Adams');
  });

  it('is renamed in the list when the rename is pulled from another device', async () => {
    const a = open();
    const b = open();
    const dana = await a.call('team.create', { name: 'Dana Whitfield' });
    await a.call('offices.create', { name: 'Riverside', ownerId: dana.id });
    applyRemote(b.ctx, readChanges(a.ctx.store));
    expect((await b.call('offices.list', {})).rows[0]!.ownerName).toBe('Dana Whitfield');
    const seen = readChanges(a.ctx.store).length;
    await a.call('team.update', { id: dana.id, patch: { name: 'Dana Price' } });
    applyRemote(b.ctx, readChanges(a.ctx.store).slice(seen));
    expect((await b.call('offices.list', { search: 'price' })).rows.map((r) => r.ownerName)).toEqual(['Dana Price']);
  });
});
