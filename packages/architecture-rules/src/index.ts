export { anyFileExcept, anyPackageExcept, importsNothingFrom, packages } from './conditions.js';
export { inSrc, topOf } from './paths.js';
export {
  type ArchitectureRule,
  type BrokenImport,
  type ForbiddenNames,
  type FromCondition,
  type PatternRules,
  type ToCondition,
  WHOLE_MODULE,
} from './rule.js';
export { type SchemaOwnership, serviceOwnsOnlyItsSchemaGroup } from './schema-ownership.js';
