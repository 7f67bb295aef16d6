import type { AuthorizationRule, FaultInjection } from '../../policy/src/mesh-policy.js';
import { accessLogFormat, INGRESS_CALLER } from './access-log.js';
import { anyOf, matchTerms, quoted, sampledTerms, section } from './config-text.js';
import type { SidecarConfig } from './sidecar-config.js';

/**
 * The path a caller's sidecar health-checks a pod on (`option httpchk`): the inbound answers it with the
 * service's own health path, which callers do not know. Any mesh identity may ask it, whatever the
 * authorization rules, since checking is not calling.
 */
export const PEER_HEALTH_PATH = '/.mesh/ready';

/** A peer's health check: always a GET (or HEAD) of PEER_HEALTH_PATH. */
const PEER_HEALTH_CHECK = [`{ path ${PEER_HEALTH_PATH} }`, '{ method GET HEAD }'];

/**
 * Who is calling, from the peer certificate the handshake verified against the mesh CA. HAProxy 2.6
 * has no sample fetch for a certificate's subject alternative names, so the SPIFFE URI cannot be read
 * here; the CN is used instead. It names the same service: the mesh CA, the only issuer the inbound
 * trusts, writes CN=<service> beside URI:spiffe://<trustDomain>/ns/lab/sa/<service> in every
 * certificate it issues.
 */
const CALLER = 'ssl_c_s_dn(CN)';

/**
 * The pod's port. `mtls`: a TLS handshake that requires a client certificate from the mesh CA (a
 * plaintext call, no certificate or another CA's all fail the handshake), then authorization, then
 * faults. `ingress`: plaintext from clients, faults, and the access log of the call as it enters.
 */
export function inboundSection(config: SidecarConfig): string {
  const { inbound, files, process, service } = config;
  if (inbound.mode === 'ingress') {
    return section('frontend inbound', [
      `bind 127.0.0.1:${inbound.port}`,
      ...(config.accessLog
        ? [
            'log global',
            `log-format ${quoted(accessLogFormat({ from: INGRESS_CALLER, to: process, service }))}`,
          ]
        : []),
      ...faultRules(inbound.faults, process),
      'default_backend app',
    ]);
  }
  return section('frontend inbound', [
    `bind 127.0.0.1:${inbound.port} ssl crt ${quoted(files.certificate)} ca-file ${quoted(files.caBundle)} verify required`,
    ...(inbound.authorization ? [authorizationRule(inbound.authorization, service)] : []),
    ...faultRules(inbound.faults, process),
    `http-request set-path ${config.app.healthPath} if ${PEER_HEALTH_CHECK.join(' ')}`,
    'default_backend app',
  ]);
}

/**
 * pattern: authorization by identity (an AuthorizationPolicy with action ALLOW): a call goes on when a
 * rule names its caller (or `*`, any mesh identity) and its method and path fit the rule's `to`.
 */
function authorizationRule(rules: AuthorizationRule[], service: string): string {
  const allowed = rules.map((rule) => [...callerTerms(rule.from), ...matchTerms(rule.to)]);
  const refusal = `{"errors":{"mesh":["%[${CALLER},json(utf8s)] may not call ${service}: %[method] %[path,json(utf8s)]"]}}`;
  return (
    `http-request return status 403 content-type application/json lf-string ${quoted(refusal)} ` +
    `unless ${anyOf([PEER_HEALTH_CHECK, ...allowed])}`
  );
}

const callerTerms = (from: string[]) =>
  from.includes('*') ? [] : [`{ ${CALLER} -m str ${from.join(' ')} }`];

/**
 * Faults, in Envoy's order: a delayed call may then be aborted too. A delay never holds a peer's
 * health check, or a delay fault would read as a dead instance; an abort does answer it, so an
 * instance aborting every call is ejected by its callers as a really failing one would be.
 */
function faultRules(faults: FaultInjection[], process: string): string[] {
  const delays = faults.flatMap(({ match, delay }) =>
    delay && delay.percent > 0
      ? [
          `http-request lua.mesh_delay ${Math.round(delay.fixedDelayMs)} if ${[
            ...matchTerms(match),
            ...sampledTerms(delay.percent),
            `!{ path ${PEER_HEALTH_PATH} }`,
          ].join(' ')}`,
        ]
      : [],
  );
  const body = JSON.stringify({ errors: { mesh: [`fault injected by the ${process} sidecar`] } });
  const aborts = faults.flatMap(({ match, abort }) =>
    abort && abort.percent > 0
      ? [
          `http-request return status ${abort.status} content-type application/json string ${quoted(body)}` +
            conditionSuffix([...matchTerms(match), ...sampledTerms(abort.percent)]),
        ]
      : [],
  );
  return [...delays, ...aborts];
}

/** ` if <terms>`, or nothing when every call matches. */
const conditionSuffix = (terms: string[]) => (terms.length ? ` if ${terms.join(' ')}` : '');
