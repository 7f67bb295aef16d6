/** A contract version as services announce it: `major.minor`, e.g. `1.1`. */
export interface ContractVersion {
  major: number;
  minor: number;
}

/** Digits without leading zeros, so `1.01` and `1.1` cannot be two registrations of one version. */
export const VERSION_PATTERN = '^(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})$';
export const MAJOR_PATTERN = '^(0|[1-9][0-9]{0,3})$';

export function parseVersion(text: string): ContractVersion {
  const match = new RegExp(VERSION_PATTERN).exec(text);
  if (!match) throw new Error(`"${text}" is no contract version: expected major.minor, e.g. 1.0`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Numeric, not textual: 1.10 is newer than 1.9. */
export const compareVersions = (a: string, b: string) => {
  const [left, right] = [parseVersion(a), parseVersion(b)];
  return left.major - right.major || left.minor - right.minor;
};
