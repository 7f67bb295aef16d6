// Tokens belong to the application layer here; how a JWT is made is shared plumbing (@journey/platform).
export { createJwtTokens as jwtTokens, type UserTokens as TokenService } from '@journey/platform';
