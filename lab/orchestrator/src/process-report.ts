/** What a process answered at one of its report paths, or why there is nothing to show. */
export type ReportAnswer<T> = { available: true; report: T } | { available: false; detail: string };

/**
 * Asks a process for a report it serves (`hostedUnits`, `traffic`). A process that is down, slow, or
 * answers something that is not such a report is "unavailable" with the reason: `journey ps` and the
 * diagram show that, never fail on it. `isReport` checks the answer's shape; `what` names it when it fails.
 */
export async function fetchReport<T>(
  address: URL,
  isReport: (body: unknown) => body is T,
  what: string,
  timeoutMs = 2_000,
): Promise<ReportAnswer<T>> {
  try {
    const response = await fetch(address, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      return { available: false, detail: `HTTP ${response.status} from ${address.pathname}` };
    }
    const body: unknown = await response.json();
    if (!isReport(body)) return { available: false, detail: `${address.pathname} answered no ${what}` };
    return { available: true, report: body };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return { available: false, detail: cause?.code ?? (error as Error).message };
  }
}
