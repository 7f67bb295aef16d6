import fc from 'fast-check';
import { ENV11, ENV12, soap11Headers, soap12Headers } from './raw-soap.js';

export type Family =
  | 'malformed'
  | 'wrong-action'
  | 'schema-invalid'
  | 'oversized'
  | 'deep-nesting'
  | 'external-entity'
  | 'entity-expansion'
  | 'doctype';

export interface HostileRequest {
  family: Family;
  /** The version the request claims; a fault must come back in it. */
  version: '1.1' | '1.2';
  headers: Record<string, string>;
  body: string;
}

/** A request's SOAP Header content (absent: no Header) and Body content. */
export interface EnvelopeParts {
  header?: string;
  body: string;
}

/**
 * The service a volley is aimed at: what a good request to it is, and what its contract forbids.
 * The calculator fixture's is in calculator-volley.ts; a real service's beside its volley test.
 */
export interface VolleyTarget {
  /** Prefix to namespace of every element the bodies use, declared on the Envelope. */
  namespaces: Record<string, string>;
  /** The service's guard limits, so that oversized and deep requests are so for sure. */
  limits: { maxBytes: number; maxDepth: number };
  /** A request the service answers (its action, and the operation element). */
  good: { action: string; body: string };
  /** An operation reading a string, with `text` where that string goes (entities are put there). */
  textual: { action: string; body(text: string): string };
  /** Made-up actions are `<actionBase><name>`. */
  actionBase: string;
  /** Real actions of the contract whose input is not the good request's element. */
  otherActions: string[];
  /** Requests for the good action that are well-formed but break the contract's XSD. */
  schemaInvalid: fc.Arbitrary<EnvelopeParts>;
}

const version = fc.constantFrom('1.1' as const, '1.2' as const);
/** A name an element or an operation could have. */
export const xmlName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/);

