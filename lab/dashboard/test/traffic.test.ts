import { loadTopology } from '@journey/orchestrator';
import { describe, expect, it } from 'vitest';
import { edgeTraffic, parseTraffic, ratesBetween, type TrafficSample } from '../src/server/traffic.js';

/** A gateway's /metrics as prom-client writes it (buckets and sums left out: only counts are read). */
const gatewayMetrics = (served: number, comments: number, refused: number) =>
  [
    '# HELP http_server_requests_total Requests answered, per route and status code',
    '# TYPE http_server_requests_total counter',
    `http_server_requests_total{method="GET",route="/api/articles/:slug/comments",status_code="200"} ${served - 1}`,
    'http_server_requests_total{method="GET",route="unmatched",status_code="404"} 1',
    '# TYPE downstream_request_duration_seconds histogram',
    `downstream_request_duration_seconds_bucket{le="0.001",target="comments",route="/comments",outcome="ok"} ${comments}`,
    `downstream_request_duration_seconds_sum{target="comments",route="/comments",outcome="ok"} 0.5`,
    `downstream_request_duration_seconds_count{target="comments",route="/comments",outcome="ok"} ${comments - 2}`,
    'downstream_request_duration_seconds_count{target="comments",route="/comments/:id",outcome="timeout"} 2',
    `downstream_request_duration_seconds_count{target="comments",route="/comments",outcome="circuit_open"} ${refused}`,
    'downstream_request_duration_seconds_count{target="articles",route="/articles",outcome="error"} 3',
  ].join('\n');

const sample = (at: number, text: string): TrafficSample => ({ ...parseTraffic(text), at });

describe('live traffic from /metrics', () => {
  it('when a gateway is scraped, then its answered requests and its calls per target are counted, refused calls left out', () => {
    const counts = parseTraffic(gatewayMetrics(10, 8, 50));
    expect(counts.served).toBe(10);
    expect(counts.calls).toEqual(
      new Map([
        ['comments', 8],
        ['articles', 3],
      ]),
    );
  });

  it('when two samples are two seconds apart, then each count becomes a rate; a first sample or a restart gives none', () => {
    const first = sample(1_000, gatewayMetrics(10, 8, 0));
    const second = sample(3_000, gatewayMetrics(30, 12, 400));
    expect(ratesBetween(first, second)).toEqual({
      served: 10,
      calls: new Map([
        ['comments', 2],
        ['articles', 0],
      ]),
    });
    expect(ratesBetween(undefined, first).served).toBeNull();
    expect(ratesBetween(second, sample(4_000, gatewayMetrics(3, 3, 0))).served).toBeNull();
  });

  it('when microservices run, then every http edge has the caller’s rate to that callee and the client edge the gateway’s', async () => {
    const topology = await loadTopology('microservices');
    const rates = new Map([
      ['gateway', { served: 40, calls: new Map([['comments', 12]]) }],
      ['articles', { served: 5, calls: new Map([['comments', 3]]) }],
      // Scraped once only: its rate is unknown, and so are its calls.
      ['profiles', { served: null, calls: new Map() }],
    ]);
    const edges = edgeTraffic(topology.edges, topology.processes, rates);
    const rate = (from: string, to: string) =>
      edges.find((e) => e.from === from && e.to === to)?.requestsPerSecond;
    expect(rate('client', 'gateway')).toBe(40);
    expect(rate('gateway', 'comments')).toBe(12);
    expect(rate('articles', 'comments')).toBe(3);
    expect(rate('gateway', 'identity')).toBe(0);
    expect(rate('profiles', 'identity')).toBeNull();
    // Database edges carry no HTTP requests.
    expect(edges.some((e) => e.to.endsWith('-db'))).toBe(false);
    expect(edges).toHaveLength(topology.edges.filter((e) => e.protocol === 'http').length);
  });

  it('when a caller reaches a service over soap, then that edge has the caller’s rate too; sql and events edges none', () => {
    const edges = edgeTraffic(
      [
        { from: 'client', to: 'portal', protocol: 'http' },
        { from: 'portal', to: 'accounts', protocol: 'soap' },
        { from: 'accounts', to: 'accounts-db', protocol: 'sql' },
        { from: 'accounts', to: 'bus', protocol: 'events' },
      ],
      [{ name: 'portal', public: true }, { name: 'accounts' }],
      new Map([
        ['portal', { served: 20, calls: new Map([['accounts', 7]]) }],
        ['accounts', { served: 7, calls: new Map() }],
      ]),
    );
    expect(edges).toEqual([
      { from: 'client', to: 'portal', requestsPerSecond: 20 },
      { from: 'portal', to: 'accounts', requestsPerSecond: 7 },
    ]);
  });
});
