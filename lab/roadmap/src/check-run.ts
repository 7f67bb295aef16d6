/** One run of a lab command that can earn checkpoints, e.g. `journey test monolith --db sqlite`. */
export interface CheckRunInput {
  /** The lab command after `journey`: 'test', 'check', 'bench', 'experiment', 'exercise', or a pattern's such as 'events'. */
  command: string;
  /** e.g. ['monolith'], ['monolith', 'comments-down'], ['hexagonal', 'check'], ['monolith', 'microservices']. */
  positionals: string[];
  /** The effective values of the flags that matter, defaults included: { db: 'sqlite' }. */
  flags?: Record<string, string>;
  passed: boolean;
  /** One line: '57 passed, 0 failed', 'no violations (42 modules)', the first failure… */
  detail?: string;
  /** Where the run was started from; 'cli' when not given. */
  via?: CheckRunVia;
  /** The tree the check ran against (default: the repository root); its code version is recorded. */
  codeDir?: string;
}

export type CheckRunVia = 'cli' | 'dashboard';

export const CHECK_RUN_VIAS: readonly CheckRunVia[] = ['cli', 'dashboard'];

/** A run as the progress store keeps it. */
export interface CheckRun {
  command: string;
  positionals: string[];
  flags: Record<string, string>;
  passed: boolean;
  detail: string | null;
  via: CheckRunVia;
  /** '1bf4d28', '1bf4d28+3fa2c9e1' (with uncommitted changes: a hash of them) or 'unknown'. */
  code: string;
  /** ISO 8601 time the run was recorded. */
  at: string;
}

/** A checkpoint a run decides, with the pass state it has now, for the command to print. */
export interface RecordedCheckpoint {
  stage: string;
  checkpoint: string;
  passed: boolean;
  /** Why it is not earned (the failing run's detail, or the command not run yet); absent when earned. */
  detail?: string | null;
}
