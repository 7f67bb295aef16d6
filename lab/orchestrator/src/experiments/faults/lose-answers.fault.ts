import type { FaultSpec } from '@journey/topology';
import { answerDroppingProxy } from './answer-dropping-proxy.js';
import type { Fault } from './fault.js';

/**
 * The answers to some writes lost on their way back (a proxy between the probes and the public
 * process closes the connection once the server has answered). The probes retry such a write with
 * the same `Idempotency-Key`, as a careful client would; the write audit then shows whether the
 * system recognised the retry or stored the write twice.
 */
export async function loseAnswersFault({
  request,
  every,
}: Extract<FaultSpec, { kind: 'lose-answers' }>): Promise<Fault> {
  const [method, path] = request.split(' ') as [string, string];
  const which = every === 1 ? `every answer to ${request}` : `one answer in ${every} to ${request}`;
  let proxy: Awaited<ReturnType<typeof answerDroppingProxy>> | undefined;
  return {
    injecting: `losing ${which}`,
    lifting: `passing every answer again`,
    during: `with ${which} lost`,
    afterwards: 'after answers came through again',
    async probeUrl(publicUrl) {
      proxy = await answerDroppingProxy(publicUrl, { method, path, every });
      return proxy.url;
    },
    async inject() {
      proxy!.startDropping();
    },
    async lift() {
      proxy!.stopDropping();
    },
    findings: () => [
      `${proxy?.lost() ?? 0} answers to ${request} lost on the way back, each retried with its key`,
    ],
    problems: () =>
      (proxy?.lost() ?? 0) === 0 ? [`no answer to ${request} was lost: no retry was put to the test`] : [],
    async close() {
      await proxy?.close();
    },
  };
}
