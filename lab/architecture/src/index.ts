export type { ArchitectureRule, BrokenImport, PatternRules } from '@journey/architecture-rules';
export {
  type CheckReport,
  checkArchitecture,
  checkPattern,
  PatternNotBuilt,
  type Violation,
} from './check.js';
export {
  architectureOf,
  type PatternArchitecture,
  patternFolder,
  patternsWithRules,
} from './pattern-rules.js';
