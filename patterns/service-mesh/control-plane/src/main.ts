import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, env, runService } from '@journey/platform';
import { buildMeshControl } from './app.js';

/** The default policy, found beside the pattern's code whatever the working directory. */
const MESH_POLICY = fileURLToPath(new URL('../../mesh-policy.yaml', import.meta.url));

runService('mesh-control', {
  settings: () => ({
    port: env.integer('PORT', 3100, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    // Outside the lab, where `journey up` would have kept it.
    runDir: env.string('JOURNEY_RUN_DIR', join(dataDir(), 'run', 'service-mesh'))!,
    defaultPolicyFile: env.string('MESH_POLICY', MESH_POLICY)!,
  }),
  build: (log, settings) => buildMeshControl(log, settings),
  describe: ({ runDir, defaultPolicyFile }) => ({ runDir, defaultPolicyFile }),
});
