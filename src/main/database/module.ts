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
        let findings: string | null;
        try {
          findings = await checkInBackground(health.file, 'integrity_check');
        } catch (e) {
          throw new AppError('conflict', `${(e as Error).message}. Nothing was changed; try again in a moment.`);
        }
        const tookMs = Math.round(performance.now() - started);
        if (!findings) return { ok: true, message: 'No problems found: every page, index and constraint of the database checked out.', tookMs };
        const problem = damaged(health.file, findings);
        health.markDamaged(problem);
        return { ok: false, message: problem.message, tookMs };
      },
      'database.startEmpty': () => {
        if (health.state === 'checking') throw new AppError('busy', 'Liaison CRM is still checking the database; if it finds a problem, it will offer this.');
        throw new AppError('conflict', 'The database is sound, so there is nothing to move aside.');
      },
    },
  };
}
