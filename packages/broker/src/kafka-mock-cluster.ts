import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Logger } from '@journey/platform';

/** What the lab's Kafka is, said wherever it is shown: the protocol is real, the cluster is not. */
export const KAFKA_MOCK_LABEL = 'Kafka protocol, mock cluster: no persistence or retention';

/** How to get the program that runs the mock cluster, for messages that say it is missing. */
export const KCAT_INSTALL = 'apt-get install kcat';

export interface KafkaMockCluster {
  /** `kafka://127.0.0.1:<port>`: one broker of the cluster, from which a client learns the others. */
  url: string;
  /** Every broker's `host:port`, as librdkafka announced them. */
  brokers: string[];
  pid: number;
  /** Resolves when the process has exited, whoever ended it. */
  exited: Promise<void>;
  /** Ends its input and SIGTERMs it, then waits for the exit (SIGKILL after `graceMs`). Every topic and offset goes with it. */
  stop(graceMs?: number): Promise<void>;
}

export interface KafkaMockClusterOptions {
  /** Brokers in the cluster; partitions' leaders are spread over them, as on a real cluster. */
  brokers?: number;
  logger?: Logger;
  /** How long librdkafka may take to announce the cluster before the start counts as failed. */
  startTimeoutMs?: number;
}

/** The line librdkafka logs (level 5, on by default) once the mock brokers listen. */
const ANNOUNCEMENT = /Mock cluster enabled: .* replaced with (\S+)/;

/**
 * Starts librdkafka's built-in mock cluster: real Kafka protocol (produce, fetch, consumer groups,
 * offset commits) served from one process's memory. librdkafka creates it inside any client given
 * `test.mock.num.brokers`, so kcat — librdkafka's command-line client — is the whole launcher: in
 * producer mode it keeps the cluster alive while it waits on its standard input. That input is a
 * pipe from this process, so if the lab dies without stopping it, kcat reads end-of-file and exits
 * with its cluster: no orphan keeps a port. `-b` is required by kcat and ignored by the mock.
 */
export async function startKafkaMockCluster(
  options: KafkaMockClusterOptions = {},
): Promise<KafkaMockCluster> {
  const { brokers = 3, logger, startTimeoutMs = 10_000 } = options;
  const child = spawn(
    'kcat',
    ['-b', '127.0.0.1:0', '-X', `test.mock.num.brokers=${brokers}`, '-P', '-t', 'journey.mock-cluster'],
    // Its own process group: a Ctrl-C in the terminal reaches the lab, which stops the services
    // before the cluster they are connected to.
    { stdio: ['pipe', 'ignore', 'pipe'], detached: true },
  );
  const exited = once(child, 'exit').then(() => undefined);
  const said: string[] = [];
  const announced = new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kcat did not announce a mock cluster within ${startTimeoutMs} ms`)),
      startTimeoutMs,
    );
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(`kcat is not installed (${KCAT_INSTALL}); it runs librdkafka's mock Kafka cluster`)
          : error,
      );
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `kcat exited (${child.exitCode ?? child.signalCode}) before its mock cluster was up: ${said.join(' | ')}`,
        ),
      );
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const match = ANNOUNCEMENT.exec(line);
      if (match) {
        clearTimeout(timer);
        return resolve(match[1]!.split(','));
      }
      // Anything else librdkafka says (warnings, errors) is kept for a failed start and logged.
      said.push(line);
      logger?.warn({ line, pid: child.pid }, 'kafka mock cluster says');
    });
  });
  // Never written to: the open pipe is the lease (see above). An EPIPE once kcat is gone is expected.
  child.stdin!.on('error', () => {});
  let addresses: string[];
  try {
    addresses = await announced;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  logger?.info({ pid: child.pid, brokers: addresses }, 'kafka mock cluster started');
  return {
    url: `kafka://${addresses[0]}`,
    brokers: addresses,
    pid: child.pid!,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Blocked reading its input, kcat sees a SIGTERM only at its next line: the end of input stops it.
      child.stdin!.end();
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}
