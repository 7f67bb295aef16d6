import fastifyStatic from '@fastify/static';
import { UnknownProcessError } from '@journey/orchestrator';
import type { ProgressStore } from '@journey/roadmap';
import Fastify, { type FastifyInstance } from 'fastify';
import { benchHistory } from './bench-history.js';
import { createBenchRuns } from './bench-runs.js';
import { compareRoutes } from './compare.routes.js';
import { type ConformanceRuns, createConformanceRuns } from './conformance-runs.js';
import { eventRoutes } from './events.routes.js';
import { createExperimentRuns } from './experiment-runs.js';
import { LabConflict, type LabPort } from './lab-port.js';
import { patternRoutes } from './patterns.routes.js';
import { requestGuard } from './request-guard.js';
import { roadmapRoutes } from './roadmap.routes.js';

/** The checkpoint every stage declares for "both suites pass against your running copy". */
const CONTRACT_CHECKPOINT = 'contract';

export interface DashboardOptions {
  lab: LabPort;
  progress: ProgressStore;
  /** Required on every state-changing request (see request-guard.ts). */
  token: string;
  /** The built web app; without it only the JSON API is served. */
  webRoot?: string;
  conformance?: ConformanceRuns;
  logger?: boolean | { level: string };
}

/** The dashboard's HTTP server, built but not listening (tests inject requests; startDashboard listens). */
export async function buildDashboard(options: DashboardOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const conformance =
    options.conformance ??
    createConformanceRuns((pattern, passed, detail) =>
      options.progress.recordCheckpoint(pattern, CONTRACT_CHECKPOINT, passed, detail),
    );
  app.addHook('onRequest', requestGuard(options.token));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof LabConflict) return reply.code(error.status).send({ error: error.message });
    if (error instanceof UnknownProcessError)
      return reply.code(404).send({ error: `${error.message}; it has ${error.choices.join(', ')}` });
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: error.message });
  });

  const experiments = createExperimentRuns(options.lab);
  roadmapRoutes(app, options.progress);
  const benches = createBenchRuns(options.lab);
  patternRoutes(app, options.lab, { conformance, experiments, benches });
  const compare = compareRoutes(app, options.lab);
  eventRoutes(app, options.lab, [
    options.lab.subscribe,
    conformance.subscribe,
    experiments.subscribe,
    benches.subscribe,
    compare.subscribe,
  ]);
  app.get('/api/bench', async () => ({ reports: benchHistory() }));

  if (options.webRoot) await app.register(fastifyStatic, { root: options.webRoot });
  return app;
}
