import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { conduitFunctions } from '../../functions/index.js';
import { apiGatewaySpec, deployScript } from './deployment.js';

/** The generated deploy files, by path relative to this folder. */
export function gcfDeployFiles(): Record<string, string> {
  return {
    'deploy.sh': deployScript(conduitFunctions),
    'api-gateway.openapi.json': `${JSON.stringify(apiGatewaySpec(conduitFunctions), null, 2)}\n`,
  };
}

// `node --import tsx patterns/serverless/deploy/gcf/generate.ts` after the function map changes.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [file, text] of Object.entries(gcfDeployFiles())) {
    writeFileSync(new URL(file, import.meta.url), text, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
    console.log(`wrote deploy/gcf/${file}`);
  }
}
