/** Error codes every boundary answers with; the renderer shows `message` to the user as is. */
/**
 * `unavailable`: the database cannot be used at all (damaged, refused at start); the screen says
 * what to do. `unauthorized`: browser mode without this launch's secret (HTTP 401).
 */
export type ErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'busy' | 'unavailable' | 'unauthorized' | 'unknown_method' | 'internal';

export interface ErrorIssue {
  path: (string | number)[];
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** A refusal that names the one field it is about, so a form shows it on that field. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('invalid_input', message, [{ path: [field], message }]);
}

/**
 * A write that cannot run yet but will soon (the start-up database check has not finished): the
 * boundary waits for `until` and tries the call once more instead of failing it.
 */
export class NotYet extends AppError {
  constructor(
    message: string,
    readonly until: Promise<void>,
  ) {
    super('busy', message);
    this.name = 'NotYet';
  }
}
