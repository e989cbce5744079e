import { describe, expect, it } from 'vitest';
import { readChanges } from '../../src/main/sync/changes';
import { memberIdForName } from '../../src/shared/team/memberId';
import { appsClosedAfterEach, runImport } from '../helpers/tempApp';

const open = appsClosedAfterEach();


const file = [
  'Office name,ZIP,Liaison',
  'Riverside,45402,Dana Whitfield',
  'Lakeside,43604,  dana   WHITFIELD',
  'Hilltop,44240,Keisha Brown',
  'Summit,44113,Tom Okafor',
  'Northside,43215,',
].join('\n');

describe('importing offices with a Liaison column', () => {
  it('matches members by normalised name, says how many it will add, and adds them with the offices', async () => {
    const a = open();
    const tom = await a.call('team.create', { name: 'Tom Okafor', role: 'manager' });
    const preview = await a.call('imports.preview', { csv: file });
    expect(preview.mapping).toEqual(['name', 'zip', 'owner']);
    expect(preview).toMatchObject({ newOffices: 5, newTeamMembers: 2, newTeamMemberNames: ['Dana Whitfield', 'Keisha Brown'] });
    expect(await a.call('team.list', {})).toHaveLength(1);

    const me = await a.call('team.setMe', { name: 'Maria Lopez', role: 'manager' });
    const job = await runImport(a, { csv: file });
    expect(job).toMatchObject({ state: 'done', result: { created: 5, teamMembersAdded: 2 } });
    const team = await a.call('team.list', {});
    expect(team.map((m) => [m.name, m.role])).toEqual([
      ['Dana Whitfield', 'liaison'],
      ['Keisha Brown', 'liaison'],
      ['Maria Lopez', 'manager'],
      ['Tom Okafor', 'manager'],
    ]);
    expect(team[0]!.id).toBe(memberIdForName('dana whitfield'));
    const owners = Object.fromEntries((await a.call('offices.list', {})).rows.map((r) => [r.name, r.ownerName]));
    expect(owners).toEqual({ Riverside: 'Dana Whitfield', Lakeside: 'Dana Whitfield', Hilltop: 'Keisha Brown', Summit: 'Tom Okafor', Northside: null });
    expect((await a.call('offices.list', { filters: { owner: [tom.id] } })).rows.map((r) => r.name)).toEqual(['Summit']);
    // Through the write path: logged, and stamped with who imported.
    const added = readChanges(a.ctx.store).filter((c) => c.tbl === 'team_members' && c.col === '*');
    expect(added.map((c) => c.actor)).toEqual([null, null, me.id, me.id]);

    // Importing the same people again adds no one.
    const again = await a.call('imports.preview', { csv: file.replace(/Riverside|Lakeside|Hilltop|Summit|Northside/g, (n) => `${n} Two`) });
    expect(again).toMatchObject({ newTeamMembers: 0, newTeamMemberNames: [] });
  });

  it('adds no member when the import fails and rolls back', async () => {
    const a = open();
    a.ctx.store.sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON offices WHEN NEW.name = 'Summit' BEGIN SELECT RAISE(ABORT, 'disk said no'); END`);
    expect(await runImport(a, { csv: file })).toMatchObject({ state: 'failed' });
    expect(await a.call('team.list', {})).toEqual([]);
    expect(readChanges(a.ctx.store)).toEqual([]);
  });

  it('counts only members of offices it will write: skipped duplicates add no one', async () => {
    const a = open();
    await a.call('offices.create', { name: 'Riverside', address: { zip: '45402' } });
    const p = await a.call('imports.preview', { csv: 'Office name,ZIP,Liaison\nRiverside,45402,Dana Whitfield', duplicateMode: 'skip' });
    expect(p).toMatchObject({ duplicateOffices: 1, newTeamMembers: 0 });
    const u = await a.call('imports.preview', { csv: 'Office name,ZIP,Liaison\nRiverside,45402,Dana Whitfield', duplicateMode: 'update' });
    expect(u).toMatchObject({ newTeamMembers: 1 });
    expect(await runImport(a, { csv: 'Office name,ZIP,Liaison\nRiverside,45402,Dana Whitfield', duplicateMode: 'update' })).toMatchObject({ result: { updated: 1, teamMembersAdded: 1 } });
    expect((await a.call('offices.list', {})).rows[0]!.ownerName).toBe('Dana Whitfield');
  });
});