/** The generated volley against `target`: every family of hostile request, weighted. */
export function hostileRequests(target: VolleyTarget, markerFile: string): fc.Arbitrary<HostileRequest> {
  const headersFor = (v: '1.1' | '1.2', action: string | null = target.good.action) =>
    v === '1.1' ? soap11Headers(action) : soap12Headers(action ?? undefined);
  const envelopeFor = (v: '1.1' | '1.2', { header, body }: EnvelopeParts) => {
    const declarations = Object.entries(target.namespaces)
      .map(([prefix, namespace]) => ` xmlns:${prefix}="${namespace}"`)
      .join('');
    const head = header === undefined ? '' : `<s:Header>${header}</s:Header>`;
    return `<s:Envelope xmlns:s="${v === '1.1' ? ENV11 : ENV12}"${declarations}>${head}<s:Body>${body}</s:Body></s:Envelope>`;
  };
  const good = (v: '1.1' | '1.2') => envelopeFor(v, { body: target.good.body });

  /** A good envelope broken for sure: cut short, or a `<`/`&`/stray end tag where content goes. */
  const malformed = version.chain((v) =>
    fc
      .oneof(
        fc.nat().map((n) => good(v).slice(0, n % (good(v).length - 1))),
        fc
          .tuple(fc.nat(), fc.constantFrom('< ', '& ', '</wrong>', '&unknown;', '<a b="1" b="2"/>'))
          .map(([n, junk]) => {
            const text = good(v);
            const gaps = [...text.matchAll(/>/g)].map((match) => match.index! + 1);
            const at = gaps[n % gaps.length]!;
            return text.slice(0, at) + junk + text.slice(at);
          }),
        fc.string({ unit: 'binary', maxLength: 300 }),
      )
      .map((body) => ({ family: 'malformed' as const, version: v, headers: headersFor(v), body })),
  );

  const wrongAction = version.chain((v) =>
    fc
      .oneof(
        xmlName.map((operation) => `${target.actionBase}${operation}`),
        fc.stringMatching(ACTION_TEXT).map((action) => action.trim()),
        fc.constantFrom(...target.otherActions),
      )
      .filter((action) => action !== '' && action !== target.good.action)
      .map((action) => ({
        family: 'wrong-action' as const,
        version: v,
        headers: headersFor(v, action),
        // The other actions are real ones, sent with the good body they do not take.
        body: good(v),
      })),
  );

  const schemaInvalid = version.chain((v) =>
    target.schemaInvalid.map((parts) => ({
      family: 'schema-invalid' as const,
      version: v,
      headers: headersFor(v),
      body: envelopeFor(v, parts),
    })),
  );

  /** A valid request padded past the size limit, in a comment, whitespace or a long header. */
  const oversized = version.chain((v) =>
    fc
      .tuple(
        fc.integer({ min: target.limits.maxBytes + 1, max: target.limits.maxBytes * 2 }),
        fc.constantFrom('comment', 'space', 'header'),
      )
      .map(([size, how]) => {
        const pad = 'x'.repeat(size);
        const body =
          how === 'comment'
            ? `<!--${pad}-->${good(v)}`
            : how === 'space'
              ? good(v).replace('<s:Body>', `<s:Body>${' '.repeat(size)}`)
              : envelopeFor(v, { header: `<note>${pad}</note>`, body: target.good.body });
        return { family: 'oversized' as const, version: v, headers: headersFor(v), body };
      }),
  );

  /** Nesting past the depth limit but within the size limit, in the Header or inside the operation. */
  const deepNesting = version.chain((v) =>
    fc
      .tuple(fc.integer({ min: target.limits.maxDepth + 1, max: 9_000 }), fc.boolean())
      .map(([depth, inHeader]) => {
        const nest = `${'<n>'.repeat(depth)}${'</n>'.repeat(depth)}`;
        const parts = inHeader
          ? { header: nest, body: target.good.body }
          : { body: target.good.body.replace(/<\/[^>]+>$/, `${nest}$&`) };
        return {
          family: 'deep-nesting' as const,
          version: v,
          headers: headersFor(v),
          body: envelopeFor(v, parts),
        };
      }),
  );

  /** XXE: an external entity naming a file, referenced where the operation reads a string. */
  const externalEntity = version.chain((v) =>
    fc.constantFrom('file:///etc/passwd', `file://${markerFile}`, markerFile).map((system) => ({
      family: 'external-entity' as const,
      version: v,
      headers: headersFor(v, target.textual.action),
      body: `<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "${system}">]>${envelopeFor(v, {
        body: target.textual.body('&xxe;'),
      })}`,
    })),
  );

  /** Billion laughs: ten levels of ten references each, 10^9 "lol"s if a parser expanded them. */
  const entityExpansion = version.chain((v) =>
    fc.integer({ min: 3, max: 9 }).map((levels) => {
      const declarations = ['<!ENTITY lol0 "lol">'];
      for (let level = 1; level <= levels; level += 1) {
        declarations.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
      }
      const doctype = `<!DOCTYPE s:Envelope [${declarations.join('')}]>`;
      const body = envelopeFor(v, { body: target.textual.body(`&lol${levels};`) });
      return {
        family: 'entity-expansion' as const,
        version: v,
        headers: headersFor(v, target.textual.action),
        body: `<?xml version="1.0"?>${doctype}${body}`,
      };
    }),
  );

  /** A DOCTYPE on an otherwise good request: SOAP forbids it, whatever it declares. */
  const doctype = version.map((v) => ({
    family: 'doctype' as const,
    version: v,
    headers: headersFor(v),
    body: `<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ELEMENT s:Envelope ANY>]>${good(v)}`,
  }));

  return fc.oneof(
    { arbitrary: malformed, weight: 4 },
    { arbitrary: wrongAction, weight: 3 },
    { arbitrary: schemaInvalid, weight: 3 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: deepNesting, weight: 2 },
    { arbitrary: externalEntity, weight: 2 },
    { arbitrary: entityExpansion, weight: 2 },
    { arbitrary: doctype, weight: 1 },
  );
}

// Header values must be printable ASCII to be sent at all; quotes and `;` would change the header's meaning.
const ACTION_TEXT = /^[ !#-:<-[\]-~]{0,80}$/;
