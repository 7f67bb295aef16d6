import { request } from 'node:http';
import { type RunState, runningPatternOf } from './run-state.js';
import {
  type KillSignal,
  type ProcessSnapshot,
  type ProcessStatus,
  type TopologyControl,
  UnknownProcessError,
} from './supervisor.js';

/**
 * The same operations as the supervisor, on a topology another process runs, through its control
 * socket (see control-server.ts). Errors come back as they were thrown there.
 */
export function connectControl(state: RunState): TopologyControl {
  const call = <T>(method: string, path: string, body?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const outgoing = request(
        {
          socketPath: state.socket,
          method,
          path,
          headers: payload ? { 'content-type': 'application/json' } : {},
        },
        async (response) => {
          let text = '';
          for await (const chunk of response) text += chunk;
          const answer = JSON.parse(text) as T & { error?: string; process?: string; choices?: string[] };
          if (response.statusCode === 200) return resolve(answer);
          if (answer.process && answer.choices)
            return reject(new UnknownProcessError(answer.process, answer.choices));
          reject(new Error(answer.error ?? `control socket answered HTTP ${response.statusCode}`));
        },
      );
      outgoing.on('error', (error) =>
        reject(
          new Error(
            `the \`journey up\` running ${state.pattern} (pid ${state.ownerPid}) does not answer on ${state.socket}: ${error.message}`,
            { cause: error },
          ),
        ),
      );
      outgoing.end(payload);
    });
  const processPath = (name: string, operation: string) =>
    `/processes/${encodeURIComponent(name)}/${operation}`;
  return {
    // What the run-state file says: ports outlive restarts, so it stays true while the copy runs.
    running: () => runningPatternOf(state),
    status: () => call<ProcessStatus[]>('GET', '/processes'),
    kill: (name: string, signal: KillSignal = 'SIGKILL') =>
      call<ProcessSnapshot>('POST', processPath(name, 'kill'), { signal }),
    restart: (name: string) => call<ProcessSnapshot>('POST', processPath(name, 'restart')),
    stop: async () => {
      await call('POST', '/stop');
    },
  };
}
