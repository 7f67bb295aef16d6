import { Unauthorized } from '@journey/conduit-rules';
import type { Auth } from '@journey/contract';
import type { UserTokens } from '@journey/platform';

const SCHEME = /^(?:Token|Bearer) ([A-Za-z0-9_.-]+)$/;

/**
 * Who calls, from `Authorization: Token <jwt>`, as the route's auth rule wants it: `required` is a 401
 * without a valid token; `optional` reads an unverifiable token as anonymous (a RealWorld front-end
 * would otherwise drop its session over a stale token on a public page); `none` never looks.
 */
export async function viewerOf(
  auth: Auth,
  authorization: string | undefined,
  tokens: UserTokens,
): Promise<number | null> {
  if (auth === 'none') return null;
  if (auth === 'optional') return verified(authorization, tokens).catch(anonymousOnUnauthorized);
  const viewerId = await verified(authorization, tokens);
  if (viewerId === null) throw new Unauthorized('this endpoint requires a token');
  return viewerId;
}

async function verified(authorization: string | undefined, tokens: UserTokens): Promise<number | null> {
  if (authorization === undefined || authorization === '') return null;
  const token = SCHEME.exec(authorization)?.[1];
  if (!token) throw new Unauthorized('Authorization header must be "Token <jwt>"');
  const userId = await tokens.verify(token);
  if (userId === null) throw new Unauthorized('token is invalid or expired');
  return userId;
}

function anonymousOnUnauthorized(error: unknown): null {
  if (error instanceof Unauthorized) return null;
  throw error;
}
