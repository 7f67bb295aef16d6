import { cpuUsage } from 'node:process';
import { createLogger, type Logger } from '@journey/platform';
import type { PatternBench } from '@journey/topology';
import { type ConduitCall, conduitCalls } from './wire-calls.js';
import { type Exchange, startJsonStack, startSoapStack, type WireStack } from './wire-stacks.js';
import { formatTopologyWire, measureThroughTopology, type TopologyWireRow } from './wire-topology.js';

/**
 * What SOAP costs on the wire next to JSON, for the Conduit calls `journey bench` loads: the bytes of
 * the publishing-v1 envelopes the bus and the service exchange against the REST JSON, and the CPU of a
 * round trip through each (both ends in this process, so one counter sees encoding and decoding on
 * both sides), the JSON baseline measured in the same run; then the bytes of every envelope behind each
 * call in the running topology (wire-topology.ts). Declared in pattern.ts, so
 * `npm run bench -- soa microservices` runs it after the shared rows.
 */

export interface WireRow {
  endpoint: string;
  operation: string;
  json: EncodingFigures;
  soap: EncodingFigures;
  /** µs of CPU for JSON.stringify and JSON.parse of the call's bodies alone, without HTTP. */
  jsonCodecMicros: number;
}

export interface EncodingFigures {
  /** Bytes of the request body (0 for a GET in JSON) and of the answer's. */
  requestBytes: number;
  answerBytes: number;
  /** µs of CPU per round trip, client and server together; the best round's. */
  cpuMicrosPerRoundTrip: number;
}

export interface WireSettings {
  /** Round trips per call and encoding in each round. */
  messages: number;
  /** Interleaved rounds; each row keeps its best. */
  rounds: number;
  progress?: (message: string) => void;
  logger?: Logger;
}

/** Calls before each measurement, so neither encoding is measured cold (JIT, first connection). */
const WARM_UP = 50;

const micros = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

async function cpuPerRoundTrip(stack: WireStack, call: ConduitCall, messages: number): Promise<number> {
  for (let i = 0; i < Math.min(WARM_UP, messages); i++) await stack.roundTrip(call);
  const start = cpuUsage();
  for (let i = 0; i < messages; i++) await stack.roundTrip(call);
  return micros(cpuUsage(start)) / messages;
}

function jsonCodecMicros(call: ConduitCall, messages: number): number {
  const once = () => {
    if (call.jsonRequest !== undefined) JSON.parse(JSON.stringify(call.jsonRequest));
    return JSON.parse(JSON.stringify(call.jsonAnswer));
  };
  for (let i = 0; i < Math.min(WARM_UP, messages); i++) once();
  const start = cpuUsage();
  for (let i = 0; i < messages; i++) once();
  return micros(cpuUsage(start)) / messages;
}

const figures = (exchange: Exchange, cpuMicrosPerRoundTrip: number): EncodingFigures => ({
  requestBytes: exchange.requestBytes,
  answerBytes: exchange.answerBytes,
  cpuMicrosPerRoundTrip,
});

/** Measures every call on both encodings, rounds interleaved so a burst of load elsewhere hits both alike. */
export async function measureWire(settings: WireSettings): Promise<WireRow[]> {
  const progress = settings.progress ?? (() => {});
  const logger = settings.logger ?? createLogger('wire-bench', 'silent');
  const calls = conduitCalls();
  const stacks: WireStack[] = [];
  try {
    stacks.push(await startJsonStack(calls), await startSoapStack(calls, logger));
    const best = new Map<string, WireRow>();
    for (let round = 1; round <= settings.rounds; round++) {
      for (const [index, call] of calls.entries()) {
        progress(
          `wire round ${round}/${settings.rounds} [${index + 1}/${calls.length}] ${call.endpoint}: ` +
            `${settings.messages} round trips as JSON, then as SOAP (${call.operation})`,
        );
        const [json, soap] = stacks as [WireStack, WireStack];
        const row: WireRow = {
          endpoint: call.endpoint,
          operation: call.operation,
          json: figures(await json.roundTrip(call), await cpuPerRoundTrip(json, call, settings.messages)),
          soap: figures(await soap.roundTrip(call), await cpuPerRoundTrip(soap, call, settings.messages)),
          jsonCodecMicros: jsonCodecMicros(call, settings.messages),
        };
        const previous = best.get(call.endpoint);
        best.set(call.endpoint, previous ? bestOf(previous, row) : row);
      }
    }
    return [...best.values()];
  } finally {
    for (const stack of stacks) await stack.close();
  }
}

