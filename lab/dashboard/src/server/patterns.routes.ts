import {
  infrastructureKind,
  isPatternSlug,
  isRunnable,
  loadPatternExperiments,
  loadPatternManifests,
  loadTopology,
  type PatternSlug,
  patternFolder,
} from '@journey/orchestrator';
import { loadRoadmap, type ProgressStore } from '@journey/roadmap';
import type { FaultSpec, Topology } from '@journey/topology';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type BenchRuns, QUICK_BENCH } from './bench-runs.js';
import { runFlags } from './check-recording.js';
import type { CheckpointRuns } from './checkpoint-runs.js';
import type { ConformanceRuns } from './conformance-runs.js';
import type { ExperimentKind, ExperimentRuns } from './experiment-runs.js';
import { offeredChoices, refusedChoice } from './infrastructure-choices.js';
import type { LabPort } from './lab-port.js';
import { patternReadme } from './pattern-readme.js';
import { stageView } from './stage-progress.js';

export interface TopologyNode {
  id: string;
  /** `client`, `process`, or the infrastructure's kind as the topology names it. */
  kind: string;
  public: boolean;
  /** How the diagram draws it (a Cytoscape node shape): infrastructure by its kind's registry entry. */
  shape: string;
  /** A process that runs units inside itself (functions) and reports them: drawn around them. */
  hostsUnits?: true;
  /** A process that reports the traffic between the others (a mesh's control plane): the page shows it. */
  reportsTraffic?: true;
}

export interface TopologyGraph {
  nodes: TopologyNode[];
  edges: Array<{ from: string; to: string; protocol: string }>;
}

/** The topology file as a graph: the client, every process and piece of infrastructure, and who talks to whom. */
export function topologyGraph(topology: Topology): TopologyGraph {
  return {
    nodes: [
      { id: 'client', kind: 'client', public: false, shape: 'ellipse' },
      ...topology.processes.map((p) => ({
        id: p.name,
        kind: 'process',
        public: p.public === true,
        shape: 'round-rectangle',
        ...(p.hostedUnits !== undefined && { hostsUnits: true as const }),
        ...(p.traffic !== undefined && { reportsTraffic: true as const }),
      })),
      ...topology.infrastructure.map((i) => ({
        id: i.name,
        kind: i.kind,
        public: false,
        shape: infrastructureKind(i.kind).diagramShape,
      })),
    ],
    edges: topology.edges.map((e) => ({ from: e.from, to: e.to, protocol: e.protocol })),
  };
}

type PatternParams = { Params: { slug: string } };
type StartRequest = PatternParams & { Body?: { choices?: Record<string, string> } };

/**
 * `{ choices: { broker: 'nats' } }`: per infrastructure kind, what `journey up --<flag>` would pick.
 * Checked only when a JSON body is sent: a start without one (`curl -X POST`) takes the defaults.
 */
const startBody = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { choices: { type: 'object', additionalProperties: { type: 'string' } } },
        additionalProperties: false,
      },
    },
  },
} as const;
type ProcessParams = { Params: { slug: string; name: string; action: string } };
type HostedUnitsRequest = PatternParams & { Querystring: { requestsPerMonth?: number } };

/** A monthly request count to price: a whole number, at most a trillion (beyond any sane workload). */
const hostedUnitsQuery = {
  type: 'object',
  properties: { requestsPerMonth: { type: 'integer', minimum: 1, maximum: 1_000_000_000_000 } },
} as const;

/** Both kinds of experiment a pattern declares, as the stage page lists them. */
export interface DeclaredExperiment {
  name: string;
  title: string;
  kind: ExperimentKind;
  /** A fault experiment's fault; absent for a load experiment. */
  fault?: FaultSpec;
}

async function declaredExperiments(slug: PatternSlug, topology: Topology): Promise<DeclaredExperiment[]> {
  return [
    ...(topology.experiments ?? []).map(({ name, title, fault }) => ({
      name,
      title,
      kind: 'fault' as const,
      fault,
    })),
    ...(await loadPatternExperiments(topology, patternFolder(slug))).map(({ name, title }) => ({
      name,
      title,
      kind: 'load' as const,
    })),
  ];
}

/** The runs a stage page starts and follows. */
export interface StageRuns {
  conformance: ConformanceRuns;
  experiments: ExperimentRuns;
  benches: BenchRuns;
  checkpoints: CheckpointRuns;
}

/** The exercise a pattern's manifest declares, as the stage page shows it (its solution stays CI's). */
async function declaredExercise(slug: PatternSlug) {
  const manifest = (await loadPatternManifests()).find((m) => m.slug === slug);
  return manifest?.exercise ? { title: manifest.exercise.title, task: manifest.exercise.task } : null;
}

/**
 * Patterns: what each is, its topology, its run state; start/stop, kill/restart, the conformance suite,
 * the failure experiments and a quick bench.
 */
