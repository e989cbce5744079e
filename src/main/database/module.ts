import { AppError } from '../../shared/errors';
import type { databaseContract } from '../../shared/database/contract';
import { checkInBackground } from '../db/backgroundCheck';
import { damaged } from '../db/fileCheck';
import type { AppCore, DomainModule } from '../domain';

/**
 * The open database's health and the full check. Starting over with an empty file needs the
 * app to close and reopen, so `database.startEmpty` is answered by the runtime that owns the
 * app's life (src/main/runtime.ts); here it only says why it is not needed.
 */
export function databaseModule({ ctx }: AppCore): DomainModule<typeof databaseContract> {
  const health = ctx.gate.health;
  return {
    handlers: {
      'database.status': () => ({
        state: health.state,
        message: health.problem?.message ?? null,
        canStartEmpty: health.state === 'damaged',
      }),
      'database.check': async () => {
        const started = performance.now();
        const findings = await checkInBackground(health.file, 'integrity_check');
        const tookMs = Math.round(performance.now() - started);
        if (!findings) return { ok: true, message: 'No problems found: every page, index and constraint of the database checked out.', tookMs };
        const problem = damaged(health.file, findings);
        health.markDamaged(problem);
        return { ok: false, message: problem.message, tookMs };
      },
      'database.startEmpty': () => {
        throw new AppError('conflict', 'The database is sound, so there is nothing to move aside.');
      },
    },
  };
}
