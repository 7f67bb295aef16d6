import { catalogue } from '@journey/event-driven-events';
import type { consumerApi } from '@journey/event-driven-service-kit';
import type { viewsApi } from '@journey/event-driven-views/api';
import type { RunningPattern } from '@journey/topology';
import type { Static } from '@sinclair/typebox';

/**
 * What `journey events …` asks of a running event-driven topology, through the admin APIs its
 * services publish: read models and their replay (views), dead letters (every consuming service).
 */

/** What these calls need of a running topology: where its processes listen. */
type Topology = Pick<RunningPattern, 'processes'>;

/** Every service that consumes events: each keeps its own inbox and dead letters. */
export const CONSUMING_SERVICES = [...new Set(catalogue.flatMap((event) => event.consumers))].sort();

// The services' published admin APIs are the contract here, as they are for the gateway.
type DeadLetter = Static<typeof consumerApi.deadLetters.response>['deadLetters'][number];
export type ProjectionState = Static<typeof viewsApi.projections.response>['projections'][number];
type ReplayAnswer = Static<typeof viewsApi.replay.response>;

/** A dead letter as a consuming service lists it (without the message itself), with the service it belongs to. */
export type DeadLetterEntry = Omit<DeadLetter, 'message'> & { service: string };

function serviceUrl(state: Topology, service: string): string {
  const process = state.processes.find((p) => p.name === service);
  if (!process) {
    const names = state.processes.map((p) => p.name).join(', ');
    throw new Error(`the running topology has no "${service}" process (it runs: ${names})`);
  }
  return process.url;
}

/** One admin call to a service of the running topology; its RealWorld error body becomes the message. */
async function call<T>(state: Topology, service: string, path: string, method = 'GET'): Promise<T> {
  const url = `${serviceUrl(state, service)}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method, signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    throw new Error(
      `${service} does not answer at ${url} (${(error as Error).message}); is it running? (journey ps)`,
      {
        cause: error,
      },
    );
  }
  const body = (await response.json().catch(() => ({}))) as { errors?: Record<string, string[]> } & T;
  if (!response.ok) {
    const reasons = Object.entries(body.errors ?? {}).map(
      ([field, problems]) => `${field} ${problems.join(', ')}`,
    );
    throw new Error(
      `${service} answered ${response.status} to ${method} ${path}: ${reasons.join('; ') || 'no reason given'}`,
    );
  }
  return body;
}

/** The dead letters of every consuming service (those not replayed yet, unless asked). */
export async function listDeadLetters(
  state: Topology,
  { includeReplayed = false } = {},
): Promise<DeadLetterEntry[]> {
  const perService = await Promise.all(
    CONSUMING_SERVICES.map(async (service) => {
      const { deadLetters } = await call<{ deadLetters: DeadLetter[] }>(
        state,
        service,
        `/dead-letters?includeReplayed=${includeReplayed}`,
      );
      return deadLetters.map(({ id, group, eventId, type, error, attempts, deadAt, replayedAt }) => ({
        service,
        id,
        group,
        eventId,
        type,
        error,
        attempts,
        deadAt,
        replayedAt,
      }));
    }),
  );
  return perService.flat().sort((a, b) => a.deadAt.localeCompare(b.deadAt));
}

/** Applies one parked message again through its service's idempotent consumer. */
export async function replayDeadLetter(state: Topology, service: string, id: number) {
  if (!CONSUMING_SERVICES.includes(service as (typeof CONSUMING_SERVICES)[number])) {
    throw new Error(
      `"${service}" consumes no events; dead letters live in: ${CONSUMING_SERVICES.join(', ')}`,
    );
  }
  return call<{ outcome: 'applied' | 'duplicate' }>(state, service, `/dead-letters/${id}/replay`, 'POST');
}

export async function projectionStates(state: Topology): Promise<ProjectionState[]> {
  return (await call<{ projections: ProjectionState[] }>(state, 'views', '/projections')).projections;
}

/** Rebuilds one read model from the views service's event history; its size before and after. */
export async function replayProjection(state: Topology, name: string) {
  const before = (await projectionStates(state)).find(
    (projection) => projection.name === name || projection.name.replace(/ /g, '-') === name,
  );
  if (!before) {
    const names = (await projectionStates(state)).map((projection) => projection.name.replace(/ /g, '-'));
    throw new Error(`no projection "${name}"; choose from: ${names.join(', ')}`);
  }
  const after = await call<ReplayAnswer>(
    state,
    'views',
    `/projections/${encodeURIComponent(before.name)}/replay`,
    'POST',
  );
  return {
    projection: after.projection,
    events: after.events,
    rowsBefore: before.rows,
    rowsAfter: after.rows,
  };
}