/** Bytes do not change between rounds; each CPU figure keeps its lowest, the round least disturbed. */
function bestOf(a: WireRow, b: WireRow): WireRow {
  const cpu = (x: EncodingFigures, y: EncodingFigures) => ({
    ...x,
    cpuMicrosPerRoundTrip: Math.min(x.cpuMicrosPerRoundTrip, y.cpuMicrosPerRoundTrip),
  });
  return {
    ...a,
    json: cpu(a.json, b.json),
    soap: cpu(a.soap, b.soap),
    jsonCodecMicros: Math.min(a.jsonCodecMicros, b.jsonCodecMicros),
  };
}

const ratio = (value: number, reference: number) =>
  reference > 0 ? `${(value / reference).toFixed(1)}×` : 'n/a';

/** The table `journey bench` prints. */
export function formatWire(rows: WireRow[], settings: Pick<WireSettings, 'messages' | 'rounds'>): string {
  const header = [
    'call',
    'JSON req+ans B',
    'SOAP req+ans B',
    'bytes',
    'JSON µs/trip',
    'SOAP µs/trip',
    'CPU',
    'stringify+parse µs',
  ];
  const lines = rows.map((row) => {
    const jsonBytes = row.json.requestBytes + row.json.answerBytes;
    const soapBytes = row.soap.requestBytes + row.soap.answerBytes;
    return [
      `${row.endpoint} (${row.operation})`,
      `${row.json.requestBytes}+${row.json.answerBytes}`,
      `${row.soap.requestBytes}+${row.soap.answerBytes}`,
      ratio(soapBytes, jsonBytes),
      row.json.cpuMicrosPerRoundTrip.toFixed(0),
      row.soap.cpuMicrosPerRoundTrip.toFixed(0),
      ratio(row.soap.cpuMicrosPerRoundTrip, row.json.cpuMicrosPerRoundTrip),
      row.jsonCodecMicros.toFixed(1),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    'SOA wire: each Conduit call as the REST JSON a client exchanges with the bus and as the publishing-v1',
    'SOAP 1.1 envelopes the bus exchanges with publishing (bodies only, HTTP headers left out). CPU: both ends',
    `in one process over loopback, best of ${settings.rounds} interleaved rounds of ${settings.messages} round trips;`,
    '"stringify+parse" is JSON\'s (de)serialisation alone. Through the SOA topology a call pays both: the JSON',
    'to the bus and the SOAP hop behind it (a signed-in list adds one GetProfile per distinct author).',
    '',
    format(header),
    format(widths.map((w) => '-'.repeat(w))),
    ...lines.map(format),
  ].join('\n');
}

const wire: PatternBench = async ({ settings, option, progress, startTopology }) => {
  const wireSettings = { messages: option('messages'), rounds: settings.rounds };
  const rows = await measureWire({ ...wireSettings, progress });
  progress(`wire: starting soa on a fresh ${settings.db} database to read the envelopes its bus exchanges`);
  const topology = await startTopology({});
  let throughTopology: TopologyWireRow[];
  try {
    throughTopology = await measureThroughTopology(topology, progress);
  } finally {
    await topology.stop();
  }
  return {
    text: `${formatWire(rows, wireSettings)}\n\n${formatTopologyWire(throughTopology)}`,
    figures: { ...wireSettings, rows, throughTopology },
  };
};

export default wire;
