import { describeTopologyContract } from '@journey/orchestrator/testing';
import { meshPrograms } from './mesh-programs.js';

// The whole mesh as `journey test service-mesh` runs it: every request enters at the gateway's
// sidecar and every call between services crosses a sidecar pair over mTLS, on both databases.
await describeTopologyContract('service-mesh', { requires: meshPrograms });
