import { type PatternBench, type ProxyFigures, type TrafficReport, textColumns } from '@journey/topology';
import { readBenchPods } from './bench-mesh-status.js';
import { type CallPath, pairedCalls, percentileMs } from './bench-paired-calls.js';

/** The edge measured: the gateway calling articles, the mesh's busiest edge. */
const CALLER = 'gateway';
const CALLEE = 'articles';
/** A call the gateway really makes (GET /api/tags), light enough that the proxies' share shows. */
const REQUEST = '/tags';
/** A pair of sidecars is two proxies on the path: the caller's outbound and the callee's inbound. */
const PROXIES_IN_A_PAIR = 2;
/** Issue 16's goal for one hop, unloaded. */
const GOAL_P50_MS_PER_HOP = 0.1;

export interface PathFigures {
  path: string;
  calls: number;
  p50Ms: number;
  p99Ms: number;
}

export interface SidecarFigures {
  process: string;
  rssBytes: number | null;
  /** CPU the proxy used while the bench ran its calls. */
  cpuSecondsDuringRun: number | null;
}

export interface SidecarHopFigures {
  request: string;
  connections: number;
  direct: PathFigures;
  throughPair: PathFigures;
  /** What one proxy adds: the pair's extra latency halved. */
  perHop: { p50Ms: number; p99Ms: number };
  goalP50MsPerHop: number;
  sidecars: SidecarFigures[];
  /** Every call through the pair while the sidecars' CPU was measured: the timed ones and the warm-up. */
  callsThroughPair: number;
}

const fixed = (ms: number) => ms.toFixed(2);
/** `articles'`, `gateway's`. */
const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);
const mib = (bytes: number | null) => (bytes === null ? '?' : (bytes / 1024 / 1024).toFixed(1));

async function readProxies(meshControlUrl: string): Promise<ProxyFigures[]> {
  const response = await fetch(new URL('/traffic', meshControlUrl));
  if (!response.ok) throw new Error(`mesh-control's /traffic answered ${response.status}`);
  return ((await response.json()) as TrafficReport).proxies;
}

function sidecarFigures(before: ProxyFigures[], after: ProxyFigures[]): SidecarFigures[] {
  return [CALLER, CALLEE].map((process) => {
    const then = before.find((proxy) => proxy.process === process);
    const now = after.find((proxy) => proxy.process === process);
    const used =
      then?.cpuSeconds != null && now?.cpuSeconds != null ? now.cpuSeconds - then.cpuSeconds : null;
    return { process, rssBytes: now?.rssBytes ?? null, cpuSecondsDuringRun: used };
  });
}

function pathFigures(path: CallPath, samples: number[]): PathFigures {
  return {
    path: path.name,
    calls: samples.length,
    p50Ms: percentileMs(samples, 0.5),
    p99Ms: percentileMs(samples, 0.99),
  };
}

export function sidecarHopText(figures: SidecarHopFigures): string {
  const { direct, throughPair, perHop, sidecars } = figures;
  const verdict =
    perHop.p50Ms <= figures.goalP50MsPerHop
      ? `within issue 16's goal of ${figures.goalP50MsPerHop} ms p50 a hop`
      : `over issue 16's goal of ${figures.goalP50MsPerHop} ms p50 a hop`;
  return [
    `GET ${figures.request} on ${CALLEE}, ${direct.calls} calls a path over ${figures.connections} keep-alive connection(s), the paths taking turns`,
    ...textColumns([
      ['PATH', 'p50 ms', 'p99 ms'],
      [direct.path, fixed(direct.p50Ms), fixed(direct.p99Ms)],
      [throughPair.path, fixed(throughPair.p50Ms), fixed(throughPair.p99Ms)],
      ['added per proxy hop (the pair halved)', fixed(perHop.p50Ms), fixed(perHop.p99Ms)],
    ]).map((line) => `  ${line}`),
    `  ${verdict}`,
    '',
    'the two sidecars (HAProxy), as mesh-control reads them:',
    ...textColumns([
      ['SIDECAR', 'RSS MiB', 'CPU s during the calls', 'CPU ms a call'],
      ...sidecars.map(({ process, rssBytes, cpuSecondsDuringRun: cpu }) => [
        process,
        mib(rssBytes),
        cpu === null ? '?' : cpu.toFixed(2),
        cpu === null ? '?' : ((cpu * 1_000) / figures.callsThroughPair).toFixed(3),
      ]),
    ]).map((line) => `  ${line}`),
    'the shared rows above carry the whole cost: every call crosses the ingress and one pair per downstream call',
  ].join('\n');
}

/**
 * Service mesh's own figure: what one sidecar hop costs. In one run, the same call is made straight to
 * a service's own port and through the sidecar pair every caller uses (the gateway's outbound listener,
 * mTLS, the callee's inbound), the two paths taking turns on the same number of connections; the
 * difference, halved, is one proxy. mesh-control's /traffic adds the two proxies' memory and the CPU
 * they spent on it.
 */
const sidecarHop: PatternBench = async ({ option, startTopology, progress }) => {
  const calls = option('requests');
  const connections = option('hop-connections');
  progress('starting a fresh service-mesh topology');
  const topology = await startTopology({});
  try {
    const meshControl = topology.processes.find((process) => process.name === 'mesh-control');
    if (!meshControl) throw new Error('the service-mesh topology runs no mesh-control');
    const pods = await readBenchPods(meshControl.url);
    const caller = pods.get(CALLER);
    const callee = pods.get(CALLEE);
    const outbound = caller?.outboundPorts[CALLEE];
    if (!callee || outbound === undefined) {
      throw new Error(`mesh-control reports no ${CALLER} pod with an outbound listener for ${CALLEE}`);
    }
    const paths: CallPath[] = [
      { name: `straight to ${possessive(CALLEE)} app`, origin: `http://127.0.0.1:${callee.appPort}` },
      {
        name: `${possessive(CALLER)} sidecar → ${possessive(CALLEE)} sidecar (mTLS)`,
        origin: `http://127.0.0.1:${outbound}`,
      },
    ];
    const before = await readProxies(meshControl.url);
    progress(`${calls} calls a path, ${connections} connection(s), the paths taking turns`);
    const warmupCalls = Math.max(20, Math.round(calls / 10));
    const [direct, throughPair] = await pairedCalls({
      paths,
      request: REQUEST,
      calls,
      warmupCalls,
      connections,
    });
    const after = await readProxies(meshControl.url);
    const straight = pathFigures(paths[0]!, direct!);
    const paired = pathFigures(paths[1]!, throughPair!);
    const figures: SidecarHopFigures = {
      request: REQUEST,
      connections,
      direct: straight,
      throughPair: paired,
      perHop: {
        p50Ms: (paired.p50Ms - straight.p50Ms) / PROXIES_IN_A_PAIR,
        p99Ms: (paired.p99Ms - straight.p99Ms) / PROXIES_IN_A_PAIR,
      },
      goalP50MsPerHop: GOAL_P50_MS_PER_HOP,
      sidecars: sidecarFigures(before, after),
      callsThroughPair: calls + warmupCalls,
    };
    return { text: sidecarHopText(figures), figures };
  } finally {
    await topology.stop();
  }
};

export default sidecarHop;
