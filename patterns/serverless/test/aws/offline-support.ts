import {
  type FunctionEnvironment,
  type OfflineGateway,
  type OfflineOptions,
  startOffline,
} from '../../platforms/aws/offline.js';
import { invocationOf, type LoggedInvocation } from '../../platforms/local/fleet.js';
import { freePort } from '../../platforms/local/free-port.js';

/** serverless-offline on two free ports, with every invocation line the functions print collected. */
export async function startOfflineOnFreePorts(
  environment: FunctionEnvironment,
  options: Pick<OfflineOptions, 'noTimeout' | 'idleSeconds'> = {},
): Promise<OfflineGateway & { invocations: LoggedInvocation[] }> {
  const invocations: LoggedInvocation[] = [];
  const gateway = await startOffline({
    httpPort: await freePort(),
    lambdaPort: await freePort(),
    environment: { LOG_LEVEL: 'info', ...environment },
    ...options,
    onLine: (line) => {
      const invocation = invocationOf(line);
      if (invocation) invocations.push(invocation);
    },
  });
  return { ...gateway, invocations };
}

/**
 * The invocations of `name` once `count` of them are logged: a worker's output reaches the process's
 * stdout after its answer has gone out, so the line may trail the response.
 */
export async function loggedInvocations(
  invocations: readonly LoggedInvocation[],
  name: string,
  count: number,
): Promise<LoggedInvocation[]> {
  for (;;) {
    const logged = invocations.filter((record) => record.function === name);
    if (logged.length >= count) return logged;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True while any process of the group `pid` leads is alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
