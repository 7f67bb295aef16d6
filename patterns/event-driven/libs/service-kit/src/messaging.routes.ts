import { type ConduitServer, errorBody } from '@journey/conduit-http';
import { ValidationFailed } from '@journey/conduit-rules';
import { Type } from '@sinclair/typebox';
import { MAX_APPLIED_WAIT_MS } from './applied-waiter.js';
import type { ConsumerControls } from './messaging.js';

/** How many events one `/events/applied` call may ask about: a command commits a handful. */
export const MAX_APPLIED_IDS = 100;
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DeadLetterSchema = Type.Object({
  id: Type.Integer(),
  group: Type.String(),
  eventId: Type.String(),
  type: Type.String(),
  error: Type.String(),
  attempts: Type.Integer(),
  deadAt: Type.String(),
  replayedAt: Type.Union([Type.String(), Type.Null()]),
  message: Type.Unknown(),
});

const ErrorSchema = Type.Object({ errors: Type.Record(Type.String(), Type.Array(Type.String())) });

/** The schemas of the consumer endpoints every consuming service serves (the gateway and the lab call them). */
export const consumerApi = {
  /** GET `?ids=<id>,<id>&waitMs=<n>`: 200 `{applied:true}` or, after waitMs, `{applied:false, missing}`. */
  applied: {
    path: '/events/applied',
    query: Type.Object({
      ids: Type.String({ maxLength: MAX_APPLIED_IDS * 37 }),
      waitMs: Type.Optional(Type.String({ pattern: '^\\d{1,6}$' })),
    }),
    response: Type.Object({
      applied: Type.Boolean(),
      missing: Type.Optional(Type.Array(Type.String())),
    }),
  },
  /** GET `?includeReplayed=true`: the messages this service's group gave up on. */
  deadLetters: {
    path: '/dead-letters',
    query: Type.Object({
      includeReplayed: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    }),
    response: Type.Object({ deadLetters: Type.Array(DeadLetterSchema) }),
  },
  /** POST: applies the letter through the idempotent path; 404 unknown, 409 replayed already or failing again. */
  replay: {
    path: '/dead-letters/:id/replay',
    params: Type.Object({ id: Type.String({ maxLength: 15 }) }),
    response: Type.Object({ outcome: Type.Union([Type.Literal('applied'), Type.Literal('duplicate')]) }),
    failure: ErrorSchema,
  },
} as const;

function eventIds(raw: string): string[] {
  const ids = [...new Set(raw.split(',').filter((id) => id !== ''))];
  if (ids.length === 0) throw new ValidationFailed({ ids: ["can't be blank"] });
  if (ids.length > MAX_APPLIED_IDS)
    throw new ValidationFailed({ ids: [`at most ${MAX_APPLIED_IDS} at once`] });
  if (!ids.every((id) => EVENT_ID.test(id)))
    throw new ValidationFailed({ ids: ['must be event ids (UUIDs)'] });
  return ids;
}

export function consumerRoutes(app: ConduitServer, consumer: ConsumerControls) {
  app.get(
    consumerApi.applied.path,
    { schema: { querystring: consumerApi.applied.query, response: { 200: consumerApi.applied.response } } },
    async (req) => {
      const waitMs = Math.min(Number(req.query.waitMs ?? 0), MAX_APPLIED_WAIT_MS);
      return consumer.appliedWaiter.wait(eventIds(req.query.ids), waitMs);
    },
  );

  app.get(
    consumerApi.deadLetters.path,
    {
      schema: {
        querystring: consumerApi.deadLetters.query,
        response: { 200: consumerApi.deadLetters.response },
      },
    },
    async (req) => ({
      deadLetters: await consumer.deadLetters.list({ includeReplayed: req.query.includeReplayed === 'true' }),
    }),
  );

  app.post(
    consumerApi.replay.path,
    {
      schema: {
        params: consumerApi.replay.params,
        response: {
          200: consumerApi.replay.response,
          404: consumerApi.replay.failure,
          409: consumerApi.replay.failure,
        },
      },
    },
    async (req, reply) => {
      const id = /^[1-9]\d{0,14}$/.test(req.params.id) ? Number(req.params.id) : undefined;
      const letter = id === undefined ? undefined : await consumer.deadLetters.find(id);
      if (id === undefined || !letter) return reply.code(404).send(errorBody('dead letter', 'not found'));
      if (letter.replayed) return reply.code(409).send(errorBody('dead letter', 'was replayed already'));
      try {
        return { outcome: await consumer.deadLetters.replay(id) };
      } catch (error) {
        req.log.warn({ err: error, deadLetter: id }, 'dead letter replay failed');
        // Two replays raced, or the fault that parked it is still there: the letter stays parked.
        return reply.code(409).send(errorBody('dead letter', (error as Error).message));
      }
    },
  );
}
