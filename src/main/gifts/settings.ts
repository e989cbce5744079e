import { z } from 'zod';
import { GiftPolicyShape, ThankYouTemplates, type LimitSave, type LimitRow } from '../../shared/domain/gift';
import { DEFAULT_POLICY, ENTRY_KINDS, type PracticePolicy } from '../../shared/gifts/check';
import type { LimitKind, YearLimit } from '../../shared/gifts/limits';
import type { Ctx } from '../context';
import { insertRow, updateRow } from '../db/writePath';
import { requireManager } from '../team/me';


/**
 * The law's yearly limits (a synced table, shipped years made by migration 0006), the practice's
 * gift policy and its thank-you templates (synced settings rows, made alike by the same migration).
 */

export function readLimits(ctx: Ctx): YearLimit[] {
  return ctx.store
    .all(ctx.store.q.selectFrom('compliance_limits').select(['kind', 'year', 'cents', 'source']).where('deleted_at', 'is', null).orderBy('kind').orderBy('year'))
    .map((r) => ({ kind: r.kind as LimitKind, year: r.year, cents: r.cents, source: r.source }));
}

export function listLimits(ctx: Ctx): z.output<typeof LimitRow>[] {
  return ctx.store
    .all(ctx.store.q.selectFrom('compliance_limits').select(['id', 'kind', 'year', 'cents', 'source', 'updated_at']).where('deleted_at', 'is', null).orderBy('kind').orderBy('year', 'desc'))
    .map((r) => ({ id: r.id, kind: r.kind as LimitKind, year: r.year, cents: r.cents, source: r.source, updatedAt: r.updated_at }));
}

/** Adds a year's figure or corrects one: one row per kind and year (`<kind>:<year>`), so two devices converge on it. */
export function saveLimit(ctx: Ctx, input: z.output<typeof LimitSave>): z.output<typeof LimitRow>[] {
  requireManager(ctx, 'the yearly limits');
  ctx.store.tx(() => {
    const id = `${input.kind}:${input.year}`;
    const found = ctx.store.first(ctx.store.q.selectFrom('compliance_limits').select(['id', 'deleted_at']).where('id', '=', id));
    const now = ctx.now();
    if (!found) insertRow(ctx, 'compliance_limits', { id, kind: input.kind, year: input.year, cents: input.cents, source: input.source, created_at: now, updated_at: now, deleted_at: null });
    else updateRow(ctx, 'compliance_limits', id, { cents: input.cents, source: input.source, deleted_at: null });
  });
  return listLimits(ctx);
}

function readSetting<T>(ctx: Ctx, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = ctx.store.first(ctx.store.q.selectFrom('settings').select('value').where('id', '=', key).where('deleted_at', 'is', null));
  if (!row) return fallback;
  // A value a newer build wrote that this one cannot read falls back rather than failing every screen.
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : fallback;
}

function writeSetting(ctx: Ctx, key: string, value: unknown): void {
  ctx.store.tx(() => {
    const text = JSON.stringify(value);
    const exists = ctx.store.first(ctx.store.q.selectFrom('settings').select('id').where('id', '=', key));
    const now = ctx.now();
    if (!exists) insertRow(ctx, 'settings', { id: key, value: text, created_at: now, updated_at: now, deleted_at: null });
    else updateRow(ctx, 'settings', key, { value: text });
  });
}

export function readPolicy(ctx: Ctx): z.output<typeof GiftPolicyShape> {
  // A kind a newer build forbids that this one does not know is dropped, not the whole policy: falling
  // back to the defaults would lift every cap the practice set.
  const tolerant = z.preprocess((v) => {
    if (typeof v !== 'object' || v === null) return v;
    const kinds = (v as { forbiddenKinds?: unknown }).forbiddenKinds;
    return Array.isArray(kinds) ? { ...v, forbiddenKinds: kinds.filter((k) => (ENTRY_KINDS as readonly unknown[]).includes(k)) } : v;
  }, GiftPolicyShape);
  return readSetting(ctx, 'gift_policy', tolerant, { ...DEFAULT_POLICY, forbiddenKinds: [...DEFAULT_POLICY.forbiddenKinds] });
}

export function savePolicy(ctx: Ctx, policy: PracticePolicy): z.output<typeof GiftPolicyShape> {
  requireManager(ctx, 'the gift policy');
  writeSetting(ctx, 'gift_policy', policy);
  return readPolicy(ctx);
}

export type Templates = z.output<typeof ThankYouTemplates>;

export function readTemplates(ctx: Ctx): Templates {
  return readSetting(ctx, 'thank_you_templates', ThankYouTemplates, []);
}

export function saveTemplates(ctx: Ctx, templates: Templates): Templates {
  writeSetting(ctx, 'thank_you_templates', templates);
  return readTemplates(ctx);
}
