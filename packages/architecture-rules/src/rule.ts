import type { IRegularForbiddenRuleType } from 'dependency-cruiser';

/** dependency-cruiser's conditions on each end of an import (its package exports the rule, not these). */
export type FromCondition = IRegularForbiddenRuleType['from'];
export type ToCondition = IRegularForbiddenRuleType['to'];

/** An import that broke a rule, handed to the rule's `explain`. */
export interface BrokenImport {
  /** The importing file, relative to the pattern's folder. */
  from: string;
  /** The imported file, relative to the pattern's folder, or the package's name (`kysely`, `node:fs`). */
  to: string;
  /** For rules about cycles: the files of the cycle, starting after `from` and ending with it. */
  cycle: string[];
  /** For rules about imported names: the forbidden names the import brings in (`*` for all of them). */
  names: string[];
}

/** An import that brings in the whole module (`import * as`, `export *`, `import()`, `require`). */
export const WHOLE_MODULE = '*';

/**
 * Names a file may not import from a module it may otherwise import (views may read the outbox's
 * types, not its `appendToOutbox`). dependency-cruiser sees which files import which, not which names,
 * so the check reads these imports itself.
 */
export interface ForbiddenNames {
  /** Path regex of the importing files, relative to the pattern's folder. */
  from: string;
  /** Path regex of the imported module as resolved: a pattern file or `node_modules/<package>/…`. */
  to: string;
  names: string[];
}

/**
 * One architecture rule: a name a learner can search for, the reason it exists, the imports it forbids
 * and how to say that an import broke it.
 */
export interface ArchitectureRule {
  name: string;
  /** Why the rule exists: shown to whoever broke it, so it gives the reason rather than repeating the rule. */
  comment: string;
  /**
   * dependency-cruiser conditions (paths relative to the pattern's folder); an import matching any
   * of them breaks the rule. Several when one condition cannot say it, e.g. "each layer its own list".
   */
  forbidden: { from: FromCondition; to: ToCondition }[];
  /** Names that may not be imported even where the module may; an import bringing one in breaks the rule. */
  forbiddenNames?: ForbiddenNames[];
  explain: (broken: BrokenImport) => string;
}

/**
 * The rules of one pattern: the default export of `patterns/<slug>/architecture.rules.ts`, checked on
 * the source folders its `pattern.ts` declares.
 */
export interface PatternRules {
  /** One sentence: the shape the rules protect. */
  shape: string;
  rules: ArchitectureRule[];
}
