import type { Api, ApiInput, ApiOutput } from '../../shared/api/contract';
import { API_METHODS, type ApiMethod } from '../../shared/api/methods';
import type { ApiErrorBody, ErrorIssue } from '../../shared/errors';

/** An error the app can show as is: `message` is written for the user. */
export class ApiError extends Error {
  readonly code: ApiErrorBody['code'];
  readonly issues: ErrorIssue[];
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.code = body.code;
    this.issues = body.issues ?? [];
  }
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };
type Bridge = Record<ApiMethod, (input: unknown) => Promise<Envelope>>;

const bridge = (window as unknown as { api?: Bridge }).api;

async function overHttp(method: ApiMethod, input: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
  } catch {
    throw new ApiError({ code: 'internal', message: 'The app’s local server is not answering. Is `npm run web` still running?' });
  }
  const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  if (!res.ok) throw new ApiError(body?.error ?? { code: 'internal', message: `The local server answered ${res.status}.` });
  return body;
}

async function call(method: ApiMethod, input: unknown): Promise<unknown> {
  if (!bridge) return overHttp(method, input);
  const env = await bridge[method](input);
  if (!env.ok) throw new ApiError(env.error);
  return env.value;
}

/** One typed function per contract method; IPC inside Electron, HTTP in browser mode. */
export const api = Object.fromEntries(API_METHODS.map((m) => [m, (input: unknown) => call(m, input)])) as Api;

export type { ApiInput, ApiOutput };
