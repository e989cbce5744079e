import { z } from 'zod';
import type { MethodSpec } from '../api/define';
import { recordId } from '../domain/fields';
import {
  ComplianceReport,
  CureDue,
  GiftCheckResult,
  GiftEntryOut,
  GiftListQuery,
  GiftListRow,
  GiftLog,
  GiftPolicyShape,
  GiftProposal,
  LedgerVerdict,
  LimitRow,
  LimitSave,
  OfficeSpend,
  PhysicianSpend,
  Repay,
  ReportRange,
  RewardCheck,
  RewardLog,
  RewardRow,
  ThankYouTemplates,
  YearStatement,
} from '../domain/gift';

const ById = z.object({ id: recordId });
const year = z.number().int().min(2000).max(2100);
const Recipient = z.object({ id: z.string(), name: z.string(), kind: z.enum(['physician', 'clinician', 'staff']), npi: z.string().nullable(), role: z.string().nullable() });

export const giftsContract = {
  /** the office's people a gift can go to (live ones), for the form */
  'gifts.recipients': { input: z.object({ officeId: recordId }), output: z.object({ officeName: z.string(), archived: z.boolean(), people: z.array(Recipient) }) },
  /** the check before saving: allocation and a verdict per recipient, with the numbers */
  'gifts.check': { input: GiftProposal, output: GiftCheckResult },
  'gifts.log': { input: GiftLog, output: z.object({ id: z.string(), check: GiftCheckResult }) },
  /** a correction: a new entry that reverses this one (never an edit) */
  'gifts.reverse': { input: z.object({ id: recordId, reason: z.string().trim().min(3, 'Say why this entry is reversed').max(500) }), output: z.object({ id: z.string() }) },
  'gifts.get': { input: ById, output: GiftEntryOut },
  'gifts.list': { input: GiftListQuery, output: z.object({ rows: z.array(GiftListRow), total: z.number() }) },
  'gifts.physician': { input: z.object({ personId: recordId, year }), output: PhysicianSpend },
  'gifts.office': { input: z.object({ officeId: recordId, year }), output: OfficeSpend },
  'gifts.attachReceipt': { input: z.object({ entryId: recordId, fileId: z.string().min(1).max(64) }), output: z.object({ id: z.string() }) },
  /** a receipt's bytes (browser mode downloads them) */
  'gifts.receipt': { input: ById, output: z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() }) },
  /** Electron: opens the receipt in the system's viewer; browser mode answers opened: false */
  'gifts.openReceipt': { input: ById, output: z.object({ opened: z.boolean() }) },
  'gifts.repay': { input: Repay, output: z.object({ id: z.string() }) },
  /** physicians over a limit this year, with their cure window */
  'gifts.cures': { input: z.object({ year }), output: z.array(CureDue) },
  'limits.list': { input: z.object({}).default({}), output: z.array(LimitRow) },
  'limits.save': { input: LimitSave, output: z.array(LimitRow) },
  'giftPolicy.get': { input: z.object({}).default({}), output: GiftPolicyShape },
  'giftPolicy.save': { input: GiftPolicyShape, output: GiftPolicyShape },
  'thankYou.templates': { input: z.object({}).default({}), output: ThankYouTemplates },
  'thankYou.saveTemplates': { input: ThankYouTemplates, output: ThankYouTemplates },
  'rewards.check': { input: RewardLog.pick({ referralCode: true, day: true, cents: true }), output: RewardCheck },
  'rewards.log': { input: RewardLog, output: z.object({ id: z.string(), check: RewardCheck }) },
  'rewards.reverse': { input: z.object({ id: recordId, reason: z.string().trim().min(3, 'Say why this reward is reversed').max(500) }), output: z.object({ id: z.string() }) },
  'rewards.list': { input: z.object({ year }), output: z.array(RewardRow) },
  'ledger.verify': { input: z.object({}).default({}), output: LedgerVerdict },
  'compliance.report': { input: ReportRange, output: ComplianceReport },
  'compliance.reportCsv': { input: ReportRange, output: z.object({ filename: z.string(), csv: z.string() }) },
  'compliance.statement': { input: z.object({ personId: recordId, year }), output: YearStatement },
  /** Electron: the current window printed to a PDF the user saves; browser mode answers saved: false (use the browser's print) */
} satisfies Record<string, MethodSpec>;
