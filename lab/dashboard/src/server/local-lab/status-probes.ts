import {
  describeExit,
  fetchHostedUnits,
  labFacingUrl,
  loadTopology,
  type ProcessStatus as OrchestratorStatus,
  type PatternSlug,
  runnablePatterns,
  trafficOfProcess,
} from '@journey/orchestrator';
import { type InfrastructureStatus, probePiece } from '../infrastructure-probe.js';
import type { ProcessStatus } from '../lab-port.js';
import { type EdgeTraffic, edgeTraffic, ratesBetween, scrapeTraffic, type TrafficRates } from '../traffic.js';
import type { Entry, LabEntries } from './lab-entries.js';
import { followForeignLogs } from './log-streaming.js';
import { controlOf, foreignRun, runChanged } from './run-adoption.js';

const WATCH_EVERY_MS = 1_000;

/**
 * Every piece of infrastructure this lab provisioned, probed. A `journey up` elsewhere publishes no
 * URLs to probe, only its databases' description: none then.
 */
const infrastructureOf = (entry: Entry): Promise<InfrastructureStatus[]> =>
  Promise.all((entry.owned?.supervisor.infrastructure ?? []).map(probePiece));

/** Each process's traffic since its previous sample, by process name; a process that did not answer is left out. */
async function trafficRates(entry: Entry, statuses: ProcessStatus[]): Promise<Map<string, TrafficRates>> {
  const rates = new Map<string, TrafficRates>();
  for (const status of statuses) {
    if (status.pid === null || status.port === null) continue;
    const sample = await scrapeTraffic(status.adminPort ?? status.port);
    if (!sample) continue;
    rates.set(status.name, ratesBetween(entry.samples.get(status.pid), sample));
    entry.samples.set(status.pid, sample);
  }
  return rates;
}

const toStatus = (status: OrchestratorStatus): ProcessStatus => ({
  name: status.name,
  state: status.state,
  healthy: status.pid === null ? null : status.health.ok,
  healthDetail: status.pid === null ? null : status.health.detail,
  pid: status.pid,
  port: status.port,
  ...(status.adminPort !== undefined && { adminPort: status.adminPort }),
  rssBytes: status.pid === null ? null : status.rssBytes,
  requestsPerSecond: null,
  restarts: status.restarts,
  exit: status.exit ? describeExit(status.exit) : null,
  hostedUnits: null,
  traffic: null,
});

/**
 * What each running process that reports something reports now: the units it hosts (a function
 * runtime's live instances), the traffic its proxies measured (a mesh's control plane).
 */
export async function withReports(statuses: OrchestratorStatus[]): Promise<ProcessStatus[]> {
  return Promise.all(
    statuses.map(async (status) => ({
      ...toStatus(status),
      hostedUnits:
        status.pid !== null && status.hostedUnits !== undefined
          ? await fetchHostedUnits({ url: labFacingUrl(status), path: status.hostedUnits })
          : null,
      traffic: (await trafficOfProcess(status)) ?? null,
    })),
  );
}

/** What a viewer would notice; sizes in whole MiB so memory and file jitter does not flood the event stream. */
const visible = (statuses: ProcessStatus[], edges: EdgeTraffic[], infrastructure: InfrastructureStatus[]) =>
  JSON.stringify([
    infrastructure.map((piece) => ({
      ...piece,
      fileBytes: Math.round((piece.fileBytes ?? 0) / 2 ** 20),
      rssBytes: Math.round((piece.rssBytes ?? 0) / 2 ** 20),
    })),
    statuses.map((s) => ({
      ...s,
      rssBytes: Math.round((s.rssBytes ?? 0) / 2 ** 20),
      requestsPerSecond: Math.round(s.requestsPerSecond ?? -1),
    })),
    edges.map((e) => Math.round(e.requestsPerSecond ?? -1)),
  ]);

/** Probes a running pattern's processes (health, RSS, traffic) and infrastructure; tells subscribers if what they see changed. */
export async function refreshStatus(lab: LabEntries, pattern: PatternSlug) {
  const entry = lab.entryOf(pattern);
  // A probe that began before a kill may answer after the kill's own refresh: only the newest counts.
  const generation = ++entry.probes;
  let statuses: ProcessStatus[] = [];
  let edges: EdgeTraffic[] = [];
  let infrastructure: InfrastructureStatus[] = [];
  try {
    if ((entry.owned && entry.state === 'running') || (!entry.owned && foreignRun(pattern))) {
      statuses = await withReports(await controlOf(lab, pattern).status());
      const rates = await trafficRates(entry, statuses);
      for (const status of statuses) status.requestsPerSecond = rates.get(status.name)?.served ?? null;
      const topology = await loadTopology(pattern);
      edges = edgeTraffic(topology.edges, topology.processes, rates);
      infrastructure = await infrastructureOf(entry);
    }
  } catch {
    // A topology that stopped between the check and the probe: shown as stopped on the next tick.
  }
  if (generation !== entry.probes || entry.state === 'stopping' || entry.state === 'starting') return;
  if (
    visible(statuses, edges, infrastructure) !== visible(entry.statuses, entry.edges, entry.infrastructure)
  ) {
    entry.statuses = statuses;
    entry.edges = edges;
    entry.infrastructure = infrastructure;
    runChanged(lab, pattern);
  }
}

/**
 * Once a second, every runnable pattern is probed and the logs of a `journey up` elsewhere are followed,
 * a tick skipped while the previous one still runs. Returns what stops the watch.
 */
export function watchPatterns(lab: LabEntries): () => void {
  let watching = false;
  const watcher = setInterval(() => {
    if (watching) return;
    watching = true;
    const patterns = runnablePatterns();
    for (const pattern of patterns) followForeignLogs(lab, pattern);
    void Promise.all(patterns.map((pattern) => refreshStatus(lab, pattern))).finally(() => {
      watching = false;
    });
  }, WATCH_EVERY_MS);
  return () => clearInterval(watcher);
}
