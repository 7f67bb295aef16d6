/** The units a policy file writes durations in, largest first: `24h`, `1m`, `2s`, `250ms`. */
const UNITS = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
] as const;

const DURATION = /^(\d+)(ms|s|m|h)$/;

/** Milliseconds of `250ms`, `2s`, `1m` or `24h`; null for anything else. */
export function parseDuration(text: string): number | null {
  const [, amount, unit] = DURATION.exec(text) ?? [];
  const factor = UNITS.find(([name]) => name === unit)?.[1];
  return amount === undefined || factor === undefined ? null : Number(amount) * factor;
}

/** The shortest way a policy file writes `ms`: 86400000 → `24h`, 1500 → `1500ms`. */
export function formatDuration(ms: number): string {
  const [unit, factor] = UNITS.find(([, factor]) => ms !== 0 && ms % factor === 0) ?? ['ms', 1];
  return `${ms / factor}${unit}`;
}
