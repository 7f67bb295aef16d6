/**
 * The one access-log line the sidecars send and the control plane reads: HAProxy renders it with
 * `log-format` and sends it as an RFC 3164 syslog datagram over UDP, which arrives as
 * `<134>Dec  7 01:22:45 mesh-access[8110]: from=gateway to=articles-v2 service=articles status=200 total_ms=1 retries=0 method=GET`.
 *
 * Each edge is logged once, where the caller's sidecar knows both ends: its outbound listener logs
 * from = its own process, to = the server HAProxy picked (servers are named after the callee pod's
 * process). At the ingress the inbound listener logs from = `client`.
 */

/** The syslog tag (HAProxy's `log-tag`) that marks a datagram as a mesh access-log line. */
export const ACCESS_LOG_TAG = 'mesh-access';

/** The caller named at the ingress, where the request comes from outside the mesh. */
export const INGRESS_CALLER = 'client';

export interface AccessLogEntry {
  /** The calling process (`gateway`), or `client` at the ingress. */
  from: string;
  /** The called pod's process (`articles-v2`); the service's name when no server could be picked. */
  to: string;
  /** The HTTP status the caller received; 0 when there was no answer at all. */
  status: number;
  /** Milliseconds from the request's arrival at the sidecar to the end of the answer (HAProxy's %Ta). */
  totalMs: number;
  /** Attempts after the first: connection retries and L7 retries (HAProxy's %rc). */
  retries: number;
  method: string;
}

/**
 * The `log-format` of a listener. `to` is a literal at the ingress (the pod itself) and `%s` on an
 * outbound listener (the server chosen); `service` stands in for it when HAProxy chose none
 * (`<NOSRV>`: every endpoint down or weighted out). Names are topology process and service names,
 * which never hold spaces, quotes or `%`.
 */
export function accessLogFormat(line: { from: string; to: string; service: string }): string {
  return `from=${line.from} to=${line.to} service=${line.service} status=%ST total_ms=%Ta retries=%rc method=%HM`;
}

/** The server placeholder of an outbound listener's log line: the server HAProxy picked. */
export const CHOSEN_SERVER = '%s';

/**
 * An outbound server also has a backup copy for when every endpoint is ejected (see outbound-sections),
 * named `<process>.panic`: process names are DNS labels, so the dot cannot be part of one.
 */
export const panicServerName = (process: string) => `${process}.panic`;
const processOfServer = (server: string) => server.split('.')[0]!;

const NO_SERVER = '<NOSRV>';
const MESSAGE = new RegExp(`^<\\d+>.*? ${ACCESS_LOG_TAG}\\[\\d+\\]: (.*)$`, 's');

/**
 * One access-log entry from one syslog datagram as HAProxy sends it; null for anything else (another
 * tag, a truncated or foreign line), which the receiver skips.
 */
export function parseAccessLogLine(datagram: string): AccessLogEntry | null {
  const message = MESSAGE.exec(datagram.trimEnd())?.[1];
  if (message === undefined) return null;
  const fields = new Map(
    message.split(' ').map((pair) => {
      const equals = pair.indexOf('=');
      return [pair.slice(0, equals), pair.slice(equals + 1)] as const;
    }),
  );
  const { from, to, service, method } = Object.fromEntries(
    ['from', 'to', 'service', 'method'].map((key) => [key, fields.get(key)]),
  );
  const status = integer(fields.get('status'));
  const totalMs = integer(fields.get('total_ms'));
  // HAProxy prefixes the retry count with `+` when the last attempt was redispatched to another server.
  const retries = integer(fields.get('retries')?.replace(/^\+/, ''));
  if (!from || !to || !service || !method || status === null || totalMs === null || retries === null) {
    return null;
  }
  return {
    from,
    to: to === NO_SERVER ? service : processOfServer(to),
    // -1: the exchange ended before any answer (the client or the server went away), an error.
    status: Math.max(0, status),
    totalMs: Math.max(0, totalMs),
    retries: Math.max(0, retries),
    method,
  };
}

function integer(text: string | undefined): number | null {
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : null;
}
