import sax from 'sax';
import { type ContentChecker, createContentChecker } from './content-checker.js';
import type { ElementDecl } from './schema-model.js';
import { SoapFault } from './soap-fault.js';
import { ENVELOPE_NAMESPACE, type SoapVersion } from './soap-version.js';

/** How much XML one request may carry; every limit is checked while the bytes arrive, not after. */
export interface XmlLimits {
  maxBytes: number;
  /** Envelope, Body, the operation element and its content count as levels. */
  maxDepth: number;
  maxElements: number;
  /** The whole body must have arrived by then: a client dripping bytes cannot hold a request open. */
  bodyTimeoutMs: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 32,
  maxElements: 10_000,
  bodyTimeoutMs: 10_000,
};

/** Which rule refused a request: the fault's code, so a caller (and a test) can tell them apart. */
export type GuardRule =
  | 'BodyTooLarge'
  | 'BodyTimeout'
  | 'UnsupportedMediaType'
  | 'DtdForbidden'
  | 'TooDeep'
  | 'TooManyElements'
  | 'MalformedXml'
  | 'VersionMismatch'
  | 'NotAnEnvelope'
  | 'UnknownOperation'
  | 'SchemaInvalid';

export class XmlRefused extends SoapFault {
  constructor(
    readonly rule: GuardRule,
    message: string,
  ) {
    super(rule, message, { rule });
  }
}

/** An operation as the guard checks it: its action and the element its input message puts in the Body. */
export interface GuardedOperation {
  name: string;
  soapAction: string;
  inputNamespace: string;
  inputElement: string;
  /** The input element as the XSD declares it; without one, any content passes. */
  input?: ElementDecl;
}

/** What the guard holds requests to: the operations, and the SOAP headers the schema declares. */
export interface GuardedContract {
  operations: readonly GuardedOperation[];
  /** A header's global element declaration; a header without one is let through unchecked. */
  headerElement(namespace: string, local: string): ElementDecl | undefined;
}

export interface EnvelopeScanner {
  /** Feeds the next decoded chunk; throws XmlRefused as soon as a rule is broken. */
  write(text: string): void;
  /** The whole body was read: the operation it calls, or XmlRefused. */
  end(): GuardedOperation;
}

/**
 * pattern: one guard in front of every SOAP endpoint (ADR 13). A streaming pass with sax in strict,
 * namespace-aware mode, before the `soap` package parses anything:
 * - any DOCTYPE is refused, so no DTD is ever read: external entities (XXE) and entity expansion
 *   (billion laughs) need one, and SOAP forbids it anyway (SOAP 1.1 §3, SOAP 1.2 Part 1 §5);
 * - depth and element counts are bounded, so a deep or wide document costs at most the limits;
 * - the envelope must be the request's SOAP version, with one Body child: the input element of the
 *   operation its action names (WS-I Basic Profile R2201, R1109);
 * - that element, and every header the schema declares, valid against the XSD (content-checker.ts:
 *   elements, occurrences, order, nil, simple types and facets), so a handler never sees what the
 *   contract forbids.
 */
