/**
 * Robustness suites: black-box, given only a base URL, reusable against every pattern.
 * - runBadInput: fuzzed malformed and hostile requests must be refused cleanly and change nothing.
 * - runConcurrency: simultaneous requests must not lose updates or let duplicates in.
 */
export {
  type BadInputFailure,
  type BadInputOptions,
  type BadInputReport,
  REFUSALS,
  runBadInput,
} from './bad-input.js';
export {
  type ConcurrencyCheck,
  type ConcurrencyOptions,
  type ConcurrencyReport,
  runConcurrency,
  type ScenarioReport,
} from './concurrency.js';
export { type Settled, type SettleOptions, settle } from './settle.js';
