import type { OutlierDetection, RetryCondition, RoutePolicy } from '../../policy/src/mesh-policy.js';
import { accessLogFormat, CHOSEN_SERVER, panicServerName } from './access-log.js';
import { checkedHost, checkedName, matchTerms, proxyNamePart, quoted, section } from './config-text.js';
import { PEER_HEALTH_PATH } from './inbound-section.js';
import type { OutboundListener, SidecarConfig, UpstreamEndpoint } from './sidecar-config.js';

/**
 * Envoy's retry-on words in HAProxy's. Envoy's `reset` and `5xx` include a try that never answers
 * (its per-try timeout), HAProxy's `response-timeout`; without it a per-try timeout would end the call
 * instead of trying again. `5xx` includes connection failures too, as Envoy's does.
 */
const RETRY_ON: Record<RetryCondition, string[]> = {
  'connect-failure': ['conn-failure'],
  reset: ['empty-response', 'junk-response', 'response-timeout'],
  'gateway-error': ['502', '503', '504'],
  '5xx': [
    'conn-failure',
    'empty-response',
    'junk-response',
    'response-timeout',
    '500',
    '501',
    '502',
    '503',
    '504',
  ],
};

/**
 * What a call matching no route gets (and a route that sets no retries): another try only when the
 * connection failed, so the service cannot have seen the call. HAProxy's own default is 3.
 */
const CONNECTION_RETRIES = 2;

/**
 * One frontend per service the pod calls, where the service's `<SERVICE>_URL` points, and one backend
 * per route of the policy plus one for calls matching none. HAProxy's retries and timeouts are set per
 * backend, which is why routes are backends; the first route whose ACLs match a call picks it.
 */
export function outboundSections(config: SidecarConfig): string[] {
  return config.outbound.flatMap((listener) => {
    const service = checkedName(listener.service, 'upstream service');
    const routes = routeBackends(listener);
    return [
      section(`frontend outbound.${service}`, [
        // Only the service beside it calls this listener: plaintext on loopback, mTLS from here on.
        `bind 127.0.0.1:${listener.listenPort}`,
        ...(config.accessLog
          ? [
              'log global',
              `log-format ${quoted(accessLogFormat({ from: config.process, to: CHOSEN_SERVER, service }))}`,
            ]
          : []),
        ...routes.map(({ route, backend }) => {
          const terms = matchTerms(route.match);
          return `use_backend ${backend}${terms.length ? ` if ${terms.join(' ')}` : ''}`;
        }),
        `default_backend ${service}`,
      ]),
      ...routes.map(({ route, backend }) => upstreamBackend(backend, config, listener, route)),
      upstreamBackend(service, config, listener, undefined),
    ];
  });
}

/** A route's backend: named after the service and the route (it shows in /stats), in the route's order. */
const routeBackends = (listener: OutboundListener) =>
  listener.routes.map((route, index) => ({
    route,
    backend: `${listener.service}.${index + 1}.${proxyNamePart(route.name)}`,
  }));

/** Every backend that ejects failing endpoints, with its threshold (consecutive5xxErrors). */
export function ejectingBackends(config: SidecarConfig): { backend: string; threshold: number }[] {
  return config.outbound.flatMap((listener) => {
    const detection = listener.outlierDetection;
    if (!detection) return [];
    return [...routeBackends(listener).map(({ backend }) => backend), listener.service].map((backend) => ({
      backend,
      threshold: detection.consecutive5xxErrors,
    }));
  });
}

/**
 * The service's endpoints for calls of one route (or of none). Each backend checks and ejects its
 * servers on its own: HAProxy's `track` would share one backend's health-check state, but the errors a
 * tracking server answers are not observed (tried on 2.6: `observe layer7` on tracking servers never
 * ejected one), so ejection would only ever see the calls of the backend that checks.
 */
function upstreamBackend(
  name: string,
  config: SidecarConfig,
  listener: OutboundListener,
  route: RoutePolicy | undefined,
): string {
  const retries = route?.retries;
  const timeoutMs = retries?.perTryTimeoutMs ?? route?.timeoutMs;
  const detection = listener.outlierDetection;
  return section(`backend ${name}`, [
    'balance roundrobin',
    `retries ${retries ? retries.attempts : CONNECTION_RETRIES}`,
    `retry-on ${retries ? retryOn(retries.retryOn) : 'conn-failure'}`,
    // Every retry goes to another endpoint when there is one, as Envoy's retries prefer other hosts.
    'option redispatch 1',
    ...(timeoutMs === undefined ? [] : [`timeout server ${timeoutMs}ms`]),
    `default-server ${tlsOptions(config, listener.service)}`,
    ...(detection
      ? ejectingServers(listener.endpoints, detection)
      : listener.endpoints.map((endpoint) => serverLine(processOf(endpoint), endpoint))),
  ]);
}

const serverLine = (name: string, endpoint: UpstreamEndpoint, options: string[] = []) =>
  [
    'server',
    name,
    `${checkedHost(endpoint.host)}:${endpoint.port}`,
    `weight ${endpoint.weight}`,
    ...options,
  ].join(' ');

/** Servers are named after the pod's process, which is what the access log reports as `to`. */
const processOf = (endpoint: UpstreamEndpoint) => checkedName(endpoint.process, 'upstream process');

function retryOn(conditions: RetryCondition[]): string {
  const words = [...new Set(conditions.flatMap((condition) => RETRY_ON[condition]))];
  return words.length ? words.join(' ') : 'none';
}

/**
 * mTLS to every endpoint: this pod's certificate, only the mesh CA as issuer, and the endpoint's
 * certificate must name the service meant (`verifyhost`, matched against its SAN DNS `<service>`),
 * so a pod holding another identity cannot stand in for it.
 */
const tlsOptions = ({ files }: SidecarConfig, service: string) =>
  `ssl crt ${quoted(files.certificate)} ca-file ${quoted(files.caBundle)} verify required verifyhost ${service}`;

/**
 * pattern: outlier detection. Passive: `consecutive5xxErrors` failed answers in a row mark a server
 * down at once (observe layer7 counts every 5xx but 501 and 505, and no answer at all; the tries it
 * never sees, those retried, are counted by lua/retried-tries.lua). Active: it is
 * then health-checked every `intervalMs` over mTLS and comes back after `rise` good checks in a row,
 * which cannot take less than baseEjectionTimeMs. `fall`: three failed checks take out a server no
 * call has reached.
 *
 * When every endpoint is out, calls go to them all the same (their backup copies, unchecked, weighted
 * as they are): Envoy's panic threshold. Ejection only moves calls to a better instance; with none
 * left, an ailing service answers better than HAProxy's 503 would, and it is back the moment it heals
 * instead of baseEjectionTimeMs later.
 */
function ejectingServers(endpoints: UpstreamEndpoint[], detection: OutlierDetection): string[] {
  const { consecutive5xxErrors, intervalMs, baseEjectionTimeMs } = detection;
  const ejection = [
    'check',
    `inter ${intervalMs}ms`,
    `rise ${Math.max(1, Math.ceil(baseEjectionTimeMs / intervalMs))}`,
    'fall 3',
    'observe layer7',
    `error-limit ${consecutive5xxErrors}`,
    'on-error mark-down',
  ];
  return [
    `option httpchk GET ${PEER_HEALTH_PATH}`,
    'option allbackups',
    ...endpoints.map((endpoint) => serverLine(processOf(endpoint), endpoint, ejection)),
    ...endpoints.map((endpoint) => serverLine(panicServerName(processOf(endpoint)), endpoint, ['backup'])),
  ];
}
