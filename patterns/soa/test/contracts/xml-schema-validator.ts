import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A real XML Schema 1.0 validator (libxml2's), wherever this machine has one. */
export interface SchemaValidator {
  readonly name: string;
  /**
   * The validity errors of `xml` against the schema in `schemaFile` (empty: valid). Throws when
   * the schema itself does not compile, so a broken XSD never passes as "everything is invalid".
   */
  validate(schemaFile: string, xml: string): Promise<string[]>;
}

export interface ValidatorAvailability {
  validator: SchemaValidator | undefined;
  /** Why the schema tests are skipped; shown in the test name. */
  reason: string;
}

/**
 * libxml2 compiled to WebAssembly (npm `xmllint-wasm`) when installed, else Debian's `xmllint`
 * (libxml2-utils). With neither, the tests that need one skip, and fail when CI is set, where a
 * missing validator is a broken pipeline, not a choice (as @journey/testkit does for servers).
 */
export async function schemaValidator(): Promise<ValidatorAvailability> {
  const validator = (await wasmValidator()) ?? (await commandValidator());
  if (validator) return { validator, reason: '' };
  const reason = 'no XML Schema validator: neither the npm package xmllint-wasm nor the xmllint command';
  if (process.env.CI) throw new Error(`${reason}, and CI is set: install one`);
  return { validator: undefined, reason: `skipped: ${reason}` };
}

interface XmllintWasm {
  validateXML(options: {
    xml: { fileName: string; contents: string };
    schema: { fileName: string; contents: string };
    preload: { fileName: string; contents: string }[];
  }): Promise<{ valid: boolean; errors: { rawMessage: string }[] }>;
}

async function wasmValidator(): Promise<SchemaValidator | undefined> {
  // A variable specifier keeps the type-check from requiring the package until it is installed.
  const specifier = 'xmllint-wasm';
  let lib: XmllintWasm;
  try {
    lib = (await import(specifier)) as XmllintWasm;
  } catch {
    return undefined;
  }
  return {
    name: 'xmllint-wasm',
    async validate(schemaFile, xml) {
      // The wasm file system sees only what it is given: every schema next to this one, for xs:import,
      // inside a folder of the same name, so that imports such as "../xsd/canonical-v1.xsd" resolve.
      const folder = dirname(schemaFile);
      const inFolder = (name: string) => `${basename(folder)}/${name}`;
      const siblings = (await readdir(folder)).filter(
        (f) => f.endsWith('.xsd') && f !== basename(schemaFile),
      );
      const preload = await Promise.all(
        siblings.map(async (fileName) => ({
          fileName: inFolder(fileName),
          contents: await readFile(join(folder, fileName), 'utf8'),
        })),
      );
      const schema = {
        fileName: inFolder(basename(schemaFile)),
        contents: await readFile(schemaFile, 'utf8'),
      };
      try {
        const result = await lib.validateXML({
          xml: { fileName: 'document.xml', contents: xml },
          schema,
          preload,
        });
        return result.valid ? [] : result.errors.map((e) => e.rawMessage);
      } catch (error) {
        throw new Error(`xmllint-wasm could not validate against ${schemaFile}: ${String(error)}`);
      }
    },
  };
}

const run = (args: string[], input?: string) =>
  new Promise<{ code: number; stderr: string }>((resolve, reject) => {
    const child = execFile('xmllint', args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stderr });
    });
    child.stdin?.end(input ?? '');
  });

async function commandValidator(): Promise<SchemaValidator | undefined> {
  try {
    await run(['--version']);
  } catch {
    return undefined;
  }
  return {
    name: 'xmllint (libxml2-utils)',
    async validate(schemaFile, xml) {
      // --nonet: a schema or document may not fetch anything; the contracts only import local files.
      const { code, stderr } = await run(['--noout', '--nonet', '--schema', schemaFile, '-'], xml);
      if (code === 0) return [];
      if (/failed to compile/.test(stderr))
        throw new Error(`the schema ${schemaFile} does not compile:\n${stderr}`);
      return stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('fails to validate'));
    },
  };
}
