import fc from 'fast-check';
import { VOLLEY_LIMITS } from './calculator-service.js';
import { ADD_ACTION, addBody, ENV11, ENV12, envelope, soap11Headers, soap12Headers } from './raw-soap.js';

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

const version = fc.constantFrom('1.1' as const, '1.2' as const);
const headersFor = (v: '1.1' | '1.2', action: string | null = ADD_ACTION) =>
  v === '1.1' ? soap11Headers(action) : soap12Headers(action ?? undefined);
const envelopeFor = (v: '1.1' | '1.2', body: string) => envelope(v === '1.1' ? ENV11 : ENV12, body);
const good = (v: '1.1' | '1.2') => envelopeFor(v, addBody());
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/);

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

// Header values must be printable ASCII to be sent at all; quotes and `;` would change the header's meaning.
const ACTION_TEXT = /^[ !#-:<-[\]-~]{0,80}$/;

const wrongAction = version.chain((v) =>
  fc
    .oneof(
      name.map((op) => `urn:journey:test:calculator/${op}`),
      fc.stringMatching(ACTION_TEXT).map((action) => action.trim()),
      fc.constantFrom('urn:journey:test:calculator/Echo', 'urn:journey:test:calculator/Divide'),
    )
    .filter((action) => action !== '' && !/^urn:journey:test:calculator\/Add$/.test(action))
    .map((action) => ({
      family: 'wrong-action' as const,
      version: v,
      headers: headersFor(v, action),
      // Echo and Divide are real actions, sent with the Add body they do not take.
      body: good(v),
    })),
);

const schemaInvalid = version.chain((v) =>
  fc
    .oneof(
      name
        .filter((element) => !['a', 'b'].includes(element))
        .map((element) => `<c:AddRequest><c:${element}>1</c:${element}></c:AddRequest>`),
      fc.stringMatching(/^[a-z ]{1,10}$/).map((text) => addBody(text)),
      name
        .map((element) => `<c:${element}Request/>`)
        .filter(
          (body) =>
            body !== '<c:AddRequest/>' &&
            !body.startsWith('<c:EchoRequest') &&
            !body.startsWith('<c:DivideRequest'),
        ),
      fc.constant(addBody() + addBody()),
      fc.constant(''),
      fc.constant(`<c:AddRequest><c:a><c:x/></c:a><c:b>1</c:b></c:AddRequest>`),
    )
    .map((body) => ({
      family: 'schema-invalid' as const,
      version: v,
      headers: headersFor(v),
      body: envelopeFor(v, body),
    })),
);

/** A valid request padded past the size limit, in a comment, whitespace or a long text. */
const oversized = version.chain((v) =>
  fc
    .tuple(
      fc.integer({ min: VOLLEY_LIMITS.maxBytes + 1, max: VOLLEY_LIMITS.maxBytes * 6 }),
      fc.constantFrom('comment', 'space', 'header'),
    )
    .map(([size, how]) => {
      const pad = 'x'.repeat(size);
      const body =
        how === 'comment'
          ? `<!--${pad}-->${good(v)}`
          : how === 'space'
            ? good(v).replace('<s:Body>', `<s:Body>${' '.repeat(size)}`)
            : good(v).replace('<s:Body>', `<s:Header><c:note>${pad}</c:note></s:Header><s:Body>`);
      return { family: 'oversized' as const, version: v, headers: headersFor(v), body };
    }),
);

/** Nesting past the depth limit but within the size limit, in the Header or inside the operation. */
const deepNesting = version.chain((v) =>
  fc
    .tuple(fc.integer({ min: VOLLEY_LIMITS.maxDepth + 1, max: 9_000 }), fc.boolean())
    .map(([depth, inHeader]) => {
      const nest = `${'<n>'.repeat(depth)}${'</n>'.repeat(depth)}`;
      const body = inHeader
        ? good(v).replace('<s:Body>', `<s:Header>${nest}</s:Header><s:Body>`)
        : envelopeFor(v, `<c:AddRequest><c:a>1</c:a><c:b>2</c:b>${nest}</c:AddRequest>`);
      return { family: 'deep-nesting' as const, version: v, headers: headersFor(v), body };
    }),
);

/** XXE: an external entity naming a file, referenced where the operation reads its input. */
const externalEntity = (markerFile: string) =>
  version.chain((v) =>
    fc
      .tuple(
        fc.constantFrom('file:///etc/passwd', `file://${markerFile}`, markerFile),
        fc.constantFrom('a', 'message'),
      )
      .map(([system, where]) => {
        const doctype = `<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "${system}">]>`;
        const body =
          where === 'a'
            ? envelopeFor(v, addBody('&xxe;'))
            : envelopeFor(v, '<c:EchoRequest><c:message>&xxe;</c:message></c:EchoRequest>');
        const headers = where === 'a' ? headersFor(v) : headersFor(v, 'urn:journey:test:calculator/Echo');
        return {
          family: 'external-entity' as const,
          version: v,
          headers,
          body: `<?xml version="1.0"?>${doctype}${body}`,
        };
      }),
  );

/** Billion laughs: ten levels of ten references each, 10^9 "lol"s if a parser expanded them. */
const entityExpansion = version.chain((v) =>
  fc.integer({ min: 3, max: 9 }).map((levels) => {
    const declarations = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= levels; level += 1) {
      declarations.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
    }
    const doctype = `<!DOCTYPE s:Envelope [${declarations.join('')}]>`;
    const body = envelopeFor(v, `<c:EchoRequest><c:message>&lol${levels};</c:message></c:EchoRequest>`);
    return {
      family: 'entity-expansion' as const,
      version: v,
      headers: headersFor(v, 'urn:journey:test:calculator/Echo'),
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

export const hostileRequests = (markerFile: string): fc.Arbitrary<HostileRequest> =>
  fc.oneof(
    { arbitrary: malformed, weight: 4 },
    { arbitrary: wrongAction, weight: 3 },
    { arbitrary: schemaInvalid, weight: 3 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: deepNesting, weight: 2 },
    { arbitrary: externalEntity(markerFile), weight: 2 },
    { arbitrary: entityExpansion, weight: 2 },
    { arbitrary: doctype, weight: 1 },
  );
