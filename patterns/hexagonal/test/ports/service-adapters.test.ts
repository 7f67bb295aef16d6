import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakePasswordHasher } from '../../src/adapters/memory/fake-password-hasher.js';
import { memoryTokenService } from '../../src/adapters/memory/memory-token-service.js';
import { sequentialIdGenerator } from '../../src/adapters/memory/sequential-id-generator.js';
import { steppingClock } from '../../src/adapters/memory/stepping-clock.js';
import { jwtTokenService } from '../../src/adapters/security/jwt-token-service.js';
import { scryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.js';
import { randomIdGenerator } from '../../src/adapters/system/random-id-generator.js';
import { systemClock } from '../../src/adapters/system/system-clock.js';
import { clockContract, idGeneratorContract } from './clock-and-ids.contract.js';
import { passwordHasherContract } from './password-hasher.contract.js';
import { tokenServiceContract } from './token-service.contract.js';

const secret = () => randomBytes(32).toString('hex');

describe('scrypt password hasher (node:crypto)', () => passwordHasherContract(() => scryptPasswordHasher()));
describe('fake password hasher (memory, for tests)', () => passwordHasherContract(fakePasswordHasher));

describe('JWT token service (jose, HS256)', () => {
  tokenServiceContract(() => jwtTokenService(secret()));

  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it('when a token says alg "none", then it is refused (the algorithm is pinned)', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: '1', iss: 'backend-journey' })}.`;
    expect(await jwtTokenService(secret()).verify(unsigned)).toBeNull();
  });

  it('when a token has expired, then it is refused', async () => {
    const key = secret();
    const expired = await jwtTokenService(key, '0s').issue(1);
    expect(await jwtTokenService(key).verify(expired)).toBeNull();
  });
});
describe('memory token service', () => tokenServiceContract(memoryTokenService));

describe('system clock', () => clockContract(systemClock));
describe('stepping clock (memory, for tests)', () => clockContract(() => steppingClock()));
describe('random id generator (node:crypto)', () => idGeneratorContract(randomIdGenerator));
describe('sequential id generator (memory, for tests)', () => idGeneratorContract(sequentialIdGenerator));
