import type { CostEstimate, HostedUnit, HostedUnitsReport } from '@journey/topology';
import { estimateAll, type CostEstimate as PlatformBill } from '../../lab/cost-estimate.js';

export const DEFAULT_REQUESTS_PER_MONTH = 1_000_000;

export interface FunctionsReportInput {
  /** What runs the functions, in words. */
  runtime: string;
  units: HostedUnit[];
  /** The measured mean warm duration; no cost is estimated before there is one. */
  meanWarmMs: number | undefined;
  /** Memory the deploy config gives each instance. */
  memoryMb: number;
  requestsPerMonth: number;
}

const PLATFORM_NAMES: Record<PlatformBill['platform'], string> = {
  aws: 'AWS Lambda',
  gcf: 'Cloud Run functions',
  azure: 'Azure Functions (Consumption)',
};

/** `/functions`: the hosted functions and, once a warm duration is measured, what a month would cost. */
export function functionsReport(input: FunctionsReportInput): HostedUnitsReport {
  const report: HostedUnitsReport = { unit: 'functions', runtime: input.runtime, units: input.units };
  if (input.meanWarmMs === undefined) return report;
  return { ...report, cost: monthlyCost(input.requestsPerMonth, input.meanWarmMs, input.memoryMb) };
}

function monthlyCost(requestsPerMonth: number, meanDurationMs: number, memoryMb: number): CostEstimate {
  const rounded = Math.round(meanDurationMs * 10) / 10;
  return {
    workload: `${requestsPerMonth.toLocaleString('en-US')} requests a month, ${rounded} ms average (measured warm), ${memoryMb} MB`,
    rows: estimateAll({ requestsPerMonth, meanDurationMs, memoryMb }).map((bill) => ({
      platform: PLATFORM_NAMES[bill.platform],
      monthlyUsd: bill.totalUsd,
      breakdown: `${bill.lines.map((line) => `${line.item} $${line.usd.toFixed(2)}`).join(' + ')}, each request billed ${bill.billedDurationMs} ms × ${bill.billedMemoryMb} MB`,
    })),
  };
}
