// The users module issues and checks tokens; how a JWT is made is shared plumbing (@journey/platform).
export { createJwtTokens as createTokenService, type UserTokens as TokenService } from '@journey/platform';
