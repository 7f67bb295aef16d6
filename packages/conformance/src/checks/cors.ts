import { area } from '../check.js';
import { assert, describeReply, expectStatus, fails } from '../expect.js';

const ORIGIN = 'http://conduit-frontend.example';

function listed(header: string | undefined): string[] {
  return (header ?? '').split(',').map((value) => value.trim().toLowerCase());
}

function assertAllowsOrigin(reply: { headers: Record<string, string>; request: string }) {
  const allowed = reply.headers['access-control-allow-origin'];
  assert(
    allowed === '*' || allowed === ORIGIN,
    `${reply.request}: Access-Control-Allow-Origin is ${allowed ?? 'missing'}, expected * or ${ORIGIN}`,
  );
}

function preflight(method: string, path = '/articles') {
  return {
    method: 'OPTIONS',
    path,
    headers: {
      origin: ORIGIN,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization,content-type',
    },
  };
}

/** Spec: cors.md: a browser front end on another origin must be able to call the API. */
export const corsChecks = area('cors', {
  'when a preflight OPTIONS comes with an Origin, then the origin is allowed with Authorization and Content-Type':
    async ({ api }) => {
      const reply = await api.send(preflight('POST'));
      expectStatus(reply, [200, 204]);
      assertAllowsOrigin(reply);
      const headers = listed(reply.headers['access-control-allow-headers']);
      // `*` stands for any header except Authorization, which must be named (Fetch standard).
      const missing = ['authorization', 'content-type'].filter(
        (name) => !headers.includes(name) && !(name === 'content-type' && headers.includes('*')),
      );
      assert(
        missing.length === 0,
        `${describeReply(reply)}; Access-Control-Allow-Headers does not allow ${missing.join(', ')}`,
      );
    },

  'when a preflight asks for PUT or DELETE, then the method is allowed': async ({ api }) => {
    for (const method of ['PUT', 'DELETE']) {
      const reply = await api.send(preflight(method, '/articles/some-slug'));
      expectStatus(reply, [200, 204]);
      assertAllowsOrigin(reply);
      const methods = listed(reply.headers['access-control-allow-methods']);
      assert(
        methods.includes(method.toLowerCase()) || methods.includes('*'),
        `${reply.request}: Access-Control-Allow-Methods is ${reply.headers['access-control-allow-methods'] ?? 'missing'}, expected it to include ${method}`,
      );
    }
  },

  'when a request comes with an Origin, then the reply has Access-Control-Allow-Origin': async ({ api }) => {
    const reply = await api.send({ method: 'GET', path: '/tags', headers: { origin: ORIGIN } });
    expectStatus(reply, 200);
    assertAllowsOrigin(reply);
  },

  'when a request with an Origin fails, then the error reply has Access-Control-Allow-Origin too': async ({
    api,
  }) => {
    const reply = await api.send({ method: 'GET', path: '/user', headers: { origin: ORIGIN } });
    fails(reply, 401);
    assertAllowsOrigin(reply);
  },
});
