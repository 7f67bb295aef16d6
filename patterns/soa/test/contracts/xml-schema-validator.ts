import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** A real XML Schema 1.0 validator: libxml2's. */
export interface SchemaValidator {
  readonly name: string;
  /**
   * The validity errors of `xml` against the schema in `schemaFile` (empty: valid). Throws when
   * the schema itself does not compile, so a broken XSD never passes as "everything is invalid".
   */
  validate(schemaFile: string, xml: string): Promise<string[]>;
}

/** libxml2 compiled to WebAssembly (npm `xmllint-wasm`): the same validator on every machine, no Debian package. */
export function schemaValidator(): SchemaValidator {
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
        const result = await validateXML({
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
