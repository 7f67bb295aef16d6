import type { TrafficReport } from '@journey/topology';
import { fetchReport, type ReportAnswer } from './process-report.js';
import { labFacingUrl, type ProcessStatus } from './supervisor.js';

/** What a process answered at its traffic path, or why there is nothing to show. */
export type TrafficAnswer = ReportAnswer<TrafficReport>;

export interface TrafficRequest {
  /** The process's base URL (its admin URL when it has one). */
  url: string;
  /** Its `traffic` path (`/traffic`). */
  path: string;
  timeoutMs?: number;
}

const isTrafficReport = (body: unknown): body is TrafficReport => {
  const report = body as TrafficReport | null;
  return Array.isArray(report?.edges) && Array.isArray(report?.proxies);
};

/** Asks a process for the traffic its proxies measured; "unavailable" with the reason when it does not answer one. */
export const fetchTraffic = (request: TrafficRequest): Promise<TrafficAnswer> =>
  fetchReport(new URL(request.path, request.url), isTrafficReport, 'traffic report', request.timeoutMs);

/**
 * What a process that declares traffic reports now, asked where it answers the lab; one that is down
 * (killed, restarting) has none to give and says why. Undefined for a process that declares none.
 */
export async function trafficOfProcess(process: ProcessStatus): Promise<TrafficAnswer | undefined> {
  if (process.traffic === undefined) return undefined;
  if (process.pid === null) return { available: false, detail: `${process.name} is ${process.state}` };
  return fetchTraffic({ url: labFacingUrl(process), path: process.traffic });
}
