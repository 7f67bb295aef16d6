export type { ArchitectureRule, BrokenImport, PatternRules } from '@journey/architecture-rules';
export {
  type CheckReport,
  checkArchitecture,
  checkPattern,
  PatternNotBuilt,
  type Violation,
} from './check.js';
export { checkRepository, type RepositoryReport } from './check-repository.js';
export {
  architectureOf,
  type PatternArchitecture,
  patternFolder,
  patternsWithRules,
} from './pattern-rules.js';
export { REPOSITORY_RULES } from './repository.rules.js';
export { SLUG_DATA } from './slug-data.js';
export { findSlugMentions, type SlugMention, slugMentionsIn } from './slug-mentions.js';
