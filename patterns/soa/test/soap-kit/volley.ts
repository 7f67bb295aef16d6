import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HostileRequest } from './hostile-envelopes.js';
import { ENV11, ENV12 } from './raw-soap.js';

/** How one hostile request ended; only `fault` is a pass. */
export type Outcome =
  | 'fault'
  | 'hung'
  | 'no-answer'
  | 'not-a-fault'
  | 'wrong-version'
  | 'wrong-status'
  | 'leaked-file'
  | 'leaked-internals';

export interface VolleyReport {
  outcomes: Partial<Record<Outcome, number>>;
  /** One example per outcome other than `fault`, to read in a failing test's message. */
  examples: Partial<Record<Outcome, { family: string; version: string; status?: number; answer: string }>>;
  byFamily: Record<string, Partial<Record<Outcome, number>>>;
  slowestMs: number;
}

export interface VolleyOptions {
  concurrency: number;
  /** A request still unanswered after this long counts as hung: a hang detector, not a latency target. */
  hangMs: number;
  /** Text that appears only in the file the external entities name. */
  marker: string;
}

const ALLOWED_STATUS: Record<'1.1' | '1.2', number[]> = {
  '1.1': [500, 413, 415],
  '1.2': [400, 500, 413, 415],
};

export async function fireVolley(
  url: string,
  requests: HostileRequest[],
  options: VolleyOptions,
): Promise<VolleyReport> {
  const report: VolleyReport = { outcomes: {}, examples: {}, byFamily: {}, slowestMs: 0 };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const started = performance.now();
      const { outcome, status, answer } = await fire(url, request, options);
      report.slowestMs = Math.max(report.slowestMs, performance.now() - started);
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      const family = report.byFamily[request.family] ?? {};
      report.byFamily[request.family] = family;
      family[outcome] = (family[outcome] ?? 0) + 1;
      if (outcome !== 'fault' && !report.examples[outcome]) {
        report.examples[outcome] = {
          family: request.family,
          version: request.version,
          status,
          answer: answer.slice(0, 400),
        };
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report;
}

async function fire(url: string, request: HostileRequest, options: VolleyOptions) {
  let response: Response;
  let answer: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(options.hangMs),
    });
    answer = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    const outcome: Outcome = name === 'TimeoutError' ? 'hung' : 'no-answer';
    return { outcome, status: undefined, answer: String((error as Error).cause ?? error) };
  }
  return {
    outcome: judge(request, response.status, answer, options.marker),
    status: response.status,
    answer,
  };
}

/** A pass is a well-formed fault of the request's SOAP version, with its status, leaking nothing. */
function judge(request: HostileRequest, status: number, answer: string, marker: string): Outcome {
  if (answer.includes(marker) || /root:[^:]*:0:0:/.test(answer)) return 'leaked-file';
  if (/\bat [\w.<>]+ \(|TypeError|ReferenceError|Cannot read properties/.test(answer))
    return 'leaked-internals';
  const envelope =
    /^(?:<\?xml[^>]*\?>)?<([\w-]+):Envelope xmlns:\1="([^"]+)"[^>]*>(?:<\1:Header\/>|<\1:Header>.*?<\/\1:Header>)?<\1:Body><\1:Fault>(.*)<\/\1:Fault><\/\1:Body><\/\1:Envelope>$/s.exec(
      answer,
    );
  if (!envelope) return 'not-a-fault';
  const [, prefix, namespace, fault] = envelope;
  const expected = request.version === '1.1' ? ENV11 : ENV12;
  const shape11 = /^<faultcode>[^<]+<\/faultcode><faultstring>[^<]*<\/faultstring>/.test(fault!);
  const shape12 = new RegExp(
    `^<${prefix}:Code><${prefix}:Value>[^<]+</${prefix}:Value>.*<${prefix}:Reason><${prefix}:Text[^>]*>`,
    's',
  ).test(fault!);
  // A request that is not SOAP at all cannot name a version: it gets a SOAP 1.1 fault.
  if (namespace !== expected || !(request.version === '1.1' ? shape11 : shape12)) return 'wrong-version';
  if (!ALLOWED_STATUS[request.version].includes(status)) return 'wrong-status';
  return 'fault';
}

/** Resident and peak resident memory of a process, from Linux's /proc (the lab's machines). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/**
 * A temporary folder with a file holding a random marker, for the volley's external entities to name:
 * an answer containing the marker read the file. `remove` deletes the folder and all in it.
 */
export async function secretFile(prefix: string) {
  const folder = await mkdtemp(path.join(tmpdir(), prefix));
  const file = path.join(folder, 'secret.txt');
  const marker = `MARKER-${randomUUID()}`;
  await writeFile(file, `${marker}\n`);
  return { folder, file, marker, remove: () => rm(folder, { recursive: true, force: true }) };
}
