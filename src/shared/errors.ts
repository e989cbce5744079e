/** Error codes every boundary answers with; the renderer shows `message` to the user as is. */
export type ErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'busy' | 'unknown_method' | 'internal';

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
