import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { conduitFunctions, eventFunctions } from '../../functions/index.js';
import { apiGatewaySpec, deployScript } from './deployment.js';

/** The generated deploy files, by path relative to this folder. */
export function gcfDeployFiles(): Record<string, string> {
  return {
    'deploy.sh': deployScript(conduitFunctions, eventFunctions),
    'api-gateway.openapi.json': formattedJson(apiGatewaySpec(conduitFunctions)),
  };
}

const LINE_WIDTH = 110; // biome.json's formatter.lineWidth

/**
 * JSON as the repository's formatter (biome) writes it, so `biome check` passes on the generated file:
 * objects expanded, an array of plain values on one line when that line fits.
 */
function formattedJson(value: unknown): string {
  const scalar = String.raw`(?:"(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)`;
  const scalarArray = new RegExp(String.raw`^( *)(.*)\[\n((?: *${scalar},\n)* *${scalar})\n *\]`, 'gm');
  const text = JSON.stringify(value, null, 2).replace(
    scalarArray,
    (whole, indent: string, key: string, items: string) => {
      const inline = `${indent}${key}[${items
        .split(',\n')
        .map((item) => item.trim())
        .join(', ')}]`;
      return inline.length + 1 <= LINE_WIDTH ? inline : whole;
    },
  );
  return `${text}\n`;
}

// `node --import tsx patterns/serverless/deploy/gcf/generate.ts` after the function map changes.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [file, text] of Object.entries(gcfDeployFiles())) {
    writeFileSync(new URL(file, import.meta.url), text, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
    console.log(`wrote deploy/gcf/${file}`);
  }
}
