export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply, read field by field by the assertions
  body: any;
}

/**
 * A Conduit client for the topology tests: calls as a named user (their token kept here) or
 * anonymously, and registers users with names unique to this run.
 */
export function conduitApi(baseUrl: () => string) {
  const run = Date.now().toString(36);
  const tokens = new Map<string, string>();

  const call = async (as: string | null, method: string, path: string, json?: unknown): Promise<Reply> => {
    const response = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: {
        ...(as && { authorization: `Token ${tokens.get(as)}` }),
        ...(json !== undefined && { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
      // Not a timing assertion: a hang fails the test with a clear error instead of stalling the run.
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };

  /** Registers `name` (made unique per run) and keeps its token; returns the username. */
  const register = async (name: string) => {
    const username = `${name}${run}`;
    const reply = await call(null, 'POST', '/users', {
      user: { username, email: `${username}@example.com`, password: 'password-123' },
    });
    if (reply.status !== 201)
      throw new Error(`registering ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
    tokens.set(name, reply.body.user.token);
    return username;
  };

  return { run, call, register };
}
