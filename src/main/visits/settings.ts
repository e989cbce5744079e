import { CadenceSettings } from '../../shared/domain/cadence';
import { DEFAULT_CADENCE, type CadenceSettings as Settings } from '../../shared/visits/cadence';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';

/**
 * The practice's cadence rules: one synced settings row, so the whole team plans by the same ones.
 * Migration 0005 makes the row on every device alike; saving edits its value cell.
 */
const CADENCE = 'cadence';

export function readCadenceSettings(ctx: Ctx): { settings: Settings; isDefault: boolean } {
  const row = ctx.store.first(ctx.store.q.selectFrom('settings').select('value').where('id', '=', CADENCE).where('deleted_at', 'is', null));
  if (!row) return { settings: DEFAULT_CADENCE, isDefault: true };
  // A value another build wrote that this one cannot read falls back to the defaults rather than failing every screen.
  const parsed = CadenceSettings.safeParse(JSON.parse(row.value));
  if (!parsed.success) return { settings: DEFAULT_CADENCE, isDefault: true };
  return { settings: parsed.data, isDefault: JSON.stringify(parsed.data) === JSON.stringify(CadenceSettings.parse(DEFAULT_CADENCE)) };
}

export function saveCadenceSettings(ctx: Ctx, settings: Settings): { settings: Settings; isDefault: boolean } {
  const value = JSON.stringify(settings);
  ctx.store.tx(() => {
    const exists = ctx.store.first(ctx.store.q.selectFrom('settings').select('id').where('id', '=', CADENCE));
    const now = ctx.now();
    if (!exists) insertRow(ctx, 'settings', { id: CADENCE, value, created_at: now, updated_at: now, deleted_at: null });
    else updateRow(ctx, 'settings', CADENCE, { value });
  });
  return readCadenceSettings(ctx);
}

/** Local to this device (like "me"): whether today's visits and overdue tasks raise reminders. */
const REMINDERS = 'reminders';

export function remindersEnabled(ctx: Ctx): boolean {
  return ctx.store.first(ctx.store.q.selectFrom('meta').select('value').where('key', '=', REMINDERS))?.value !== 'off';
}

export function setRemindersEnabled(ctx: Ctx, enabled: boolean): { enabled: boolean } {
  const value = enabled ? 'on' : 'off';
  ctx.store.run(ctx.store.q.insertInto('meta').values({ key: REMINDERS, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
  return { enabled: remindersEnabled(ctx) };
}
