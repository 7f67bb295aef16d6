import { type Dispatcher, request } from 'undici';

export interface ConduitAnswer {
  status: number;
  /** The body as sent, read to its end (so the latency includes it). */
  text: string;
}

export type ConduitCall = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options?: { token?: string; body?: unknown },
) => Promise<ConduitAnswer>;

/**
 * Calls a Conduit API at `baseUrl` (without `/api`) through one dispatcher, so a workload's users share
 * its keep-alive connections. Never throws on a status: the caller counts what is not 2xx.
 */
export function conduitClient(baseUrl: string, dispatcher: Dispatcher): ConduitCall {
  return async (method, path, options = {}) => {
    const response = await request(`${baseUrl}/api${path}`, {
      method,
      dispatcher,
      headers: {
        ...(options.body !== undefined && { 'content-type': 'application/json' }),
        ...(options.token && { authorization: `Token ${options.token}` }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.statusCode, text: await response.body.text() };
  };
}

/** Throws with the call and the answer when it is not 2xx: for the set-up calls a workload cannot do without. */
export async function expectOk(what: string, answer: Promise<ConduitAnswer>): Promise<unknown> {
  const { status, text } = await answer;
  if (status < 200 || status >= 300) throw new Error(`${what} answered ${status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** Registers a user and returns its token and name. */
export async function registerUser(call: ConduitCall, username: string) {
  const reply = (await expectOk(
    `registering ${username}`,
    call('POST', '/users', {
      body: { user: { username, email: `${username}@workload.example`, password: 'workload-password' } },
    }),
  )) as { user: { token: string } };
  return { username, token: reply.user.token };
}
