// The part of the lab that starts, finds and drives topologies, without the bench, the seeder or the
// experiments (autocannon, the conformance suites): what `journey ps|logs|kill|restart|down` and the
// CLI's argument checks load, so a command typed in a second terminal answers in a moment.

export { freePort, holdPort, isPortFree, PortLeases } from '@journey/platform';
export * from '@journey/provisioning';
export * from './control-client.js';
export * from './control-server.js';
export * from './hosted-units.js';
export * from './log-files.js';
export * from './log-format.js';
export * from './managed-process.js';
export * from './pattern-commands.js';
export * from './patterns.js';
export * from './process-report.js';
export * from './process-status.js';
export * from './repo-root.js';
export * from './run-host.js';
export * from './run-state.js';
export * from './supervisor.js';
export * from './topology-options.js';
export * from './topology-runner.js';
export * from './traffic.js';