export function patternRoutes(
  app: FastifyInstance,
  lab: LabPort,
  progress: ProgressStore,
  { conformance, experiments, benches, checkpoints }: StageRuns,
  isBuilt: (slug: string) => boolean = isRunnable,
) {
  /** The pattern named in the URL, or a 404 already sent. */
  const pattern = (slug: string, reply: FastifyReply, mustRun = false): PatternSlug | undefined => {
    if (!isPatternSlug(slug)) {
      void reply.code(404).send({ error: `no pattern "${slug}"` });
      return undefined;
    }
    if (mustRun && !isBuilt(slug)) {
      void reply.code(404).send({ error: `pattern "${slug}" is not built yet` });
      return undefined;
    }
    return slug;
  };

  app.get<PatternParams>('/api/patterns/:slug', async (request, reply) => {
    const slug = pattern(request.params.slug, reply);
    if (!slug) return;
    const stage = loadRoadmap().find((s) => s.slug === slug)!;
    const topology = isBuilt(slug) ? await loadTopology(slug) : null;
    return {
      slug,
      title: topology?.title ?? stage.title,
      stageTitle: stage.title,
      difficulty: stage.difficulty,
      readme: patternReadme(slug),
      graph: topology ? topologyGraph(topology) : null,
      /** Per kind of infrastructure it declares, what it can start on. */
      infrastructureChoices: topology ? offeredChoices(topology, lab.defaultChoices) : [],
      run: lab.runOf(slug),
      logs: lab.recentLogs(slug),
      conformance: conformance.latest(slug),
      experiments: topology ? await declaredExperiments(slug, topology) : [],
      experiment: experiments.latest(slug),
      bench: benches.latest(slug),
      benchSettings: QUICK_BENCH,
      checkpoints: stageView(stage, progress).checkpoints,
      checkpointRuns: stage.checkpoints.flatMap((c) => checkpoints.latest(slug, c.id) ?? []),
      exercise: isBuilt(slug) ? await declaredExercise(slug) : null,
    };
  });

  app.post<StartRequest>(
    '/api/patterns/:slug/start',
    { schema: { body: startBody } },
    async (request, reply) => {
      const slug = pattern(request.params.slug, reply, true);
      if (!slug) return;
      const choices = request.body?.choices ?? {};
      const refused = refusedChoice(await loadTopology(slug), choices);
      if (refused) return reply.code(400).send({ error: refused });
      return lab.start(slug, { choices });
    },
  );

  app.post<PatternParams>('/api/patterns/:slug/stop', async (request, reply) => {
    const slug = pattern(request.params.slug, reply, true);
    if (slug) return lab.stop(slug);
  });

  app.post<ProcessParams>('/api/patterns/:slug/processes/:name/:action', async (request, reply) => {
    const slug = pattern(request.params.slug, reply, true);
    if (!slug) return;
    const { name, action } = request.params;
    if (action === 'kill') return lab.kill(slug, name);
    if (action === 'restart') return lab.restart(slug, name);
    return reply.code(404).send({ error: `unknown action "${action}" (kill or restart)` });
  });

  app.post<ProcessParams>('/api/patterns/:slug/experiments/:name', async (request, reply) => {
    const slug = pattern(request.params.slug, reply, true);
    if (!slug) return;
    const { name } = request.params;
    const declared = await declaredExperiments(slug, await loadTopology(slug));
    const experiment = declared.find((e) => e.name === name);
    if (!experiment)
      return reply.code(404).send({
        error: `${slug} declares no experiment "${name}" (${declared.map((e) => e.name).join(', ')})`,
      });
    // A load experiment starts copies of its own: the running one, if any, is left alone.
    if (experiment.kind === 'load') return reply.code(202).send(experiments.start(slug, name, 'load'));
    const run = lab.runOf(slug);
    if (run.state !== 'running' && run.state !== 'elsewhere')
      return reply.code(409).send({ error: `start ${slug} first: the experiment breaks the running copy` });
    return reply.code(202).send(experiments.start(slug, name));
  });

  // The cost panel's figures: each hosting process priced for the monthly workload the learner typed.
  app.get<HostedUnitsRequest>(
    '/api/patterns/:slug/hosted-units',
    { schema: { querystring: hostedUnitsQuery } },
    async (request, reply) => {
      const slug = pattern(request.params.slug, reply, true);
      if (!slug) return;
      const run = lab.runOf(slug);
      if (run.state !== 'running' && run.state !== 'elsewhere')
        return reply
          .code(409)
          .send({ error: `start ${slug} first: its hosted units are counted while it runs` });
      return { processes: await lab.hostedUnits(slug, request.query.requestsPerMonth) };
    },
  );

  app.post<PatternParams>('/api/patterns/:slug/conformance', async (request, reply) => {
    const slug = pattern(request.params.slug, reply, true);
    if (!slug) return;
    const run = lab.runOf(slug);
    if (run.state !== 'running' && run.state !== 'elsewhere') {
      return reply.code(409).send({ error: `start ${slug} first: the suite runs against the running copy` });
    }
    return reply.code(202).send(conformance.start(slug, run.url!, runFlags(run)));
  });

  // Benches a fresh copy of its own, so the pattern need not be running (and a running copy is left alone).
  app.post<PatternParams>('/api/patterns/:slug/bench', async (request, reply) => {
    const slug = pattern(request.params.slug, reply, true);
    if (slug) return reply.code(202).send(benches.start(slug));
  });
}
