import { createLogger } from '@journey/platform';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConduitServer,
  createServiceServer,
  type IdempotencyStore,
  type StoredAnswer,
  VIEWER_HEADER,
} from '../src/index.js';

const logger = createLogger('idempotent-replies-test', 'silent');

/** The store as a Map, like the hexagonal memory adapter: enough to watch the HTTP side. */
function mapStore(): IdempotencyStore {
  const answers = new Map<string, StoredAnswer>();
  return {
    find: async (scope, key) => answers.get(`${scope} ${key}`),
    handleWithKey: (_request, handle) => handle(),
    record: async ({ scope, key, fingerprint }, status, answer, headers) => {
      answers.set(`${scope} ${key}`, { fingerprint, status, answer, headers });
    },
  };
}

describe('a service server with Idempotency-Keys', () => {
  let app: ConduitServer | undefined;
  afterEach(() => app?.close());

  /** A note service whose every POST writes a new note; `release` lets a write finish. */
  async function notes() {
    let written = 0;
    let release = () => {};
    let gate = Promise.resolve();
    app = await createServiceServer(
      'notes',
      logger,
      { describe: 'memory', ping: async () => {} },
      { idempotency: mapStore(), replayedHeaders: ['x-announced'] },
    );
    app.post('/notes', async (request, reply) => {
      await gate;
      written += 1;
      return reply
        .code(201)
        .header('x-announced', `note ${written}`)
        .send({ id: written, text: (request.body as { text: string }).text });
    });
    const post = (key: string, text: string, viewer = '7') =>
      app!.inject({
        method: 'POST',
        url: '/notes',
        headers: { 'idempotency-key': key, [VIEWER_HEADER]: viewer },
        payload: { text },
      });
    const hold = () => {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    };
    return { post, written: () => written, hold, release: () => release() };
  }

  it('when a write is repeated with its key, then the first answer comes back and nothing is written', async () => {
    const { post, written } = await notes();
    const first = await post('k', 'hello');
    const again = await post('k', 'hello');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['x-announced']).toBe('note 1');
    expect(written()).toBe(1);
  });

  it('when the key comes with another body, then it is a 422 on idempotency-key', async () => {
    const { post, written } = await notes();
    await post('k', 'hello');
    const other = await post('k', 'goodbye');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({
      errors: { 'idempotency-key': [expect.stringMatching(/another request/)] },
    });
    expect(written()).toBe(1);
  });

  it('when another viewer sends the same key, then their write runs', async () => {
    const { post, written } = await notes();
    await post('k', 'hello', '7');
    expect((await post('k', 'hello', '8')).headers['idempotent-replayed']).toBeUndefined();
    expect(written()).toBe(2);
  });

  it('when the key is longer than 255 characters, then it is a 422 and nothing runs', async () => {
    const { post, written } = await notes();
    const reply = await post('k'.repeat(256), 'hello');
    expect(reply.statusCode).toBe(422);
    expect(reply.json().errors['idempotency-key']).toHaveLength(1);
    expect(written()).toBe(0);
  });

  it('when a repeat arrives while the first is still running, then it waits and gets the first answer', async () => {
    const { post, written, hold, release } = await notes();
    hold();
    const first = post('k', 'hello');
    const repeat = post('k', 'hello');
    release();
    const [one, two] = await Promise.all([first, repeat]);
    expect(two.json()).toEqual(one.json());
    expect(written()).toBe(1);
  });
});