export function createEnvelopeScanner(
  version: SoapVersion,
  action: string | undefined,
  contract: GuardedContract,
  limits: XmlLimits,
): EnvelopeScanner {
  const { operations } = contract;
  const parser = sax.parser(true, { xmlns: true, position: false });
  const path: string[] = [];
  let elements = 0;
  let bodyChildren = 0;
  let sawBody = false;
  let called: GuardedOperation | undefined;
  // The schema check of the Body child or declared header being read, if any.
  let checker: ContentChecker | undefined;
  const check = (violation: string | undefined) => {
    if (violation) throw new XmlRefused('SchemaInvalid', violation);
  };
  const byAction =
    action === undefined ? undefined : operations.find((operation) => operation.soapAction === action);
  if (action !== undefined && !byAction) {
    throw new XmlRefused('UnknownOperation', `no operation has the SOAP action "${action}"`);
  }
  if (version === '1.1' && action === undefined) {
    throw new XmlRefused('UnknownOperation', 'a SOAP 1.1 request needs a SOAPAction header');
  }

  parser.ondoctype = () => {
    throw new XmlRefused('DtdForbidden', 'a SOAP message must not contain a document type declaration');
  };
  parser.onerror = (error) => {
    throw new XmlRefused('MalformedXml', `not well-formed XML: ${error.message.split('\n')[0]}`);
  };
  parser.onopentag = (tag) => {
    elements += 1;
    if (elements > limits.maxElements) {
      throw new XmlRefused('TooManyElements', `more than ${limits.maxElements} elements`);
    }
    if (path.length + 1 > limits.maxDepth) {
      throw new XmlRefused('TooDeep', `elements nested deeper than ${limits.maxDepth} levels`);
    }
    const isSoap = (local: string) => tag.uri === ENVELOPE_NAMESPACE[version] && tag.local === local;
    if (path.length === 0) {
      if (
        tag.local === 'Envelope' &&
        Object.values(ENVELOPE_NAMESPACE).includes(tag.uri) &&
        !isSoap('Envelope')
      ) {
        throw new XmlRefused(
          'VersionMismatch',
          `a SOAP ${version} request needs the ${ENVELOPE_NAMESPACE[version]} envelope`,
        );
      }
      if (!isSoap('Envelope'))
        throw new XmlRefused('NotAnEnvelope', `the root element is ${tag.name}, not a SOAP Envelope`);
    } else if (path.length === 1) {
      if (sawBody) throw new XmlRefused('NotAnEnvelope', 'nothing may follow the SOAP Body');
      if (isSoap('Body')) sawBody = true;
      else if (!isSoap('Header') || elements !== 2) {
        throw new XmlRefused('NotAnEnvelope', `unexpected ${tag.name} in the SOAP Envelope`);
      }
    } else if (path.length === 2 && path[1] === 'Body') {
      bodyChildren += 1;
      if (bodyChildren > 1)
        throw new XmlRefused('NotAnEnvelope', 'the SOAP Body must hold exactly one element');
      called = matchOperation(tag.uri, tag.local, byAction, operations);
      checker = called.input && createContentChecker(called.input);
      check(checker?.open(tag));
    } else if (path.length === 2) {
      const header = contract.headerElement(tag.uri, tag.local);
      checker = header && createContentChecker(header);
      check(checker?.open(tag));
    } else if (checker) {
      check(checker.open(tag));
    }
    path.push(tag.local);
  };
  parser.ontext = (chunk) => {
    if (checker) check(checker.text(chunk));
  };
  parser.oncdata = (chunk) => {
    if (checker) check(checker.text(chunk));
  };
  parser.onclosetag = () => {
    if (checker && path.length >= 3) {
      check(checker.close());
      if (checker.done) checker = undefined;
    }
    path.pop();
  };

  return {
    write(text) {
      parser.write(text);
    },
    end() {
      parser.close();
      if (!sawBody) throw new XmlRefused('NotAnEnvelope', 'the SOAP Envelope has no Body');
      if (!called) throw new XmlRefused('NotAnEnvelope', 'the SOAP Body is empty');
      return called;
    },
  };
}

function matchOperation(
  namespace: string,
  local: string,
  byAction: GuardedOperation | undefined,
  operations: readonly GuardedOperation[],
): GuardedOperation {
  const candidates = byAction ? [byAction] : operations;
  const match = candidates.find(
    (operation) => operation.inputElement === local && operation.inputNamespace === namespace,
  );
  if (match) return match;
  const element = namespace ? `{${namespace}}${local}` : local;
  throw new XmlRefused(
    'UnknownOperation',
    byAction
      ? `the action "${byAction.soapAction}" takes {${byAction.inputNamespace}}${byAction.inputElement}, not ${element}`
      : `no operation takes ${element}`,
  );
}
