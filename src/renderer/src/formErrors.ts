import type { z } from 'zod';
import { ApiError } from './api';

/** zod issues → Mantine form errors, keyed by dotted path ("address.zip"). First message per field. */
export function zodFormErrors(result: z.ZodSafeParseResult<unknown>): Record<string, string> {
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A server refusal that names fields (a taken NPI) lands on those fields; true if it did. */
export function applyServerErrors(e: unknown, setErrors: (errors: Record<string, string>) => void): boolean {
  if (!(e instanceof ApiError) || e.issues.length === 0) return false;
  setErrors(Object.fromEntries(e.issues.map((i) => [i.path.join('.'), i.message])));
  return true;
}
