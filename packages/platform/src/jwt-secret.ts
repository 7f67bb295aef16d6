import { env } from './config.js';
import type { Logger } from './logger.js';

// Safe only because every process of the lab binds to localhost; whoever uses it says so in the log.
const DEVELOPMENT_SECRET = 'backend-journey-dev-secret-change-me';

export interface JwtSecretSetting {
  jwtSecret: string;
  /** True when JWT_SECRET was not set and the development secret is in use: say so loudly. */
  insecureSecret: boolean;
}

/** `JWT_SECRET`, else the development secret, flagged so the process can warn about it. */
export function readJwtSecret(): JwtSecretSetting {
  const secret = env.string('JWT_SECRET');
  return { jwtSecret: secret ?? DEVELOPMENT_SECRET, insecureSecret: secret === undefined };
}

/** The secret to sign or verify tokens with, warning in the log when it is the development one. */
export function jwtSecretOf(setting: JwtSecretSetting, log: Logger): string {
  if (setting.insecureSecret)
    log.warn('JWT_SECRET is not set: using the development secret. Never expose this server.');
  return setting.jwtSecret;
}
