import type { z } from 'zod';
import type { Dashboard, DashboardQuery } from '../../shared/referrals/contract';
import type { Ctx } from '../context';

/** The manager's dashboard, read from the pre-aggregates (migration 0007). */
export function dashboard(_ctx: Ctx, _q: z.output<typeof DashboardQuery>): Dashboard {
  throw new Error('The dashboard is not built yet.');
}

export function dashboardCsv(_ctx: Ctx, _q: z.output<typeof DashboardQuery>): { csv: string; fileName: string } {
  throw new Error('The dashboard is not built yet.');
}
