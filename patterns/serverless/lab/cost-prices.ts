/**
 * Each platform's public price formula for the pay-per-use plan the serverless pattern deploys to, as
 * data: the figures, where they were read and when. US regions (us-east-1, Tier 1, East US), USD, list
 * prices without savings plans or committed use discounts. Prices change: re-read the sources before
 * quoting an estimate, and update `read` with what you change.
 */

/** Where a figure comes from. `official: false` marks a secondary source used because the vendor's page did not show the figure. */
export interface PriceSource {
  url: string;
  /** The day the page was read, ISO date. */
  read: string;
  official: boolean;
  /** What the page says that the data relies on, or what it did not say. */
  note: string;
}

/** A price per unit up to a monthly volume; the last tier has no upper bound. */
export interface PriceTier {
  upTo: number;
  usdPerUnit: number;
}

export interface LambdaPrices {
  usdPerMillionRequests: number;
  freeRequests: number;
  /** x86 duration price per GB-second, by aggregate monthly GB-seconds. */
  gbSecondTiers: readonly PriceTier[];
  freeGbSeconds: number;
  /** Duration is rounded up to this step. */
  durationStepMs: number;
  memoryMb: { min: number; max: number };
  sources: readonly PriceSource[];
}

export interface CloudRunFunctionPrices {
  usdPerMillionRequests: number;
  freeRequests: number;
  usdPerVcpuSecond: number;
  freeVcpuSeconds: number;
  usdPerGibSecond: number;
  freeGibSeconds: number;
  durationStepMs: number;
  /** Cloud Run's default vCPU per instance, used when the learner picks none. */
  defaultVcpu: number;
  sources: readonly PriceSource[];
}

export interface AzureConsumptionPrices {
  usdPerMillionExecutions: number;
  freeExecutions: number;
  usdPerGbSecond: number;
  freeGbSeconds: number;
  durationStepMs: number;
  minimumDurationMs: number;
  memoryStepMb: number;
  memoryMaxMb: number;
  sources: readonly PriceSource[];
}

const READ = '2026-12-06';

export const AWS_LAMBDA_PRICES: LambdaPrices = {
  usdPerMillionRequests: 0.2,
  freeRequests: 1_000_000,
  gbSecondTiers: [
    { upTo: 6_000_000_000, usdPerUnit: 0.0000166667 },
    { upTo: 15_000_000_000, usdPerUnit: 0.000015 },
    { upTo: Number.POSITIVE_INFINITY, usdPerUnit: 0.0000133334 },
  ],
  freeGbSeconds: 400_000,
  durationStepMs: 1,
  memoryMb: { min: 128, max: 10_240 },
  sources: [
    {
      url: 'https://aws.amazon.com/lambda/pricing/',
      read: READ,
      official: true,
      note: 'duration rounded up to the nearest 1 ms; memory 128 MB to 10,240 MB in 1 MB steps; tiers apply to aggregate monthly duration per architecture and region. The per-GB-second table is rendered by script and was not in the stored copy.',
    },
    {
      url: 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html',
      read: READ,
      official: true,
      note: 'free tier 1 million requests and 400,000 GB-seconds per month; $0.20 per million requests; $0.00001667 per GB-second (rounded).',
    },
    {
      url: 'https://cloudchipr.com/blog/aws-lambda-pricing',
      read: READ,
      official: false,
      note: 'x86 us-east-1 tiers: $0.0000166667 for the first 6 billion GB-s, $0.000015 for the next 9 billion, $0.0000133334 above 15 billion.',
    },
  ],
};

export const CLOUD_RUN_FUNCTION_PRICES: CloudRunFunctionPrices = {
  usdPerMillionRequests: 0.4,
  freeRequests: 2_000_000,
  usdPerVcpuSecond: 0.000024,
  freeVcpuSeconds: 180_000,
  usdPerGibSecond: 0.0000025,
  freeGibSeconds: 360_000,
  durationStepMs: 100,
  defaultVcpu: 1,
  sources: [
    {
      url: 'https://cloud.google.com/run/pricing',
      read: READ,
      official: true,
      note: 'Cloud Run functions (2nd gen) are billed as Cloud Run services. Tier 1, CPU only allocated during request processing: $0.00002400 per vCPU-second beyond 180,000 free, first 360,000 GiB-seconds and 2 million requests free per month; usage rounded up to the nearest 100 ms. The $0.0000025 per GiB-second and $0.40 per million requests were cut off in the stored copy of this page.',
    },
    {
      url: 'https://cloudwebschool.com/tools/cloud-run-cost-calculator/',
      read: READ,
      official: false,
      note: '$0.00000250 per GiB-second of memory and $0.40 per million requests beyond the 2 million free.',
    },
    {
      url: 'https://cloud.google.com/run/docs/configuring/services/cpu',
      read: READ,
      official: true,
      note: 'by default each instance is limited to 1 vCPU.',
    },
  ],
};

export const AZURE_CONSUMPTION_PRICES: AzureConsumptionPrices = {
  usdPerMillionExecutions: 0.2,
  freeExecutions: 1_000_000,
  usdPerGbSecond: 0.000016,
  freeGbSeconds: 400_000,
  durationStepMs: 1,
  minimumDurationMs: 100,
  memoryStepMb: 128,
  memoryMaxMb: 1_536,
  sources: [
    {
      url: 'https://azure.microsoft.com/en-us/pricing/details/functions/',
      read: READ,
      official: true,
      note: 'monthly free grant of 1 million executions and 400,000 GB-s per subscription; memory rounded up to the nearest 128 MB, up to 1,536 MB; execution time rounded up. The stored copy shows the prices as "$-" (rendered by script) and is cut off at "rounding up to th": the 1 ms step and the 100 ms minimum are the page’s usual wording, not read here.',
    },
    {
      url: 'https://modal.com/blog/azure-function-pricing-guide',
      read: READ,
      official: false,
      note: 'East US: $0.000016 per GB-second and $0.20 per million executions, with a worked example (3 million 1 s executions at 1.5 GB → $66.00).',
    },
  ],
};
