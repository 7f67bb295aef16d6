import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConduitServer,
  createConduitServer,
  requireViewer,
  viewerHeaders,
  viewerOf,
} from '../src/index.js';

describe('the forwarded viewer', () => {
  let app: ConduitServer;
  beforeAll(async () => {
    app = await createConduitServer(createLogger('forwarded-viewer-test', 'silent'));
    app.get('/optional', async (request) => ({ viewer: viewerOf(request) }));
    app.get('/required', async (request) => ({ viewer: requireViewer(request) }));
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

  it('when a call is made with viewerHeaders, then the service reads the same id back', async () => {
    expect((await get('/optional', viewerHeaders(42))).json()).toEqual({ viewer: 42 });
    expect((await get('/required', viewerHeaders(42))).json()).toEqual({ viewer: 42 });
  });

  it('when the call is anonymous, then no header is sent and the viewer is null', async () => {
    expect(viewerHeaders(null)).toEqual({});
    expect((await get('/optional', viewerHeaders(null))).json()).toEqual({ viewer: null });
  });

  it.each(['0', '-1', 'abc', '1e3', ' 7', '1234567890123456'])(
    'when the header holds %j, which is no id, then the call counts as anonymous',
    async (raw) => {
      expect((await get('/optional', { 'x-journey-viewer-id': raw })).json()).toEqual({ viewer: null });
    },
  );

  it('when a call that needs a viewer comes without one, then it is a 401 in the RealWorld shape', async () => {
    const reply = await get('/required', {});
    expect(reply.statusCode).toBe(401);
    expect(reply.json()).toEqual({
      errors: { token: ['this call needs the viewer forwarded by the gateway'] },
    });
  });
});
