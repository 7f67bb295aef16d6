import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedProgram } from '@journey/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigRejectedError, checkedConfig } from '../../control-plane/src/files.js';

const haproxy = await installedProgram('HAProxy', 'haproxy', 'apt-get install haproxy');

describe.skipIf(!haproxy.available)(`a configuration checked by HAProxy ${haproxy.reason ?? ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'checked-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when HAProxy refuses it, then the refusal says what HAProxy said, and nothing is left beside the file', async () => {
    const file = join(dir, 'haproxy.cfg');
    const refused = await checkedConfig(
      file,
      'defaults\n  mode http\n  timeout server 9999999999999ms\n',
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigRejectedError);
    expect((refused as Error).message).toMatch(
      /timer overflow in argument '9999999999999ms' to 'timeout server'/,
    );
    expect((refused as Error).message).not.toMatch(/NOTICE|ALERT/);
    expect(existsSync(`${file}.next`)).toBe(false);
  });
});
