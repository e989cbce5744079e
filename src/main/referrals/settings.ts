import { DEFAULT_REFERRAL_SETTINGS, ReferralSettings } from '../../shared/referrals/settings';
import type { Ctx } from '../context';
import { updateRow, insertRow } from '../db/writePath';
import { requireManager } from '../team/me';

/** The practice's scorecard and dashboard rules: one synced settings row, made alike on every device by migration 0007. */
const KEY = 'referral_settings';

export function readReferralSettings(ctx: Ctx): { settings: ReferralSettings; isDefault: boolean } {
  const row = ctx.store.first(ctx.store.q.selectFrom('settings').select('value').where('id', '=', KEY).where('deleted_at', 'is', null));
  // A value another build wrote that this one cannot read: the defaults, rather than every screen failing.
  const parsed = row ? ReferralSettings.safeParse(JSON.parse(row.value)) : null;
  const settings = parsed?.success ? parsed.data : DEFAULT_REFERRAL_SETTINGS;
  return { settings, isDefault: JSON.stringify(settings) === JSON.stringify(DEFAULT_REFERRAL_SETTINGS) };
}

/** Scores decide how offices and liaisons are judged, so only a manager changes the rules. */
export function saveReferralSettings(ctx: Ctx, settings: ReferralSettings): { settings: ReferralSettings; isDefault: boolean } {
  requireManager(ctx, 'the scorecard rules');
  const value = JSON.stringify(settings);
  ctx.store.tx(() => {
    const now = ctx.now();
    if (!ctx.store.first(ctx.store.q.selectFrom('settings').select('id').where('id', '=', KEY))) {
      insertRow(ctx, 'settings', { id: KEY, value, created_at: now, updated_at: now, deleted_at: null });
    } else updateRow(ctx, 'settings', KEY, { value, deleted_at: null });
  });
  return readReferralSettings(ctx);
}
