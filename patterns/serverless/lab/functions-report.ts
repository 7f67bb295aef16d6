import {
  type CostEstimate,
  type HostedUnit,
  type HostedUnitsReport,
  type LatencyFigures,
  type RunningPattern,
  textColumns,
} from '@journey/topology';

/** The name the serverless topology gives the process that runs the functions. */
export const RUNTIME_PROCESS = 'runtime';

/** Where the runtime answers its functions report (the topology's `hostedUnits`). */
const REPORT_PATH = '/functions';

export function runtimeUrlOf(running: RunningPattern): string {
  const runtime = running.processes.find((process) => process.name === RUNTIME_PROCESS);
  if (!runtime) {
    throw new Error(
      `the running serverless topology has no process named "${RUNTIME_PROCESS}" (it has: ${running.processes.map((p) => p.name).join(', ')})`,
    );
  }
  return runtime.url;
}

/** The runtime's report of its functions and their instances, with the cost of `requestsPerMonth` when given. */
export async function readFunctionsReport(
  runtimeUrl: string,
  requestsPerMonth?: number,
): Promise<HostedUnitsReport> {
  const url = new URL(REPORT_PATH, runtimeUrl);
  if (requestsPerMonth !== undefined) url.searchParams.set('requestsPerMonth', String(requestsPerMonth));
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`the functions report at ${url} did not answer: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    throw new Error(`the functions report at ${url} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as HostedUnitsReport;
}

export interface ReportTotals {
  invocations: number;
  coldStarts: number;
  /** The sum over functions of the most instances each had alive at once. */
  peakInstances: number;
}

export function totalsOf(units: readonly HostedUnit[]): ReportTotals {
  return units.reduce(
    (sum, unit) => ({
      invocations: sum.invocations + unit.invocations,
      coldStarts: sum.coldStarts + unit.coldStarts,
      peakInstances: sum.peakInstances + unit.peakInstances,
    }),
    { invocations: 0, coldStarts: 0, peakInstances: 0 },
  );
}

const ms = Math.round;

/** `p50 / p99` of a kind of invocation, `–` while there has been none. */
export const p50p99 = (figures: LatencyFigures | null) =>
  figures ? `${ms(figures.p50Ms)} / ${ms(figures.p99Ms)}` : '–';

/** What the experiments and the bench keep of each function: how it scaled and what its calls took. */
export type FunctionFigures = Pick<
  HostedUnit,
  'name' | 'peakInstances' | 'invocations' | 'coldStarts' | 'cold' | 'warm'
>;

export const functionFigures = (units: readonly HostedUnit[]): FunctionFigures[] =>
  units.map(({ name, peakInstances, invocations, coldStarts, cold, warm }) => ({
    name,
    peakInstances,
    invocations,
    coldStarts,
    cold,
    warm,
  }));

/** `workload`, then one row per platform with its monthly bill and how it adds up. */
export function costTable(cost: CostEstimate): string[] {
  const rows = cost.rows.map((row) => [row.platform, `$${row.monthlyUsd.toFixed(2)}`, row.breakdown]);
  return [`cost of ${cost.workload}:`, ...textColumns([['PLATFORM', 'MONTHLY', 'BREAKDOWN'], ...rows])];
}
