import type { Api, ApiInput, ApiOutput } from '../../shared/api/contract';
import { API_METHODS, type ApiMethod } from '../../shared/api/methods';
import type { ApiErrorBody, ErrorIssue } from '../../shared/errors';
import { SIGNED_OUT_EVENT, UNAVAILABLE_EVENT } from './database/unavailable';

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

const SIGNED_OUT_MESSAGE = 'Liaison CRM has restarted since this tab opened. Open the link it printed to go on; nothing you saved is lost.';

async function overHttp(method: ApiMethod, input: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
  } catch {
    throw new ApiError({ code: 'internal', message: 'The app’s local server is not answering. Is `npm run web` still running?' });
  }
  const body = (await res.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  // The server's 401 words are written for scripts too; a person in this tab needs these.
  if (res.status === 401) throw new ApiError({ code: 'unauthorized', message: SIGNED_OUT_MESSAGE });
  if (!res.ok) throw new ApiError(body?.error ?? { code: 'internal', message: `The local server answered ${res.status}.` });
  return body;
}

async function viaBridge(method: ApiMethod, input: unknown): Promise<unknown> {
  const env = await bridge![method](input);
  if (!env.ok) throw new ApiError(env.error);
  return env.value;
}

async function call(method: ApiMethod, input: unknown): Promise<unknown> {
  try {
    return await (bridge ? viaBridge(method, input) : overHttp(method, input));
  } catch (e) {
    // The database became unusable (damaged, disk gone): the gate replaces the page with what to do.
    if (e instanceof ApiError && e.code === 'unavailable' && method !== 'database.status') window.dispatchEvent(new Event(UNAVAILABLE_EVENT));
    if (e instanceof ApiError && e.code === 'unauthorized') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw e;
  }
}

/** One typed function per contract method; IPC inside Electron, HTTP in browser mode. */
export const api = Object.fromEntries(API_METHODS.map((m) => [m, (input: unknown) => call(m, input)])) as Api;

export type { ApiInput, ApiOutput };
