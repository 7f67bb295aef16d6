import type { RunningPattern } from '@journey/topology';
import { sampleArticle } from './wire-calls.js';

/**
 * The bytes behind each Conduit call in the running SOA topology: what the client and the bus exchange
 * (REST JSON) next to every SOAP envelope the bus exchanges with the services to answer it, read from
 * the bus's own `soap_message_bytes` histogram (by target service and direction), so orchestration
 * (one identity.GetProfile per distinct author of a signed-in page) is counted too.
 */

export interface EnvelopeTotals {
  /** Target service: `identity`, `publishing`, `engagement`. */
  target: string;
  /** SOAP calls the bus made to it. */
  calls: number;
  requestBytes: number;
  responseBytes: number;
}

export interface TopologyWireRow {
  endpoint: string;
  /** REST bodies per call between the client and the bus. */
  jsonRequestBytes: number;
  jsonAnswerBytes: number;
  /** SOAP envelopes per call between the bus and each service it called. */
  soap: EnvelopeTotals[];
}

const METRIC = 'soap_message_bytes';
/** Calls of each kind whose envelopes are averaged. */
const CALLS_PER_ROW = 10;
const AUTHORS = 4;
const ARTICLES_PER_AUTHOR = 5;

type Sample = { target: string; direction: string; kind: 'sum' | 'count'; value: number };

/** The `_sum` and `_count` series of the histogram in Prometheus text, whatever the label order. */
export function envelopeSamples(metricsText: string): Sample[] {
  const samples: Sample[] = [];
  const line = new RegExp(`^${METRIC}_(sum|count)\\{([^}]*)\\}\\s+(\\S+)`, 'gm');
  for (const [, kind, labelText, value] of metricsText.matchAll(line)) {
    const labels = Object.fromEntries(
      [...labelText!.matchAll(/(\w+)="([^"]*)"/g)].map(([, name, labelValue]) => [name, labelValue]),
    );
    if (labels.target && labels.direction)
      samples.push({
        target: labels.target,
        direction: labels.direction,
        kind: kind as Sample['kind'],
        value: Number(value),
      });
  }
  return samples;
}

/** What the bus sent and received between two readings of its metrics, per call of the `calls` made between them. */
export function envelopesPerCall(before: Sample[], after: Sample[], calls: number): EnvelopeTotals[] {
  const reading = (samples: Sample[], target: string, direction: string, kind: Sample['kind']) =>
    samples.find((s) => s.target === target && s.direction === direction && s.kind === kind)?.value ?? 0;
  const delta = (target: string, direction: string, kind: Sample['kind']) =>
    reading(after, target, direction, kind) - reading(before, target, direction, kind);
  const targets = [...new Set(after.map((s) => s.target))].sort();
  return targets
    .map((target) => ({
      target,
      calls: delta(target, 'request', 'count') / calls,
      requestBytes: Math.round(delta(target, 'request', 'sum') / calls),
      responseBytes: Math.round(delta(target, 'response', 'sum') / calls),
    }))
    .filter((totals) => totals.calls > 0);
}

interface Request {
  endpoint: string;
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  /** A fresh body per call (a publish needs its own title). */
  body?: (sequence: number) => unknown;
}

/** A client of the bus's REST API that fails loudly, naming the call, on anything but a 2xx. */
function restClient(baseUrl: string) {
  return async (request: Request, sequence = 0) => {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body(sequence));
    const response = await fetch(`${baseUrl}/api${request.path}`, {
      method: request.method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(request.token !== undefined && { authorization: `Token ${request.token}` }),
      },
      body,
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`${request.endpoint} through the bus answered ${response.status}: ${text}`);
    return { requestBytes: body === undefined ? 0 : Buffer.byteLength(body), text };
  };
}

/**
 * Writes a small data set through the bus (authors, a page of their articles, a reader), then measures
 * the REST calls `journey bench` loads, plus the signed-in list that makes the bus orchestrate.
 */
