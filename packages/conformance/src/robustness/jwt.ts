import { createHmac, randomBytes } from 'node:crypto';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function sign(header: object, payload: object, key: Buffer | string): string {
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

/** The claims of a JWT, or `undefined` when the token is opaque. */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export interface ForgedToken {
  name: string;
  token: string;
}

/**
 * Tokens that claim to be the victim but must all be refused. The claims are copied from the victim's own
 * (real) token, so a server that trusts an unverified payload would act as the victim — and the
 * fixture snapshot would show it. Opaque tokens get generic claims instead.
 */
export function forgeTokens(victimToken: string): ForgedToken[] {
  const now = Math.floor(Date.now() / 1000);
  const claims = decodeClaims(victimToken) ?? { sub: '1', id: 1, iat: now, exp: now + 3600 };
  const otherKey = randomBytes(32);
  const [head = '', body = '', signature = ''] = victimToken.split('.');
  const tamperedPayload = b64url(JSON.stringify({ ...claims, admin: true }));
  const expired = { ...claims, iat: now - 7200, exp: now - 3600 };
  return [
    { name: 'signed with another key', token: sign({ alg: 'HS256', typ: 'JWT' }, claims, otherKey) },
    {
      name: 'alg none',
      token: `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`,
    },
    {
      name: 'alg None',
      token: `${b64url(JSON.stringify({ alg: 'None', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`,
    },
    { name: 'expired, another key', token: sign({ alg: 'HS256', typ: 'JWT' }, expired, otherKey) },
    { name: 'real signature, tampered payload', token: `${head}.${tamperedPayload}.${signature}` },
    { name: 'real token, signature stripped', token: `${head}.${body}.` },
    { name: 'real token, signature truncated', token: `${head}.${body}.${signature.slice(0, -4)}` },
    { name: 'real token, one byte flipped', token: flipLast(victimToken) },
    { name: 'HS512 with another key', token: signHs512(claims, otherKey) },
    { name: 'signed with an empty key', token: sign({ alg: 'HS256', typ: 'JWT' }, claims, '') },
    { name: 'signed with "secret"', token: sign({ alg: 'HS256', typ: 'JWT' }, claims, 'secret') },
  ];
}

function flipLast(token: string): string {
  const last = token.at(-2) ?? 'A';
  return `${token.slice(0, -2)}${last === 'A' ? 'B' : 'A'}${token.at(-1) ?? ''}`;
}

function signHs512(payload: object, key: Buffer): string {
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS512', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${unsigned}.${createHmac('sha512', key).update(unsigned).digest('base64url')}`;
}
