import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../src/main/host/server';
import { openTestApp, type TestApp } from '../helpers/tempApp';

let app: TestApp;
let server: http.Server & { port: number };
let base: string;
const secret = 'a-known-secret-for-the-visit-tests-0123456789';

beforeAll(async () => {
  app = openTestApp();
  app.ctx.now = () => '2026-11-24T15:00:00.000Z';
  server = await startHost({ handlers: app.handlers, port: 0, changes: app.ctx.feed, secret, upload: (name, body) => app.files.receive(body, name) });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => {
  server.close();
  app.close();
});

async function post<T>(method: string, body: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as T };
}

describe('visit planning over the browser-mode HTTP API', () => {
  it('plans, logs with feedback and a follow-up, and the worklist and tasks answer from it', async () => {
    const me = (await post<{ id: string }>('team.setMe', { name: 'Dana Whitfield', role: 'liaison' })).body;
    const office = (await post<{ id: string }>('offices.create', { name: 'Lakeside Orthopedics', tier: 'B', stage: 'established', ownerId: me.id })).body;
    const due = await post<{ total: number; rows: { reason: string }[] }>('worklist.query', { zone: 'America/Chicago' });
    expect(due.body.rows[0]?.reason).toBe('Due today, never touched; tier B monthly');

    const plan = await post<{ saved: boolean; visit: { id: string } }>('visits.plan', {
      officeId: office.id, startsAt: '2026-11-24T08:00:00-06:00', endsAt: '2026-11-24T08:30:00-06:00', zone: 'America/Chicago',
    });
    expect(plan.status).toBe(200);
    const done = await post<{ status: string; startsAt: string }>('visits.complete', {
      id: plan.body.visit.id, startsAt: '2026-11-24T14:00:00Z', endsAt: '2026-11-24T14:30:00Z',
      feedback: { credibility: 5 }, tasks: [{ title: 'Send brochures', dueDate: '2026-11-30' }], zone: 'America/Chicago',
    });
    expect(done.body).toMatchObject({ status: 'completed', startsAt: '2026-11-24T14:00:00.000Z' });
    expect((await post<{ total: number }>('worklist.query', { zone: 'America/Chicago' })).body.total).toBe(0);
    expect((await post<{ title: string }[]>('tasks.list', {})).body.map((t) => t.title)).toEqual(['Send brochures']);

    // Field-level refusals, as the forms show them.
    type Refusal = { error: { code: string; issues: { path: string[]; message: string }[] } };
    const rating = await post<Refusal>('visits.log', { officeId: office.id, startsAt: '2026-11-24T14:00:00Z', endsAt: '2026-11-24T14:30:00Z', feedback: { capacity: 9 } });
    expect(rating.status).toBe(400);
    expect(rating.body.error.issues).toEqual([{ path: ['feedback', 'capacity'], message: 'Rate from 1 to 5' }]);
    const backwards = await post<Refusal>('visits.log', { officeId: office.id, startsAt: '2026-11-24T14:00:00Z', endsAt: '2026-11-24T13:00:00Z' });
    expect(backwards.body.error.issues).toEqual([{ path: ['endsAt'], message: 'The visit must end after it starts' }]);
    const endless = await post<Refusal>('visits.plan', { officeId: office.id, startsAt: '2026-11-25T14:00:00Z', endsAt: '2029-11-25T14:00:00Z' });
    expect(endless.body.error.issues).toEqual([{ path: ['endsAt'], message: 'A visit lasts at most 12 hours' }]);
    const ics = await post<{ text: string; count: number }>('visits.ics', { from: '2026-11-01', to: '2026-11-30', zone: 'America/Chicago' });
    // A completed visit is history, not a plan: nothing to put in another calendar.
    expect(ics.body.count).toBe(0);
    expect(ics.body.text).toContain('BEGIN:VCALENDAR');
  });
});
