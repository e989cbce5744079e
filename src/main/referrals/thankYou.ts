import type { Ctx } from '../context';

/**
 * New referrals from an office raise one "thank-you due" task for its owner per office and period
 * (issue 10, item 8). Filled in by the thank-you loop; called inside the referral's transaction.
 */
export function thankYouDue(_ctx: Ctx, _officeId: string, _receivedOn: string): void {}
