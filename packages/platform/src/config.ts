/** Reads typed settings from the environment and fails with the variable's name when one is malformed. */
export const env = {
  string(name: string, fallback?: string): string | undefined {
    const value = process.env[name];
    return value === undefined || value === '' ? fallback : value;
  },
  integer(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  },
};
