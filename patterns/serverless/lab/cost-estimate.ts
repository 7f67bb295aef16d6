import {
  AWS_LAMBDA_PRICES,
  AZURE_CONSUMPTION_PRICES,
  type AzureConsumptionPrices,
  CLOUD_RUN_FUNCTION_PRICES,
  type CloudRunFunctionPrices,
  type LambdaPrices,
  type PriceTier,
} from './cost-prices.js';

/**
 * A monthly bill, estimated from each platform's public price formula for a workload the learner picks.
 * An estimate: every request is taken to last the mean duration (the platforms round each request's
 * own duration, so a spread of durations rounds up a little more), one request per instance at a time
 * (Cloud Run bills an instance, which concurrent requests share), and no data transfer, storage,
 * API gateway or logging, which each platform bills apart.
 */

export interface Workload {
  requestsPerMonth: number;
  meanDurationMs: number;
  /** Memory given to each function instance (Azure's Consumption plan measures what is used; this is taken as that). */
  memoryMb: number;
  /** vCPUs per Cloud Run function instance; Cloud Run's default when absent. */
  vcpu?: number;
}

export interface CostLine {
  item: 'requests' | 'duration' | 'cpu' | 'memory';
  /** Units billed after the free tier: requests, GB-seconds, vCPU-seconds or GiB-seconds. */
  billableUnits: number;
  usd: number;
}

export interface CostEstimate {
  platform: 'aws' | 'gcf' | 'azure';
  /** What one request is billed for after the platform's rounding. */
  billedDurationMs: number;
  billedMemoryMb: number;
  lines: CostLine[];
  totalUsd: number;
}

/** `duration` rounded up to the platform's step, never below its minimum. */
export function billedDuration(durationMs: number, stepMs: number, minimumMs = 0): number {
  // Rounded to the microsecond first: 0.1 + 0.2 style float noise must not add a whole step.
  const steps = Math.ceil(Math.round((durationMs / stepMs) * 1e6) / 1e6);
  return Math.max(steps * stepMs, minimumMs);
}

export function estimateAwsLambda(
  workload: Workload,
  prices: LambdaPrices = AWS_LAMBDA_PRICES,
): CostEstimate {
  check(workload);
  const { min, max } = prices.memoryMb;
  if (workload.memoryMb < min || workload.memoryMb > max || !Number.isInteger(workload.memoryMb)) {
    throw new RangeError(`Lambda memory is ${min} to ${max} MB in 1 MB steps; got ${workload.memoryMb} MB`);
  }
  const billedDurationMs = billedDuration(workload.meanDurationMs, prices.durationStepMs);
  const gbSeconds = workload.requestsPerMonth * (billedDurationMs / 1000) * (workload.memoryMb / 1024);
  // The free GB-seconds come off the first tier; tiers then apply to what is left.
  const billableGbSeconds = Math.max(0, gbSeconds - prices.freeGbSeconds);
  const requests = requestsLine(workload.requestsPerMonth, prices.freeRequests, prices.usdPerMillionRequests);
  const duration: CostLine = {
    item: 'duration',
    billableUnits: billableGbSeconds,
    usd: tiered(billableGbSeconds, prices.gbSecondTiers),
  };
  return estimate('aws', billedDurationMs, workload.memoryMb, [requests, duration]);
}

export function estimateCloudRunFunction(
  workload: Workload,
  prices: CloudRunFunctionPrices = CLOUD_RUN_FUNCTION_PRICES,
): CostEstimate {
  check(workload);
  const vcpu = workload.vcpu ?? prices.defaultVcpu;
  if (!(vcpu > 0)) throw new RangeError(`a Cloud Run function needs a positive vCPU count; got ${vcpu}`);
  const billedDurationMs = billedDuration(workload.meanDurationMs, prices.durationStepMs);
  const seconds = workload.requestsPerMonth * (billedDurationMs / 1000);
  const billableVcpuSeconds = Math.max(0, seconds * vcpu - prices.freeVcpuSeconds);
  const billableGibSeconds = Math.max(0, seconds * (workload.memoryMb / 1024) - prices.freeGibSeconds);
  return estimate('gcf', billedDurationMs, workload.memoryMb, [
    requestsLine(workload.requestsPerMonth, prices.freeRequests, prices.usdPerMillionRequests),
    { item: 'cpu', billableUnits: billableVcpuSeconds, usd: billableVcpuSeconds * prices.usdPerVcpuSecond },
    { item: 'memory', billableUnits: billableGibSeconds, usd: billableGibSeconds * prices.usdPerGibSecond },
  ]);
}

export function estimateAzureConsumption(
  workload: Workload,
  prices: AzureConsumptionPrices = AZURE_CONSUMPTION_PRICES,
): CostEstimate {
  check(workload);
  if (workload.memoryMb > prices.memoryMaxMb) {
    throw new RangeError(
      `the Consumption plan bills at most ${prices.memoryMaxMb} MB; got ${workload.memoryMb} MB`,
    );
  }
  const billedMemoryMb = Math.ceil(workload.memoryMb / prices.memoryStepMb) * prices.memoryStepMb;
  const billedDurationMs = billedDuration(
    workload.meanDurationMs,
    prices.durationStepMs,
    prices.minimumDurationMs,
  );
  const gbSeconds = workload.requestsPerMonth * (billedDurationMs / 1000) * (billedMemoryMb / 1024);
  const billableGbSeconds = Math.max(0, gbSeconds - prices.freeGbSeconds);
  return estimate('azure', billedDurationMs, billedMemoryMb, [
    requestsLine(workload.requestsPerMonth, prices.freeExecutions, prices.usdPerMillionExecutions),
    { item: 'duration', billableUnits: billableGbSeconds, usd: billableGbSeconds * prices.usdPerGbSecond },
  ]);
}

/** The same workload priced on the three platforms, in the order the pattern's platforms are listed. */
export const estimateAll = (workload: Workload): CostEstimate[] => [
  estimateAwsLambda(workload),
  estimateCloudRunFunction(workload),
  estimateAzureConsumption(workload),
];

function requestsLine(requests: number, free: number, usdPerMillion: number): CostLine {
  const billable = Math.max(0, requests - free);
  return { item: 'requests', billableUnits: billable, usd: (billable / 1_000_000) * usdPerMillion };
}

/** The price of `units` across tiers, each tier's rate applying only to the units inside it. */
function tiered(units: number, tiers: readonly PriceTier[]): number {
  let usd = 0;
  let floor = 0;
  for (const { upTo, usdPerUnit } of tiers) {
    usd += Math.max(0, Math.min(units, upTo) - floor) * usdPerUnit;
    floor = upTo;
  }
  return usd;
}

function estimate(
  platform: CostEstimate['platform'],
  billedDurationMs: number,
  billedMemoryMb: number,
  lines: CostLine[],
): CostEstimate {
  return {
    platform,
    billedDurationMs,
    billedMemoryMb,
    lines,
    totalUsd: lines.reduce((sum, line) => sum + line.usd, 0),
  };
}

function check({ requestsPerMonth, meanDurationMs, memoryMb }: Workload): void {
  const invalid = Object.entries({ requestsPerMonth, meanDurationMs, memoryMb }).filter(
    ([, value]) => !Number.isFinite(value) || value < 0,
  );
  if (invalid.length > 0) {
    throw new RangeError(
      `a workload needs finite, non-negative figures; got ${invalid.map(([k, v]) => `${k}=${v}`).join(', ')}`,
    );
  }
}
