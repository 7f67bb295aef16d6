import { CANONICAL_NAMESPACE, contractOf, soapActionOf } from '@journey/soa-contracts';
import { DEFAULT_XML_LIMITS } from '@journey/soa-soap-kit';
import fc from 'fast-check';
import { type VolleyTarget, xmlName } from '../soap-kit/hostile-envelopes.js';

const identityV1 = contractOf('identity', 1);
const REGISTER = soapActionOf(identityV1, 'Register');

/** A Register body with `fields` (element name to raw XML content), in the order given. */
export const registerBody = (fields: Record<string, string>) =>
  `<m:Register>${Object.entries(fields)
    .map(([name, content]) => `<m:${name}>${content}</m:${name}>`)
    .join('')}</m:Register>`;

const volunteer = { username: 'volley', email: 'volley@example.com', password: 'volley-password' };
type Volunteer = typeof volunteer;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const callContext = (content: string) => `<c:CallContext>${content}</c:CallContext>`;

/**
 * What IdentityService v1's XSD forbids in a Register request, each one way. Each is for an account of
 * its own, so that whatever a service lets through is stored and counted, not refused as a taken name.
 */
const breaksTheSchema = fc.nat().chain((n) => {
  const account: Volunteer = {
    username: `volley${n}`,
    email: `volley${n}@example.com`,
    password: 'volley-password',
  };
  const good = registerBody(account);
  return fc.oneof(
    // Facets: the canonical model's lengths.
    fc
      .integer({ min: 65, max: 2_000 })
      .map((size) => ({ body: registerBody({ ...account, username: 'u'.repeat(size) }) })),
    fc
      .integer({ min: 255, max: 2_000 })
      .map((size) => ({ body: registerBody({ ...account, email: 'e'.repeat(size) }) })),
    fc
      .integer({ min: 129, max: 2_000 })
      .map((size) => ({ body: registerBody({ ...account, password: 'p'.repeat(size) }) })),
    // Occurrences and order: each required element left out, one repeated, two swapped.
    fc.constantFrom<keyof Volunteer>('username', 'email', 'password').map((left) => {
      const { [left]: _, ...rest } = account;
      return { body: registerBody(rest) };
    }),
    fc.constant({ body: `<m:Register><m:username>a${n}</m:username>${good.slice('<m:Register>'.length)}` }),
    fc.constant({
      body: registerBody({ email: account.email, username: account.username, password: account.password }),
    }),
    // Elements the XSD does not declare, an element where a string goes, nil where it may not be.
    xmlName
      .filter((name) => !Object.hasOwn(account, name))
      .map((name) => ({ body: registerBody({ ...account, [name]: 'x' }) })),
    fc.constant({ body: registerBody({ ...account, username: `<m:first>${account.username}</m:first>` }) }),
    fc.constant({
      body: good.replace('<m:password>', `<m:password xsi:nil="true" xmlns:xsi="${XSI}">`),
    }),
    // The CallContext header: an Id is an int of at least 1, a key 1 to 255 characters, nothing else.
    fc
      .oneof(fc.constantFrom('abc', '0', '-1', '1.5', '2147483648', ''), fc.stringMatching(/^[a-z]{1,8}$/))
      .map((id) => ({ header: callContext(`<c:viewerId>${id}</c:viewerId>`), body: good })),
    fc.constantFrom('', 'k'.repeat(256)).map((key) => ({
      header: callContext(`<c:idempotencyKey>${key}</c:idempotencyKey>`),
      body: good,
    })),
    fc.constant({ header: callContext('<c:role>admin</c:role>'), body: good }),
  );
});

/** IdentityService v1 as a volley's target: Register (a write, so anything let through would be stored). */
export const identityVolley: VolleyTarget = {
  namespaces: { m: identityV1.messageNamespace, c: CANONICAL_NAMESPACE },
  limits: DEFAULT_XML_LIMITS,
  good: { action: REGISTER, body: registerBody(volunteer) },
  textual: { action: REGISTER, body: (text) => registerBody({ ...volunteer, username: text }) },
  actionBase: `${identityV1.messageNamespace}/`,
  otherActions: identityV1.operations
    .filter((operation) => operation !== 'Register')
    .map((operation) => soapActionOf(identityV1, operation)),
  schemaInvalid: breaksTheSchema,
};
