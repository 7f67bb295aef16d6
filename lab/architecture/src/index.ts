export {
  type CheckReport,
  checkArchitecture,
  checkPattern,
  PatternNotBuilt,
  patternFolder,
  patternsWithRules,
  rulesOf,
  sourcesOf,
} from './check.js';
export { MODULE_ORDER } from './rules/monolith.rules.js';
export type { ArchitectureRule, BrokenImport, PatternRules, Violation } from './types.js';
