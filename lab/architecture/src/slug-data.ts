/**
 * Files of `lab/` and `packages/` whose slug mentions are data, not branches, each with the reason.
 * Keep it short: a file that needs an entry here because it decides something per slug should ask
 * what the pattern declares (its `pattern.ts`, `topology.ts`) instead.
 */
export const SLUG_DATA: Record<string, string> = {
  'lab/roadmap/src/stage.ts': 'the list of slugs itself, in learning order; every other file iterates it',
};
