import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { giftsContract } from '../../shared/gifts/contract';
import type { AppCore, DomainModule } from '../domain';
import { verifyLedger } from './ledger';
import { RECEIPTS_DIR, receiptPath, storeReceipt } from './receipts';
import { complianceCsv, complianceReport, yearStatement } from './report';
import { listRewards, logReward, reverseReward, rewardCheck } from './rewards';
import { addReceiptRow, entryDetail, giftsTimeline, listGifts, logGift, planEntry, recipientsOf, requireEntry, reverseGift } from './service';
import { listLimits, readPolicy, readTemplates, saveLimit, savePolicy, saveTemplates } from './settings';
import { curesDue, officeSpend, physicianSpend, repay } from './spend';
import { readMe } from '../team/me';

export function giftsModule(core: AppCore): DomainModule<typeof giftsContract> {
  const { ctx, files } = core;
  const receiptsDir = path.join(core.dataDir, RECEIPTS_DIR);
  const receiptFile = (id: string) => {
    const r = ctx.store.read('SELECT file_name, media_type, sha256 FROM gift_receipts WHERE id = ?').get(id) as { file_name: string; media_type: string; sha256: string } | undefined;
    if (!r) throw new AppError('not_found', 'That receipt no longer exists.');
    return { ...r, path: receiptPath(receiptsDir, r.sha256, r.media_type) };
  };
  return {
    handlers: {
      'gifts.recipients': ({ officeId }) => recipientsOf(ctx, officeId),
      'gifts.check': (p) => planEntry(ctx, p).result,
      'gifts.log': (input) => logGift(ctx, input, receiptsDir, files),
      'gifts.reverse': ({ id, reason }) => reverseGift(ctx, id, reason),
      'gifts.get': ({ id }) => entryDetail(ctx, id),
      'gifts.list': (q) => listGifts(ctx, q),
      'gifts.physician': ({ personId, year }) => physicianSpend(ctx, personId, year),
      'gifts.office': ({ officeId, year }) => officeSpend(ctx, officeId, year),
      'gifts.attachReceipt': ({ entryId, fileId }) => {
        requireEntry(ctx, entryId);
        const stored = storeReceipt(receiptsDir, files.get(fileId), 'fileId');
        return { id: ctx.store.tx(() => addReceiptRow(ctx, entryId, stored, readMe(ctx)?.id ?? null)) };
      },
      'gifts.receipt': ({ id }) => {
        const r = receiptFile(id);
        return { fileName: r.file_name, mediaType: r.media_type, base64: fs.readFileSync(r.path).toString('base64') };
      },
      'gifts.openReceipt': async ({ id }) => {
        if (!core.openPath) return { opened: false };
        await core.openPath(receiptFile(id).path);
        return { opened: true };
      },
      'gifts.repay': (input) => repay(ctx, input),
      'gifts.cures': ({ year }) => curesDue(ctx, year),
      'limits.list': () => listLimits(ctx),
      'limits.save': (input) => saveLimit(ctx, input),
      'giftPolicy.get': () => readPolicy(ctx),
      'giftPolicy.save': (policy) => savePolicy(ctx, policy),
      'thankYou.templates': () => readTemplates(ctx),
      'thankYou.saveTemplates': (t) => saveTemplates(ctx, t),
      'rewards.check': (input) => rewardCheck(ctx, input),
      'rewards.log': (input) => logReward(ctx, input),
      'rewards.reverse': ({ id, reason }) => reverseReward(ctx, id, reason),
      'rewards.list': ({ year }) => listRewards(ctx, year),
      'ledger.verify': () => verifyLedger(ctx),
      'compliance.report': ({ from, to }) => complianceReport(ctx, from, to),
      'compliance.reportCsv': ({ from, to }) => complianceCsv(ctx, from, to),
      'compliance.statement': ({ personId, year }) => yearStatement(ctx, personId, year),
    },
    timeline: giftsTimeline,
  };
}
