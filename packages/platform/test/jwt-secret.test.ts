import { afterEach, describe, expect, it, vi } from 'vitest';
import { jwtSecretOf, readJwtSecret } from '../src/jwt-secret.js';
import { createLogger } from '../src/logger.js';

describe('readJwtSecret / jwtSecretOf', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('when JWT_SECRET is set, then it is the secret and nothing is logged', () => {
    vi.stubEnv('JWT_SECRET', 'a-secret-of-the-operator');
    const log = createLogger('jwt-secret-test', 'silent');
    const warn = vi.spyOn(log, 'warn');
    expect(jwtSecretOf(readJwtSecret(), log)).toBe('a-secret-of-the-operator');
    expect(warn).not.toHaveBeenCalled();
  });

  it('when JWT_SECRET is unset or empty, then the development secret is used and the log says so', () => {
    vi.stubEnv('JWT_SECRET', '');
    const setting = readJwtSecret();
    expect(setting.insecureSecret).toBe(true);
    const log = createLogger('jwt-secret-test', 'silent');
    const warn = vi.spyOn(log, 'warn');
    expect(jwtSecretOf(setting, log)).toBe(setting.jwtSecret);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('development secret'));
  });
});
