import type { UserId } from '../../../domain/user.js';

/** Issues the bearer tokens clients send back as `Authorization: Token …`. */
export interface TokenService {
  issue(userId: UserId): Promise<string>;
  /** The user id a valid token was issued for; null for a forged, expired, foreign or malformed one. */
  verify(token: string): Promise<UserId | null>;
}
