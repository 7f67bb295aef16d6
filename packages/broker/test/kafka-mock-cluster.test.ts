import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { KCAT_INSTALL, startKafkaMockCluster } from '@journey/broker';
import { installedProgram } from '@journey/testkit';
import { describe, expect, it } from 'vitest';

const kcat = await installedProgram('kcat (librdkafka mock Kafka cluster)', 'kcat', KCAT_INSTALL);

/** Whether something accepts TCP connections at `host:port`. */
const listening = (address: string) =>
  new Promise<boolean>((resolve) => {
    const [host, port] = address.split(':');
    const socket = connect({ host: host!, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// What the lab relies on when it starts Kafka for a run: an address to hand out, a clean stop, and
// no cluster left behind by a lab that died without stopping it.
describe.skipIf(!kcat.available)(`kafka mock cluster${kcat.reason ? ` (${kcat.reason})` : ''}`, () => {
  it('when started, then every broker it announces listens, and a stop takes them all down', async () => {
    const cluster = await startKafkaMockCluster({ brokers: 2 });
    expect(cluster.url).toBe(`kafka://${cluster.brokers[0]}`);
    expect(cluster.brokers).toHaveLength(2);
    for (const address of cluster.brokers) expect(await listening(address)).toBe(true);
    await cluster.stop();
    for (const address of cluster.brokers) expect(await listening(address)).toBe(false);
  });

  it('when the process that started it is killed, then the cluster goes too', async () => {
    const starter = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--eval',
        "const { startKafkaMockCluster } = await import('@journey/broker'); const c = await startKafkaMockCluster(); console.log(c.pid, c.brokers[0]);",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(createInterface({ input: starter.stdout! }), 'line')) as [string];
    const [pid, address] = line.split(' ') as [string, string];
    expect(await listening(address)).toBe(true);
    starter.kill('SIGKILL');
    await once(starter, 'exit');
    // kcat notices at its next read of standard input, which the dead process's pipe ends.
    await expect.poll(() => isAlive(Number(pid)), { timeout: 10_000 }).toBe(false);
    expect(await listening(address)).toBe(false);
  });
});
