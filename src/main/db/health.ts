import { AppError, NotYet } from '../../shared/errors';
import { checkInBackground } from './backgroundCheck';
import { damaged, isDamageCode, type DatabaseProblem } from './fileCheck';

export type HealthState = 'checking' | 'ok' | 'damaged';

/**
 * Whether the open database may be written to. A file not yet checked (SQLite's quick_check
 * takes about a second at 50,000 offices, so it runs in a worker after the first screen) accepts
 * reads at once and holds writes until the check passes; a damaged file refuses every write.
 */
export class DatabaseHealth {
  private current: HealthState;
  private finding: DatabaseProblem | null = null;
  private settled!: () => void;
  /** resolves once the state is no longer 'checking' */
  readonly ready: Promise<void>;
  private readonly onSound: (() => void)[] = [];
  private started = false;

  constructor(
    readonly file: string,
    checked: boolean,
  ) {
    this.current = checked ? 'ok' : 'checking';
    this.ready = checked ? Promise.resolve() : new Promise((resolve) => (this.settled = resolve));
  }

  get state(): HealthState {
    return this.current;
  }

  get problem(): DatabaseProblem | null {
    return this.finding;
  }

  /** Starts the background check (once, whoever asks first); resolves when it has settled the state. */
  check(run: (file: string) => Promise<string | null> = checkInBackground): Promise<void> {
    if (this.current === 'checking' && !this.started) {
      this.started = true;
      run(this.file).then(
        (findings) => (findings ? this.markDamaged(damaged(this.file, findings)) : this.markSound()),
        (e: unknown) => {
          // The check itself failing (no worker threads, out of memory) says nothing about the
          // file: SQLite still refuses to write into a page it cannot read.
          console.error('[db] the start-up check could not run:', e);
          this.markSound();
        },
      );
    }
    return this.ready;
  }

  /** Runs fn once the file is known to be sound (at once if it already is). */
  whenSound(fn: () => void): void {
    if (this.current === 'ok') fn();
    else if (this.current === 'checking') this.onSound.push(fn);
  }

  /** An error met in ordinary work: if it is SQLite saying the file is damaged, the file is damaged. */
  notice(e: unknown): void {
    if (this.current !== 'damaged' && isDamageCode((e as { code?: unknown }).code)) this.markDamaged(damaged(this.file, (e as Error).message, e));
  }

  markDamaged(problem: DatabaseProblem): void {
    this.finding = problem;
    this.current = 'damaged';
    this.onSound.length = 0;
    this.settled?.();
  }

  private markSound(): void {
    if (this.current !== 'checking') return;
    this.current = 'ok';
    this.settled?.();
    for (const fn of this.onSound.splice(0)) {
      try {
        fn();
      } catch (e) {
        console.error('[db] after the check:', e);
      }
    }
  }

  assertWritable(): void {
    if (this.current === 'ok') return;
    if (this.current === 'checking') {
      // A write cannot wait for the scheduled start: it starts the check now, and waits for it.
      void this.check();
      throw new NotYet('Liaison CRM is checking its database; this will be saved in a moment.', this.ready);
    }
    throw new AppError('unavailable', this.finding!.message);
  }
}
