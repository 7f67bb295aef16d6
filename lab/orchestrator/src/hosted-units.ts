import type { HostedUnitsReport } from '@journey/topology';

/** What a process answered at its hosted-units path, or why there is nothing to show. */
export type HostedUnitsAnswer =
  | { available: true; report: HostedUnitsReport }
  | { available: false; detail: string };

export interface HostedUnitsRequest {
  /** The process's base URL. */
  url: string;
  /** Its `hostedUnits` path (`/functions`). */
  path: string;
  /** The monthly workload to price (`?requestsPerMonth=N`); the process's own default when absent. */
  requestsPerMonth?: number;
  timeoutMs?: number;
}

/**
 * Asks a process for the units it hosts. A process that is down, slow, or answers something that is
 * not a report is "unavailable" with the reason: `journey ps` and the diagram show that, never fail on it.
 */
export async function fetchHostedUnits(request: HostedUnitsRequest): Promise<HostedUnitsAnswer> {
  const address = new URL(request.path, request.url);
  if (request.requestsPerMonth !== undefined)
    address.searchParams.set('requestsPerMonth', String(request.requestsPerMonth));
  try {
    const response = await fetch(address, { signal: AbortSignal.timeout(request.timeoutMs ?? 2_000) });
    if (!response.ok) {
      await response.body?.cancel();
      return { available: false, detail: `HTTP ${response.status} from ${address.pathname}` };
    }
    const report = (await response.json()) as HostedUnitsReport;
    if (!Array.isArray(report?.units))
      return { available: false, detail: `${address.pathname} answered no list of units` };
    return { available: true, report };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return { available: false, detail: cause?.code ?? (error as Error).message };
  }
}
