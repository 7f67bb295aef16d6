export type { Check, CheckContext } from './check.js';
export { allChecks } from './checks/index.js';
export type { CallOptions, ClientOptions, OpReply, RawRequest, Reply } from './client.js';
export { ConduitClient } from './client.js';
export type { EventuallyOptions } from './eventually.js';
export { eventually } from './eventually.js';
export * from './robustness/index.js';
export type { CheckInfo, CheckResult, ConformanceOptions } from './run-conformance.js';
export { listChecks, runConformance } from './run-conformance.js';
export type {
  OfficialSuiteOptions,
  OfficialSuiteProgress,
  OfficialSuiteResult,
} from './run-official-suite.js';
export { OFFICIAL_COLLECTION, runOfficialSuite } from './run-official-suite.js';
