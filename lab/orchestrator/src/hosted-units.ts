import type { HostedUnitsReport } from '@journey/topology';
import { fetchReport, type ReportAnswer } from './process-report.js';

/** What a process answered at its hosted-units path, or why there is nothing to show. */
export type HostedUnitsAnswer = ReportAnswer<HostedUnitsReport>;

export interface HostedUnitsRequest {
  /** The process's base URL (its admin URL when it has one). */
  url: string;
  /** Its `hostedUnits` path (`/functions`). */
  path: string;
  /** The monthly workload to price (`?requestsPerMonth=N`); the process's own default when absent. */
  requestsPerMonth?: number;
  timeoutMs?: number;
}

const isHostedUnits = (body: unknown): body is HostedUnitsReport =>
  Array.isArray((body as HostedUnitsReport | null)?.units);

/** Asks a process for the units it hosts; "unavailable" with the reason when it does not answer one. */
export function fetchHostedUnits(request: HostedUnitsRequest): Promise<HostedUnitsAnswer> {
  const address = new URL(request.path, request.url);
  if (request.requestsPerMonth !== undefined)
    address.searchParams.set('requestsPerMonth', String(request.requestsPerMonth));
  return fetchReport(address, isHostedUnits, 'list of units', request.timeoutMs);
}
