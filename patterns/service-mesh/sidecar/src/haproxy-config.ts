import { fileURLToPath } from 'node:url';
import { ACCESS_LOG_TAG } from './access-log.js';
import { checkedName, checkedPath, quoted, section } from './config-text.js';
import { inboundSection } from './inbound-section.js';
import { ejectingBackends, outboundSections } from './outbound-sections.js';
import type { SidecarConfig } from './sidecar-config.js';

const luaFile = (name: string) => fileURLToPath(new URL(`../lua/${name}`, import.meta.url));
/** The delay fault's Lua action, loaded by every sidecar. */
const FAULTS_LUA_FILE = luaFile('faults.lua');
/** The ejection of servers whose failing tries were retried, which HAProxy's own observe never sees. */
const RETRIED_TRIES_LUA_FILE = luaFile('retried-tries.lua');

/**
 * The services' own call budget (`DEFAULT_CALL_BUDGET` of @journey/platform): a call no route of the
 * policy times is given as long at the sidecar as the service would have given it.
 */
const DEFAULT_SERVER_TIMEOUT_MS = 10_000;

/**
 * pattern: the data plane's whole configuration, from one SidecarConfig. Pure: the control plane
 * renders it, writes it and asks the running sidecar to reload; a config that renders the same text
 * needs no reload at all.
 */
export function renderHaproxyConfig(config: SidecarConfig): string {
  checkedName(config.process, 'process');
  checkedName(config.service, 'service');
  return `${[
    `# ${config.process}'s sidecar (${config.service} ${config.version}, ${config.identity}), generation ${config.generation}.\n` +
      '# Rendered by mesh-control from the mesh policy: an edit here is lost at the next apply.',
    globalSection(config),
    defaultsSection(config),
    adminSection(config),
    inboundSection(config),
    ...outboundSections(config),
    appBackend(config),
  ].join('\n\n')}\n`;
}

function globalSection(config: SidecarConfig): string {
  const { sockets, accessLog } = config;
  const ejecting = ejectingBackends(config);
  return section('global', [
    // Seven sidecars share a 2-core machine beside the services: one thread each is plenty for a
    // sidecar's load, and more would only contend.
    'nbthread 1',
    // level admin: the control plane pushes certificates and reads counters here; expose-fd lets the
    // master hand the listening sockets to the next worker, so a reload refuses no connection.
    `stats socket ${quoted(sockets.runtime)} mode 600 level admin expose-fd listeners`,
    `lua-load ${quoted(FAULTS_LUA_FILE)}`,
    ...(ejecting.length
      ? [
          `setenv MESH_EJECTING_BACKENDS ${quoted(ejecting.map(({ backend, threshold }) => `${backend}=${threshold}`).join(' '))}`,
          `lua-load ${quoted(RETRIED_TRIES_LUA_FILE)}`,
        ]
      : []),
    // A reload's old worker finishes the calls in flight; a keep-alive client that never lets go
    // cannot keep it alive past this.
    'hard-stop-after 30s',
    ...(accessLog ? [`log ${accessLog.host}:${accessLog.port} local0`, `log-tag ${ACCESS_LOG_TAG}`] : []),
  ]);
}

/**
 * What the sidecar answers itself when it cannot pass a call on or back. HAProxy's own pages are HTML;
 * a service relaying one would put HTML into the API, so they speak the API's error shape instead.
 */
const OWN_ERRORS: Record<number, string> = {
  400: 'could not read the request',
  408: 'waited too long for the request',
  500: 'failed to handle the call',
  502: 'got no valid answer from the service',
  503: 'has no instance of the service to send the call to',
  504: 'got no answer from the service in time',
};

const defaultsSection = ({ process }: SidecarConfig) =>
  section('defaults', [
    'mode http',
    // Sidecar to sidecar is one identity to one identity: any idle connection to a server may carry any
    // call, even a client's first, so a hop rarely opens a connection (let alone a TLS handshake). The
    // servers are HAProxy inbounds and the services (keep-alive 60 s and more), which do not close a
    // connection just released; idle connections are purged here long before that. A connection that
    // does open resumes its TLS session (HAProxy caches one per server by default, and the inbound
    // keeps a session cache): an abbreviated handshake, not a full one with certificate checks.
    'http-reuse always',
    // On a reload the old worker would close its clients' idle keep-alive connections at once, and a
    // call written on one at that moment is lost (tried: several per reload under a steady flow). With
    // this it waits for each one's next call and answers it with `Connection: close` (what HAProxy did
    // before 2.4); the services' clients drop idle connections after 10 s, hard-stop-after caps the rest.
    'option idle-close-on-response',
    // HAProxy waits min(timeout connect, 1 s) before trying a refused connection again: at 1 s a call to
    // a killed pod took 2 s to get its 503 (two retries), long enough for clients to time out on it. Every
    // hop is a local connect, which a live listener accepts in well under a millisecond.
    'timeout connect 250ms',
    'timeout client 30s',
    'timeout http-request 10s',
    // Longer than the services' clients keep an idle connection (10 s), so it is they who close it and
    // never find it closed under a call they just sent.
    'timeout http-keep-alive 60s',
    `timeout server ${DEFAULT_SERVER_TIMEOUT_MS}ms`,
    'timeout check 2s',
    ...Object.entries(OWN_ERRORS).map(
      ([status, what]) =>
        `http-error status ${status} content-type application/json string ${quoted(
          JSON.stringify({ errors: { mesh: [`the ${process} sidecar ${what}`] } }),
        )}`,
    ),
  ]);

/**
 * Plaintext, loopback only: the lab's health probe and Prometheus. Anything else is a 404, so the port
 * is no way around the inbound's mTLS and authorization to the service.
 */
function adminSection({ adminPort, app }: SidecarConfig): string {
  const health = `{ path ${checkedPath(app.healthPath, 'health path')} } { method GET HEAD }`;
  return [
    section('frontend admin', [
      `bind 127.0.0.1:${adminPort}`,
      'http-request use-service prometheus-exporter if { path /metrics }',
      `http-request return status 404 content-type application/json string ${quoted(
        JSON.stringify({
          errors: { admin: [`not found: this port serves ${app.healthPath}, /metrics and /stats`] },
        }),
      )} unless ${health} or { path_beg /stats }`,
      'use_backend stats if { path_beg /stats }',
      'default_backend app',
    ]),
    section('backend stats', ['stats enable', 'stats uri /stats', 'stats refresh 5s']),
  ].join('\n\n');
}

function appBackend({ app }: SidecarConfig): string {
  return section('backend app', [`server app 127.0.0.1:${app.port}`]);
}
