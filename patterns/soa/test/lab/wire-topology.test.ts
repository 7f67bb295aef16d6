import { describe, expect, it } from 'vitest';
import { envelopeSamples, envelopesPerCall, formatTopologyWire } from '../../bench/wire-topology.js';

/** The bus's histogram as prom-client prints it, buckets and all, at two moments. */
const metricsText = (publishingRequests: number, identityCalls: number) => `
# HELP soap_message_bytes SOAP envelopes the bus sent (request) and received (response), in bytes, per target service
# TYPE soap_message_bytes histogram
soap_message_bytes_bucket{le="1024",target="publishing",direction="request"} ${publishingRequests}
soap_message_bytes_sum{target="publishing",direction="request"} ${publishingRequests * 700}
soap_message_bytes_count{target="publishing",direction="request"} ${publishingRequests}
soap_message_bytes_sum{target="publishing",direction="response"} ${publishingRequests * 15_000}
soap_message_bytes_count{target="publishing",direction="response"} ${publishingRequests}
soap_message_bytes_sum{direction="request",target="identity"} ${identityCalls * 600}
soap_message_bytes_count{direction="request",target="identity"} ${identityCalls}
soap_message_bytes_sum{direction="response",target="identity"} ${identityCalls * 900}
soap_message_bytes_count{direction="response",target="identity"} ${identityCalls}
downstream_request_duration_seconds_sum{target="identity"} 0.5
`;

describe('reading the envelopes behind a call from the bus metrics', () => {
  it('when the histogram is read, then sums and counts come by target and direction in any label order', () => {
    const samples = envelopeSamples(metricsText(2, 8));
    expect(samples).toHaveLength(8);
    expect(samples).toContainEqual({ target: 'identity', direction: 'response', kind: 'sum', value: 7_200 });
  });

  it('when ten signed-in lists ran between two readings, then each call averages one publishing call and its GetProfiles', () => {
    const before = envelopeSamples(metricsText(5, 0));
    const after = envelopeSamples(metricsText(15, 40));
    expect(envelopesPerCall(before, after, 10)).toEqual([
      { target: 'identity', calls: 4, requestBytes: 2_400, responseBytes: 3_600 },
      { target: 'publishing', calls: 1, requestBytes: 700, responseBytes: 15_000 },
    ]);
  });

  it('when a service was not called between the readings, then it is left out', () => {
    const before = envelopeSamples(metricsText(5, 8));
    expect(envelopesPerCall(before, envelopeSamples(metricsText(15, 8)), 10).map((t) => t.target)).toEqual([
      'publishing',
    ]);
  });

  it('when printed, then each call shows the JSON, the SOAP behind it, their ratio and each service', () => {
    const table = formatTopologyWire([
      {
        endpoint: 'GET /api/articles?limit=20 (signed in)',
        jsonRequestBytes: 0,
        jsonAnswerBytes: 10_000,
        soap: [
          { target: 'identity', calls: 4, requestBytes: 2_400, responseBytes: 3_600 },
          { target: 'publishing', calls: 1, requestBytes: 700, responseBytes: 15_000 },
        ],
      },
    ]);
    expect(
      table
        .split('\n')
        .at(-1)!
        .split(/\s{2,}/),
    ).toEqual([
      'GET /api/articles?limit=20 (signed in)',
      '0+10000',
      '5',
      '21700',
      '2.2×',
      'identity 4× 2400+3600, publishing 1× 700+15000',
    ]);
  });
});
