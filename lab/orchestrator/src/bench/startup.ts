import { spawn } from 'node:child_process';
import { freePort } from '@journey/platform';
import type { BrokerChoice, DatabaseChoice } from '@journey/provisioning';
import { compileCommand } from '@journey/runner';
import { stopProcess, waitHealthy } from '../managed-process.js';
import { loadTopology, type PatternSlug } from '../patterns.js';
import { repoRoot } from '../repo-root.js';
import { startTopology } from '../topology-runner.js';
import { groupRss } from './process-memory.js';

/** How the lab ran a pattern's processes: compiled by @journey/runner, or through the tsx loader. */
export type StartupMode = 'compiled' | 'tsx';

export interface StartupOptions {
  patterns: PatternSlug[];
  /** Starts per pattern and mode, interleaved; each figure is their median. */
  runs: number;
  db?: DatabaseChoice;
  broker?: BrokerChoice;
  /** How long a started topology idles before its memory is read. */
  idleMs?: number;
  onProgress?: (message: string) => void;
}

export interface StartupRow {
  /** A pattern's slug, or `bare node` for the floor: an HTTP server of Node alone. */
  target: string;
  mode: StartupMode | 'plain';
  /** From the start call until the public URL answered `GET /api/tags`: the median over the runs. */
  firstAnswerMs: number;
  /** Idle resident memory of each process (its whole group: workers, a pod's sidecar): medians. */
  rssBytes: Record<string, number>;
  totalRssBytes: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

async function firstAnswer(url: string, since: number): Promise<number> {
  for (;;) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Sample {
  firstAnswerMs: number;
  rssBytes: Record<string, number>;
}

async function startOnce(slug: PatternSlug, mode: StartupMode, options: StartupOptions): Promise<Sample> {
  const topology = await loadTopology(slug);
  const started = performance.now();
  const running = await startTopology(topology, {
    ...(options.db && { db: options.db }),
    ...(options.broker && { broker: options.broker }),
    fresh: true,
    log: () => {},
    ...(mode === 'tsx' && { env: { JOURNEY_RUNNER: 'tsx' } }),
  });
  try {
    const firstAnswerMs = await firstAnswer(`${running.url}/api/tags`, started);
    await new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 3_000));
    const rssBytes: Record<string, number> = {};
    for (const process of running.snapshot()) {
      if (process.pid !== null) rssBytes[process.name] = groupRss(process.pid);
    }
    return { firstAnswerMs, rssBytes };
  } finally {
    await running.stop();
  }
}

/** The floor: Node with nothing but an HTTP server, spawned and answered the same way. */
async function bareNodeOnce(idleMs: number): Promise<Sample> {
  const port = await freePort();
  const server = `require('node:http').createServer((q, s) => s.end('{}')).listen(${port}, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));`;
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', server], { stdio: 'ignore', detached: true });
  const proc = {
    name: 'bare node',
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    exited: new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    ),
  };
  try {
    await waitHealthy(proc, `${proc.url}/`);
    const firstAnswerMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return { firstAnswerMs, rssBytes: { node: groupRss(child.pid!) } };
  } finally {
    await stopProcess(proc);
  }
}

function row(target: string, mode: StartupRow['mode'], samples: Sample[]): StartupRow {
  const names = Object.keys(samples[0]?.rssBytes ?? {});
  const rssBytes = Object.fromEntries(
    names.map((name) => [name, median(samples.map((s) => s.rssBytes[name] ?? 0))]),
  );
  return {
    target,
    mode,
    firstAnswerMs: median(samples.map((s) => s.firstAnswerMs)),
    rssBytes,
    totalRssBytes: median(samples.map((s) => Object.values(s.rssBytes).reduce((a, b) => a + b, 0))),
  };
}

/**
 * `journey bench --startup`: how long each pattern takes from the start call to its first answer, and
 * what its processes hold idle, compiled and with the tsx loader, interleaved run by run so both meet
 * the same machine; a bare Node HTTP server is the floor. The compile cache is warmed first: these
 * are the figures of every start after the first.
 */
export async function runStartupBench(options: StartupOptions): Promise<StartupRow[]> {
  const progress = options.onProgress ?? (() => {});
  for (const slug of options.patterns) {
    for (const process of (await loadTopology(slug)).processes) {
      await compileCommand(process.command, { cwd: repoRoot });
    }
  }
  const samples = new Map<string, Sample[]>();
  const add = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
  for (let run = 1; run <= options.runs; run++) {
    for (const slug of options.patterns) {
      for (const mode of ['compiled', 'tsx'] as const) {
        progress(`run ${run}/${options.runs}: starting ${slug} (${mode})`);
        add(`${slug}\0${mode}`, await startOnce(slug, mode, options));
      }
    }
    add('bare node', await bareNodeOnce(options.idleMs ?? 3_000));
  }
  return [
    ...options.patterns.flatMap((slug) =>
      (['compiled', 'tsx'] as const).map((mode) => row(slug, mode, samples.get(`${slug}\0${mode}`)!)),
    ),
    row('bare node', 'plain', samples.get('bare node')!),
  ];
}
