import fastifyStatic from '@fastify/static';
import { UnknownProcessError } from '@journey/orchestrator';
import type { ProgressStore } from '@journey/roadmap';
import Fastify, { type FastifyInstance } from 'fastify';
import { benchHistory } from './bench-history.js';
import { createBenchRuns } from './bench-runs.js';
import { chaosRunRoutes } from './chaos-runs.routes.js';
import { progressRecorder } from './check-recording.js';
import { createCheckpointRuns } from './checkpoint-runs.js';
import type { CliPort } from './cli-runs.js';
import { compareRoutes } from './compare.routes.js';
import { type ConformanceRuns, createConformanceRuns } from './conformance-runs.js';
import { eventRoutes } from './events.routes.js';
import { createExperimentRuns } from './experiment-runs.js';
import { LabConflict, type LabPort } from './lab-port.js';
import { migrationRoutes } from './migration.routes.js';
import { patternRoutes } from './patterns.routes.js';
import { requestGuard } from './request-guard.js';
import { roadmapRoutes } from './roadmap.routes.js';
import { tradeOffCardRoutes } from './trade-off-card.routes.js';

export interface DashboardOptions {
  lab: LabPort;
  /** Runs `journey <command>` for the checkpoint buttons; the server closes it when it closes. */
  cli: CliPort;
  progress: ProgressStore;
  /** Required on every state-changing request (see request-guard.ts). */
  token: string;
  /** The built web app; without it only the JSON API is served. */
  webRoot?: string;
  conformance?: ConformanceRuns;
  logger?: boolean | { level: string };
  /**
   * Which stages are built, so may be started, compared and migrated to: those with a topology unless
   * told (a test plays a roadmap with a stage not built yet, as each once was).
   */
  isBuilt?: (slug: string) => boolean;
}

/** The dashboard's HTTP server, built but not listening (tests inject requests; startDashboard listens). */
export async function buildDashboard(options: DashboardOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  const record = progressRecorder(options.progress);
  const conformance =
    options.conformance ??
    createConformanceRuns(({ pattern, flags, passed, detail }) =>
      record({ command: 'test', positionals: [pattern], flags, passed, detail }),
    );
  const checkpoints = createCheckpointRuns(options.cli);
  // A checkpoint's commands run in process groups of their own: none may outlive the dashboard.
  app.addHook('onClose', () => options.cli.close());
  app.addHook('onRequest', requestGuard(options.token));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof LabConflict) return reply.code(error.status).send({ error: error.message });
    if (error instanceof UnknownProcessError)
      return reply.code(404).send({ error: `${error.message}; it has ${error.choices.join(', ')}` });
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: error.message });
  });

  const experiments = createExperimentRuns(options.lab, record);
  // A load experiment's copies run in process groups of their own: stopped with the dashboard.
  app.addHook('onClose', () => experiments.close());
  roadmapRoutes(app, options.progress, checkpoints);
  const benches = createBenchRuns(options.lab);
  patternRoutes(
    app,
    options.lab,
    options.progress,
    { conformance, experiments, benches, checkpoints },
    options.isBuilt,
  );
  migrationRoutes(app, options.isBuilt);
  tradeOffCardRoutes(app);
  chaosRunRoutes(app);
  const compare = compareRoutes(app, options.lab, options.isBuilt);
  eventRoutes(app, options.lab, [
    options.lab.subscribe,
    conformance.subscribe,
    experiments.subscribe,
    benches.subscribe,
    checkpoints.subscribe,
    compare.subscribe,
  ]);
  app.get('/api/bench', async () => ({ reports: benchHistory() }));

  if (options.webRoot) await app.register(fastifyStatic, { root: options.webRoot });
  return app;
}
