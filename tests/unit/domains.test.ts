import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/api/contract';
import { mergeDisjoint } from '../../src/shared/api/define';
import { API_METHODS } from '../../src/shared/api/methods';
import { openTestApp } from '../helpers/tempApp';

describe('domain modules', () => {
  it('merge into one handler map that implements exactly the contract and the zod-free method list', () => {
    const app = openTestApp();
    try {
      expect(Object.keys(app.handlers).sort()).toEqual([...API_METHODS].sort());
      expect(Object.keys(contract).sort()).toEqual([...API_METHODS].sort());
    } finally {
      app.close();
    }
  });

  it('refuse a method name two domains both define, at compile time and at run time', () => {
    const offices = { 'offices.list': 1, 'offices.get': 2 };
    const rogue = { 'offices.get': 3 };
    // @ts-expect-error -- the compiler names the duplicate ('offices.get') instead of letting one override the other
    expect(() => mergeDisjoint(offices, rogue)).toThrow('Two domains both define offices.get');
    expect(mergeDisjoint(offices, { 'people.create': 4 })).toEqual({ 'offices.list': 1, 'offices.get': 2, 'people.create': 4 });
  });

  it('let each domain add to an office timeline, newest first', async () => {
    const app = openTestApp();
    try {
      const o = await app.call('offices.create', { name: 'Timeline Clinic' });
      await app.call('people.create', { officeId: o.id, firstName: 'Ana', lastName: 'Ruiz', credentials: 'MD', specialty: 'Cardiology' });
      await new Promise((r) => setTimeout(r, 2));
      const later = await app.call('people.create', { officeId: o.id, firstName: 'Ben', lastName: 'Ode', kind: 'staff', role: 'front_desk' });
      const { timeline } = await app.call('offices.get', { id: o.id });
      expect(timeline.map((e) => [e.kind, e.title, e.detail])).toEqual([
        ['person', 'Ben Ode added', null],
        ['person', 'Ana Ruiz, MD added', 'Cardiology'],
      ]);
      await app.call('people.archive', { id: later.id });
      expect((await app.call('offices.get', { id: o.id })).timeline).toHaveLength(1);
    } finally {
      app.close();
    }
  });
});
