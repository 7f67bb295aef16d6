import { runConformance, runOfficialSuite } from '@journey/conformance';
import { choiceFlags, formatLogLine, startTopology } from '@journey/orchestrator';
import { formatRecorded, recordCheckRun } from '@journey/roadmap';
import {
  brokerArg,
  explicitDbArg,
  parseWithTopologyOptions,
  patternArg,
  topologyOptionValues,
  withWayRound,
} from '../usage.js';

export const testOptions = { db: { type: 'string' }, broker: { type: 'string' } } as const;

/**
 * Starts a fresh copy of a pattern on throw-away databases, runs our conformance suite and then the
 * official Postman suite against it, and ends with one line `N passed, N failed`. Exit code 1 on any failure.
 * The verdict is recorded as a run of `journey test <pattern>` with its db (and broker, for a topology
 * that has one); the checkpoints it decides are printed on stderr, so the count stays the last line.
 */
export async function test(args: string[]): Promise<number> {
  const { values, positionals, topologyOf } = await parseWithTopologyOptions(args, testOptions, 'test');
  const pattern = patternArg(positionals[0], 'test');
  const topology = topologyOf(pattern);
  const db = explicitDbArg(values.db);
  const broker = brokerArg(values.broker, topology);
  const options = topologyOptionValues(values, topology, { database: db, broker });
  const logs: string[] = [];
  console.error(`• starting a fresh ${pattern}…`);
  const running = await startTopology(topology, {
    db,
    broker,
    options,
    fresh: true,
    log: (name, line) => logs.push(`[${name}] ${formatLogLine(line)}`),
    onEvent: (event) => {
      if (event.kind === 'provisioned') console.error(`• ${event.name}: ${event.describe}`);
    },
  }).catch((error: unknown) => {
    throw withWayRound(error, topology);
  });
  let passed = 0;
  let failed = 0;
  try {
    console.log(`\nConformance suite against ${running.url}`);
    const results = await runConformance({
      baseUrl: running.url,
      onResult: (r) => console.log(`  ${r.ok ? '✓' : '✗'} ${r.name}${r.ok ? '' : `\n      ${r.error}`}`),
    });
    passed += results.filter((r) => r.ok).length;
    failed += results.filter((r) => !r.ok).length;

    console.log('\nOfficial RealWorld Postman suite (newman, no delay)');
    const official = await runOfficialSuite({ baseUrl: running.url });
    for (const failure of official.failures) console.log(`  ✗ ${failure}`);
    const officialFailed = official.failedAssertions + official.scriptErrors;
    console.log(
      `  ${official.requests} requests, ${official.assertions - official.failedAssertions}/${official.assertions} assertions passed, ${official.scriptErrors} script errors`,
    );
    passed += official.assertions - official.failedAssertions;
    failed += officialFailed;
  } finally {
    await running.stop();
  }
  if (failed > 0) console.log(`\nserver log of the failed run:\n${logs.slice(-40).join('\n')}`);
  const recorded = recordCheckRun({
    command: 'test',
    positionals: [pattern],
    // What it ran on, as flags: the database (and broker) provisioned, and the pattern's own options.
    flags: { ...choiceFlags(running.infrastructure), ...running.options },
    passed: failed === 0,
    detail: `${passed} passed, ${failed} failed`,
  });
  for (const line of formatRecorded(recorded)) console.error(line);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
