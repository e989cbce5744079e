import { contract } from '../shared/api/contract';
import { API_METHODS, type ApiMethod } from '../shared/api/methods';
import { AppError, NotYet, type ApiErrorBody } from '../shared/errors';
import { inWords } from './db/sqliteErrors';
import type { Handlers } from './api';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

const isMethod = (m: string): m is ApiMethod => (API_METHODS as readonly string[]).includes(m);

/**
 * The boundary every call crosses, from IPC or HTTP alike: the method must exist, the input
 * must satisfy its schema, and whatever goes wrong comes back as a plain error body with a
 * message for a person (never a stack trace, which is logged here instead).
 */
export async function dispatch(handlers: Handlers, method: string, rawInput: unknown): Promise<DispatchResult> {
  if (!isMethod(method)) return { ok: false, error: { code: 'unknown_method', message: `There is no API method "${method}".` } };
  const parsed = contract[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
    const first = issues[0]!;
    const where = first.path.length ? `${first.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'invalid_input', message: `${where}${first.message}`, issues } };
  }
  const handler = handlers[method] as (input: unknown) => unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      // Handlers write in one transaction, so a refused call wrote nothing and can simply run again.
      if (e instanceof NotYet && attempt === 0) {
        await e.until;
        continue;
      }
      if (e instanceof AppError) return { ok: false, error: e.toBody() };
      const words = inWords(e);
      if (words) {
        console.error(`[api] ${method} failed:`, e);
        return { ok: false, error: words };
      }
      console.error(`[api] ${method} failed:`, e);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side; your data was not changed. Details are in the app log.' } };
    }
  }
}
