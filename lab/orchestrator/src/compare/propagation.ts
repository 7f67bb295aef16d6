import { setTimeout as sleep } from 'node:timers/promises';
import type { Topology } from '@journey/topology';
import { Agent } from 'undici';
import { conduitClient, expectOk, registerUser } from './conduit-client.js';

/**
 * Whether a write can be acknowledged before every reader sees it: some process consumes events from
 * a piece of infrastructure (a broker), so a read model is fed after the answer, not in its transaction.
 */
export const hasAsyncReadSide = (topology: Topology) =>
  topology.edges.some(
    (edge) =>
      edge.protocol === 'events' &&
      topology.infrastructure.some((piece) => piece.name === edge.from) &&
      topology.processes.some((process) => process.name === edge.to),
  );

export interface PropagationLag {
  p50Ms: number;
  maxMs: number;
  probes: number;
}

const POLL_EVERY_MS = 2;
const GIVE_UP_MS = 10_000;

/**
 * Time from a write's acknowledgement until another user reads it: an author publishes, and a follower
 * polls its feed every 2 ms until the article is there. The follower is not the writer, so a gateway's
 * read-your-writes wait for the author's own answer does not hide the lag.
 */
export async function measurePropagationLag(baseUrl: string, probes = 10): Promise<PropagationLag> {
  const dispatcher = new Agent({ connections: 4 });
  const call = conduitClient(baseUrl, dispatcher);
  const runId = Date.now().toString(36);
  try {
    const author = await registerUser(call, `lagauthor_${runId}`);
    const reader = await registerUser(call, `lagreader_${runId}`);
    await expectOk(
      'following the author',
      call('POST', `/profiles/${author.username}/follow`, { token: reader.token }),
    );
    const lags: number[] = [];
    for (let i = 0; i < probes; i++) {
      const { article } = (await expectOk(
        'publishing a probe article',
        call('POST', '/articles', {
          token: author.token,
          body: {
            article: { title: `Lag probe ${i} ${runId}`, description: 'probe', body: 'probe', tagList: [] },
          },
        }),
      )) as { article: { slug: string } };
      const acknowledged = performance.now();
      for (;;) {
        const { status, text } = await call('GET', '/articles/feed?limit=5', { token: reader.token });
        if (status === 200 && text.includes(`"${article.slug}"`)) break;
        if (performance.now() - acknowledged > GIVE_UP_MS) {
          throw new Error(
            `article ${article.slug} was not in a follower's feed ${GIVE_UP_MS / 1000} s after its 201 (last answer ${status})`,
          );
        }
        await sleep(POLL_EVERY_MS);
      }
      lags.push(performance.now() - acknowledged);
    }
    lags.sort((a, b) => a - b);
    return { p50Ms: lags[Math.ceil(lags.length / 2) - 1]!, maxMs: lags[lags.length - 1]!, probes };
  } finally {
    await dispatcher.close();
  }
}
