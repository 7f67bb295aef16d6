import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TokenService } from '../src/application/ports/driven/index.js';
import { tokenServiceContract } from '../test/ports/token-service.contract.js';

/**
 * The exercise's verdict: a file-backed TokenService adapter, held to the same port contract as the JWT
 * and memory adapters (imported, not copied, so the adapter must keep the promises they keep), plus what
 * the file adds: tokens outlive the instance, and deleting a token's line revokes it.
 */

const ADAPTER = 'src/adapters/file/file-token-service.ts';
type FileTokenService = (file: string) => TokenService;

/** The learner's adapter, or why it cannot be used yet: a missing file is the untouched start, not a crash. */
async function loadAdapter(): Promise<FileTokenService | string> {
  if (!existsSync(new URL(`../${ADAPTER}`, import.meta.url)))
    return `${ADAPTER} is missing: create it, exporting fileTokenService(file: string): TokenService`;
  try {
    const module = await import('../src/adapters/file/file-token-service.js');
    const factory = (module as { fileTokenService?: unknown }).fileTokenService;
    if (typeof factory !== 'function')
      return `${ADAPTER} exists but exports no function fileTokenService(file)`;
    return factory as FileTokenService;
  } catch (error) {
    // Two lines: a transform error's first says only that it failed, its second says where and why.
    const lines = (error instanceof Error ? error.message : String(error)).split('\n').filter(Boolean);
    const reason = lines.slice(0, 2).join(' ');
    return `${ADAPTER} fails to load: ${reason}`;
  }
}

const adapter = await loadAdapter();
const folder = mkdtempSync(join(tmpdir(), 'journey-file-tokens-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
/** A path of its own per call, not created yet: the adapter must cope with a file that does not exist. */
const tmpFile = () => join(folder, `tokens-${++files}.jsonl`);

describe('file token service (src/adapters/file/file-token-service.ts)', () => {
  if (typeof adapter === 'string') {
    it('exists and exports fileTokenService(file)', () => expect.fail(adapter));
    return;
  }
  const fileTokenService = adapter;

  tokenServiceContract(() => fileTokenService(tmpFile()));

  it('when a new instance opens the same file, then the tokens issued before still verify', async () => {
    const file = tmpFile();
    const [alice, bob] = [await fileTokenService(file).issue(11), await fileTokenService(file).issue(12)];
    const restarted = fileTokenService(file);
    expect([await restarted.verify(alice), await restarted.verify(bob)]).toEqual([11, 12]);
  });

  it('when two instances share a file, then each verifies the tokens the other issued', async () => {
    const file = tmpFile();
    const [one, two] = [fileTokenService(file), fileTokenService(file)];
    const [a, b] = [await one.issue(21), await two.issue(22)];
    expect([await two.verify(a), await one.verify(b)]).toEqual([21, 22]);
  });

  it('when the file is read, then it holds one JSON object per line, one line per token', async () => {
    const file = tmpFile();
    const tokens = fileTokenService(file);
    const issued = [await tokens.issue(31), await tokens.issue(32), await tokens.issue(31)];
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines, 'three tokens issued, so three lines').toHaveLength(3);
    for (const [i, line] of lines.entries()) {
      expect(() => JSON.parse(line), `line ${i + 1} is not JSON: ${line}`).not.toThrow();
      expect(line, `line ${i + 1} should hold the token it stores`).toContain(issued[i]);
    }
  });

  it("when a token's line is deleted from the file, then that token is refused at once and the others still verify", async () => {
    const file = tmpFile();
    const tokens = fileTokenService(file);
    const [kept, revoked] = [await tokens.issue(41), await tokens.issue(42)];
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, lines.filter((line) => !line.includes(revoked)).join('\n'));
    expect(await tokens.verify(revoked), 'the running instance must read the file, not a copy').toBeNull();
    expect(await fileTokenService(file).verify(revoked), 'a new instance on the same file').toBeNull();
    expect(await tokens.verify(kept)).toBe(41);
  });

  it('when services on two files issue a token for the same user, then the tokens differ: they are random, not counted', async () => {
    const [one, two] = [fileTokenService(tmpFile()), fileTokenService(tmpFile())];
    const [a, b] = [await one.issue(51), await two.issue(51)];
    expect(a).not.toBe(b);
    // 16 random bytes are 22 base64url characters: anything shorter can be guessed by trying.
    expect(a.length, `token "${a}" is too short to be unguessable`).toBeGreaterThanOrEqual(22);
  });
});
