import { parseArgs } from 'node:util';
import { type PatternCommand, UsageError } from '@journey/topology';
import { costTable, readFunctionsReport, runtimeUrlOf, totalsOf, unitsTable } from './functions-report.js';

const SUBCOMMANDS = ['functions'];

/** The most the runtime prices: a trillion requests a month. */
const MOST_REQUESTS_PER_MONTH = 1e12;

/**
 * `journey serverless functions [--requests-per-month N]`: the running serverless topology's functions
 * as its runtime reports them — instances alive now and at the peak, invocations, cold starts, cold and
 * warm latency — and what the measured workload would cost a month on each platform.
 */
const serverless: PatternCommand = async (args, { running, print }) => {
  const { values, positionals } = parseServerlessArgs(args);
  const [subcommand, ...rest] = positionals;
  if (subcommand !== 'functions') {
    throw new UsageError(
      subcommand === undefined
        ? 'journey serverless: say what to show'
        : `journey serverless: unknown "${subcommand}"`,
      SUBCOMMANDS,
    );
  }
  if (rest.length > 0)
    throw new UsageError('journey serverless functions: takes no arguments, only --requests-per-month N');
  const requestsPerMonth = requestsPerMonthOf(values['requests-per-month']);

  const runtime = runtimeUrlOf(running());
  const report = await readFunctionsReport(runtime, requestsPerMonth);
  print(`${report.unit} run by ${report.runtime} (${runtime})`);
  for (const line of unitsTable(report)) print(line);
  const totals = totalsOf(report.units);
  print(
    `\n${totals.invocations} invocations, ${totals.coldStarts} cold starts, ${totals.peakInstances} instances at the peak`,
  );
  if (report.cost) {
    print('');
    for (const line of costTable(report.cost)) print(line);
  } else {
    print('no cost estimate yet: it needs a measured warm invocation (call the API, then ask again)');
  }
  return 0;
};

export default serverless;

function requestsPerMonthOf(given: string | undefined): number | undefined {
  if (given === undefined) return undefined;
  const requests = Number(given);
  if (!Number.isSafeInteger(requests) || requests < 1 || requests > MOST_REQUESTS_PER_MONTH) {
    throw new UsageError(
      `journey serverless functions: --requests-per-month must be a whole number from 1 to 10^12, got "${given}"`,
    );
  }
  return requests;
}

function parseServerlessArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { 'requests-per-month': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`journey serverless: ${(error as Error).message.split('\n')[0]}`, [
      '--requests-per-month N',
    ]);
  }
}
