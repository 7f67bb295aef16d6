import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jwtSecretOf, labSecretFile, readJwtSecret } from '../src/jwt-secret.js';
import { createLogger } from '../src/logger.js';

const run = promisify(execFile);
const printSecret = join(import.meta.dirname, 'fixtures', 'print-jwt-secret.ts');
const newLab = () => vi.stubEnv('JOURNEY_HOME', mkdtempSync(join(tmpdir(), 'journey-secret-')));

describe('readJwtSecret / jwtSecretOf', () => {
  beforeEach(newLab);
  afterEach(() => vi.unstubAllEnvs());

  it('when JWT_SECRET is set, then it is the secret, nothing is logged and the lab keeps no secret file', () => {
    vi.stubEnv('JWT_SECRET', 'a-secret-of-the-operator');
    const log = createLogger('jwt-secret-test', 'silent');
    const said = vi.spyOn(log, 'info');
    expect(jwtSecretOf(readJwtSecret(), log)).toBe('a-secret-of-the-operator');
    expect(said).not.toHaveBeenCalled();
    expect(existsSync(labSecretFile())).toBe(false);
  });

  it("when JWT_SECRET is unset or empty, then the lab's secret is made once in its data dir, readable by its owner only, and the log says where", () => {
    vi.stubEnv('JWT_SECRET', '');
    const setting = readJwtSecret();
    expect(setting.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(setting.jwtSecretFile).toBe(join(process.env.JOURNEY_HOME!, 'jwt-secret'));
    expect(statSync(setting.jwtSecretFile!).mode & 0o777).toBe(0o600);
    expect(readJwtSecret().jwtSecret).toBe(setting.jwtSecret);
    const log = createLogger('jwt-secret-test', 'silent');
    const said = vi.spyOn(log, 'info');
    expect(jwtSecretOf(setting, log)).toBe(setting.jwtSecret);
    expect(said).toHaveBeenCalledWith(expect.stringContaining(setting.jwtSecretFile!));
  });

  it('when two labs have different data dirs, then they sign with different secrets', () => {
    const first = readJwtSecret().jwtSecret;
    newLab();
    expect(readJwtSecret().jwtSecret).not.toBe(first);
  });

  it('when several processes of a new lab start at once, then they all use the same secret', async () => {
    const env = { ...process.env, JWT_SECRET: '' };
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', printSecret], { env })),
    );
    const secrets = new Set(outputs.map(({ stdout }) => stdout.trim()));
    expect(secrets).toEqual(new Set([readJwtSecret().jwtSecret]));
  });
});
