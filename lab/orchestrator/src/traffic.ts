import type { TrafficReport } from '@journey/topology';
import { fetchReport, type ReportAnswer } from './process-report.js';

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