export async function measureThroughTopology(
  topology: RunningPattern,
  progress: (message: string) => void = () => {},
): Promise<TopologyWireRow[]> {
  const send = restClient(topology.url);
  const metrics = async () => {
    const response = await fetch(`${topology.url}/metrics`);
    if (!response.ok) throw new Error(`the bus's /metrics answered ${response.status}`);
    return envelopeSamples(await response.text());
  };
  const register = async (username: string) => {
    const { text } = await send({
      endpoint: 'POST /api/users',
      method: 'POST',
      path: '/users',
      body: () => ({
        user: { username, email: `${username}@wire.example`, password: 'wire-bench-password' },
      }),
    });
    return (JSON.parse(text) as { user: { token: string } }).user.token;
  };
  const publishAs = (token: string, seed: number): Request => ({
    endpoint: 'POST /api/articles',
    method: 'POST',
    path: '/articles',
    token,
    body: (sequence) => {
      const article = sampleArticle(seed + sequence, true);
      return {
        article: {
          title: `${article.title} ${seed + sequence}`,
          description: article.description,
          body: article.body,
          tagList: article.tagList.tag,
        },
      };
    },
  });

  progress(`wire: writing ${AUTHORS} authors and ${AUTHORS * ARTICLES_PER_AUTHOR} articles through the bus`);
  const authors = await Promise.all(Array.from({ length: AUTHORS }, (_, i) => register(`wireauthor${i}`)));
  for (const [i, token] of authors.entries())
    for (let n = 0; n < ARTICLES_PER_AUTHOR; n++) await send(publishAs(token, i * 100), n);
  const reader = await register('wirereader');
  const { text } = await send({ endpoint: 'GET /api/articles', method: 'GET', path: '/articles?limit=1' });
  const slug = (JSON.parse(text) as { articles: { slug: string }[] }).articles[0]!.slug;

  const requests: Request[] = [
    { endpoint: 'GET /api/articles?limit=20', method: 'GET', path: '/articles?limit=20' },
    {
      endpoint: 'GET /api/articles?limit=20 (signed in)',
      method: 'GET',
      path: '/articles?limit=20',
      token: reader,
    },
    { endpoint: 'GET /api/articles/:slug', method: 'GET', path: `/articles/${slug}` },
    { ...publishAs(reader, 10_000), endpoint: 'POST /api/articles' },
  ];
  const rows: TopologyWireRow[] = [];
  for (const request of requests) {
    progress(`wire: ${CALLS_PER_ROW} × ${request.endpoint} through the bus, reading its soap_message_bytes`);
    const before = await metrics();
    let jsonRequestBytes = 0;
    let jsonAnswerBytes = 0;
    for (let sequence = 0; sequence < CALLS_PER_ROW; sequence++) {
      const exchange = await send(request, sequence);
      jsonRequestBytes += exchange.requestBytes;
      jsonAnswerBytes += Buffer.byteLength(exchange.text);
    }
    rows.push({
      endpoint: request.endpoint,
      jsonRequestBytes: Math.round(jsonRequestBytes / CALLS_PER_ROW),
      jsonAnswerBytes: Math.round(jsonAnswerBytes / CALLS_PER_ROW),
      soap: envelopesPerCall(before, await metrics(), CALLS_PER_ROW),
    });
  }
  return rows;
}

/** The table of bytes per call through the running topology. */
export function formatTopologyWire(rows: TopologyWireRow[]): string {
  const header = ['call', 'JSON client↔bus B', 'SOAP calls', 'SOAP bus↔services B', 'bytes', 'by service'];
  const lines = rows.map((row) => {
    const json = row.jsonRequestBytes + row.jsonAnswerBytes;
    const soap = row.soap.reduce((total, s) => total + s.requestBytes + s.responseBytes, 0);
    return [
      row.endpoint,
      `${row.jsonRequestBytes}+${row.jsonAnswerBytes}`,
      String(row.soap.reduce((total, s) => total + s.calls, 0)),
      String(soap),
      json > 0 ? `${(soap / json).toFixed(1)}×` : 'n/a',
      row.soap.map((s) => `${s.target} ${s.calls}× ${s.requestBytes}+${s.responseBytes}`).join(', '),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    `Through the running soa topology (the bus's soap_message_bytes), per call, average of ${CALLS_PER_ROW}:`,
    format(header),
    format(widths.map((w) => '-'.repeat(w))),
    ...lines.map(format),
  ].join('\n');
}
