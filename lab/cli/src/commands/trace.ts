import { isPatternSlug } from '@journey/orchestrator';
import {
  collectTraces,
  findTrace,
  formatTraceList,
  formatWaterfall,
  latestTraces,
  slowestTrace,
} from '@journey/traces';
import { runningTarget } from '../running.js';
import { integerArg, parse, UsageError } from '../usage.js';

export const traceOptions = {
  latest: { type: 'boolean' },
  slowest: { type: 'boolean' },
  list: { type: 'boolean' },
  limit: { type: 'string' },
  since: { type: 'string' },
} as const;

/**
 * `journey trace [pattern] [<trace-id> | --latest | --slowest | --list] [--since 5m]`: one request's
 * spans from every process it crossed, as a waterfall, read from the span files the pattern's
 * processes write under its run directory (the running topology's, or the last run's).
 */
export async function trace(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, traceOptions, 'trace');
  const { pattern, rest } = patternAndRest(positionals);
  const traceId = traceIdArg(rest);
  const chosen = [traceId !== undefined, values.latest, values.slowest, values.list].filter(Boolean);
  if (chosen.length > 1)
    throw new UsageError('journey trace: choose one of <trace-id>, --latest, --slowest, --list');
  if (values.limit !== undefined && !values.list)
    throw new UsageError('journey trace: --limit goes with --list');
  const sinceMs = values.since === undefined ? undefined : Date.now() - durationArg('since', values.since);

  const { spansDir, traces, unreadableLines } = collectTraces(pattern, sinceMs);
  if (unreadableLines > 0) console.error(`(${unreadableLines} unreadable span lines skipped)`);
  const window = values.since ? ` from the last ${values.since}` : '';
  if (traces.length === 0) {
    throw new Error(
      `no traces of ${pattern}${window} in ${spansDir}; the lab records them while \`journey up ${pattern}\` serves requests`,
    );
  }
  if (values.list) {
    console.log(formatTraceList(latestTraces(traces, integerArg('limit', values.limit, 20, 1, 100_000))));
    return 0;
  }
  const found = traceId
    ? findTrace(traces, traceId)
    : values.slowest
      ? slowestTrace(traces)
      : latestTraces(traces, 1)[0];
  if (!found) {
    throw new Error(
      `no single trace ${traceId} among ${traces.length} of ${pattern}${window}; see them with: journey trace ${pattern} --list`,
    );
  }
  console.log(formatWaterfall(found));
  return 0;
}

function patternAndRest(positionals: string[]): { pattern: string; rest: string[] } {
  const [first, ...rest] = positionals;
  // A pattern named explicitly may have stopped: its last run's spans are still worth reading.
  if (first !== undefined && isPatternSlug(first)) return { pattern: first, rest };
  const target = runningTarget(positionals, 'trace');
  return { pattern: target.state.pattern, rest: target.rest };
}

function traceIdArg(rest: string[]): string | undefined {
  if (rest.length > 1) throw new UsageError(`journey trace: one trace id at a time, not "${rest.join(' ')}"`);
  const [id] = rest;
  if (id !== undefined && !/^[0-9a-f]{1,32}$/i.test(id))
    throw new UsageError(`journey trace: "${id}" is neither a pattern nor a trace id (hex, or its start)`);
  return id;
}

const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "90s", "5m", "2h" as milliseconds. */
function durationArg(name: string, value: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!match) throw new UsageError(`--${name} takes a duration like 30s, 5m or 2h, not "${value}"`);
  return Number(match[1]) * units[match[2]!]!;
}
