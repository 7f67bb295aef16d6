/**
 * What the guard costs and what it saves, measured (the figures in the kit's README):
 *   node --import tsx patterns/soa/test/soap-kit/measure-guard-cost.ts
 * The calculator with the kit's default limits in a process of its own: its idle RSS; its peak under
 * sixteen concurrent requests at the limits, all valid (a 1 MiB Echo, 10 000 elements, 29 levels plus
 * 9 000 elements in a header); a 50 MB body; then the same 50 MB body and good Add calls without the
 * guard. Throughput is good Add calls, eight at a time: what the guard and the schema check add per call.
 */
import path from 'node:path';
import { DEFAULT_XML_LIMITS } from '@journey/soa-soap-kit';
import { ADD_ACTION, addBody, ENV11, envelope, post, soap11Headers } from './raw-soap.js';
import { memoryOf } from './volley.js';
import { startVolleyServer, stopVolleyServer, type VolleyServer } from './volley-process.js';

const SERVER = path.join(import.meta.dirname, 'volley-server.ts');
const ECHO = 'urn:journey:test:calculator/Echo';
const CALLS = 4_000;

const mib = (value: number) => `${value.toFixed(0)} MiB`;
const padded = (header: string) =>
  envelope(ENV11, addBody()).replace('<s:Body>', `<s:Header>${header}</s:Header><s:Body>`);
const worstCases = [
  {
    action: ECHO,
    body: envelope(
      ENV11,
      `<c:EchoRequest><c:message>${'x'.repeat(DEFAULT_XML_LIMITS.maxBytes - 400)}</c:message></c:EchoRequest>`,
    ),
  },
  { action: ADD_ACTION, body: padded(`<n>${'<m/>'.repeat(DEFAULT_XML_LIMITS.maxElements - 10)}</n>`) },
  { action: ADD_ACTION, body: padded(`${'<n>'.repeat(26)}${'<m/>'.repeat(9_000)}${'</n>'.repeat(26)}`) },
];

async function atTheLimits(server: VolleyServer) {
  for (let round = 0; round < 5; round += 1) {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => {
        const request = worstCases[i % worstCases.length]!;
        return post(server.url, soap11Headers(request.action), request.body);
      }),
    );
    const refused = answers.filter((answer) => answer.status !== 200);
    if (refused.length > 0)
      throw new Error(`a request at the limits was refused: ${refused[0]!.body.slice(0, 300)}`);
  }
}

async function fiftyMegabytes(server: VolleyServer) {
  const body = envelope(
    ENV11,
    `<c:EchoRequest><c:message>${'x'.repeat(50 * 1024 * 1024)}</c:message></c:EchoRequest>`,
  );
  const answer = await post(server.url, soap11Headers(ECHO), body);
  return answer.status;
}

async function throughput(server: VolleyServer) {
  const body = envelope(ENV11, addBody('20', '22'));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < CALLS) {
        const answer = await post(server.url, soap11Headers(), body);
        if (answer.status !== 200) throw new Error(`Add failed: ${answer.body.slice(0, 300)}`);
      }
    }),
  );
  return CALLS / ((performance.now() - started) / 1000);
}

const guarded = await startVolleyServer(SERVER, { UNSAFE: '0', LIMITS: 'default' });
const idle = memoryOf(guarded.child.pid!).rssMiB;
await atTheLimits(guarded);
const limitsPeak = memoryOf(guarded.child.pid!).peakMiB;
const refusedStatus = await fiftyMegabytes(guarded);
const afterRefusal = memoryOf(guarded.child.pid!).peakMiB;
const guardedRate = await throughput(guarded);
await stopVolleyServer(guarded);

const unguarded = await startVolleyServer(SERVER, { UNSAFE: '1', LIMITS: 'default' });
const unguardedIdle = memoryOf(unguarded.child.pid!).rssMiB;
const unguardedStatus = await fiftyMegabytes(unguarded);
const unguardedPeak = memoryOf(unguarded.child.pid!).peakMiB;
const unguardedRate = await throughput(unguarded);
await stopVolleyServer(unguarded);

console.info(
  [
    `guarded: idle ${mib(idle)}; 16 concurrent at the limits (5 rounds): peak ${mib(limitsPeak)},` +
      ` ${((limitsPeak - idle) / 16).toFixed(1)} MiB per request in flight`,
    `guarded: a 50 MB body answered ${refusedStatus}, peak then ${mib(afterRefusal)}`,
    `unguarded: idle ${mib(unguardedIdle)}; the 50 MB body answered ${unguardedStatus}, peak ${mib(unguardedPeak)}`,
    `good Add calls, 8 at a time, ${CALLS} calls: guarded ${guardedRate.toFixed(0)}/s, unguarded ${unguardedRate.toFixed(0)}/s`,
  ].join('\n'),
);
