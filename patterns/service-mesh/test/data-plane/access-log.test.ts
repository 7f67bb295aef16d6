import { describe, expect, it } from 'vitest';
import { accessLogFormat, parseAccessLogLine } from '../../sidecar/src/access-log.js';

// Datagrams as HAProxy 2.6 sent them to a node dgram socket (`log 127.0.0.1:<port> local0`, `log-tag mesh-access`).
const sent = (message: string) => `<134>Dec  7 01:22:45 mesh-access[8110]: ${message}\n`;

describe('access-log line', () => {
  it('when HAProxy sends an outbound line, then it reads as the edge from the caller to the pod it picked', () => {
    expect(
      parseAccessLogLine(
        sent('from=gateway to=articles-v2 service=articles status=200 total_ms=19 retries=0 method=GET'),
      ),
    ).toEqual({ from: 'gateway', to: 'articles-v2', status: 200, totalMs: 19, retries: 0, method: 'GET' });
  });

  it('when no server could be picked, then the edge goes to the service and a redispatched retry count still reads', () => {
    expect(
      parseAccessLogLine(
        sent('from=gateway to=<NOSRV> service=articles status=503 total_ms=2002 retries=+2 method=POST'),
      ),
    ).toEqual({ from: 'gateway', to: 'articles', status: 503, totalMs: 2002, retries: 2, method: 'POST' });
  });

  it('when every endpoint was ejected and a panic copy answered, then the edge still goes to its pod', () => {
    expect(
      parseAccessLogLine(
        sent('from=gateway to=articles-v2.panic service=articles status=200 total_ms=3 retries=0 method=GET'),
      ),
    ).toMatchObject({ from: 'gateway', to: 'articles-v2' });
  });

  it('when the exchange ended without an answer (status -1), then it counts as status 0', () => {
    expect(
      parseAccessLogLine(
        sent('from=client to=gateway service=gateway status=-1 total_ms=-1 retries=0 method=GET'),
      ),
    ).toMatchObject({ status: 0, totalMs: 0 });
  });

  it('when a datagram has another tag or misses a field, then it is not an entry', () => {
    expect(parseAccessLogLine('<134>Dec  7 01:22:45 haproxy[8110]: Proxy started.\n')).toBeNull();
    expect(parseAccessLogLine(sent('from=gateway to=articles status=200 method=GET'))).toBeNull();
    expect(parseAccessLogLine('garbage')).toBeNull();
  });

  it('when the format is rendered for an outbound listener, then only the server placeholder is left to HAProxy', () => {
    expect(accessLogFormat({ from: 'gateway', to: '%s', service: 'articles' })).toBe(
      'from=gateway to=%s service=articles status=%ST total_ms=%Ta retries=%rc method=%HM',
    );
  });
});
