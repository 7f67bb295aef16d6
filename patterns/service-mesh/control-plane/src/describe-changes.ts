import { formatDuration } from '../../policy/src/duration.js';
import type { AuthorizationRule, FaultInjection, RoutePolicy } from '../../policy/src/mesh-policy.js';
import type { OutboundListener, SidecarConfig } from '../../sidecar/src/sidecar-config.js';

/**
 * What a new configuration changes in a running sidecar, one line per change, as `journey mesh apply`
 * prints it: `calls to articles: v1 100 → 90, v2 0 → 10`. Empty when nothing the sidecar does changes.
 */
export function describeChanges(before: SidecarConfig, after: SidecarConfig): string[] {
  const changes: string[] = [];
  const changed = <T>(what: string, a: T, b: T, show: (value: T) => string) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push(`${what}: ${show(a)} → ${show(b)}`);
  };
  changed('who may call it', before.inbound.authorization, after.inbound.authorization, showAuthorization);
  changed('faults it injects', before.inbound.faults, after.inbound.faults, showFaults);
  for (const listener of after.outbound) {
    const old = before.outbound.find((candidate) => candidate.service === listener.service);
    if (old === undefined) {
      changes.push(`calls to ${listener.service}: new listener`);
      continue;
    }
    const weights = listener.endpoints
      .map((endpoint) => [endpoint.version, weightOf(old, endpoint.version), endpoint.weight] as const)
      .filter(([, from, to]) => from !== to);
    if (weights.length > 0) {
      changes.push(
        `calls to ${listener.service}: ${weights.map(([version, from, to]) => `${version} ${from} → ${to}`).join(', ')}`,
      );
    }
    changed(`routes to ${listener.service}`, old.routes, listener.routes, showRoutes);
    changed(
      `outlier detection of ${listener.service}`,
      old.outlierDetection,
      listener.outlierDetection,
      (o) =>
        o === undefined
          ? 'none'
          : `${o.consecutive5xxErrors} errors, ${formatDuration(o.intervalMs)}, out ${formatDuration(o.baseEjectionTimeMs)}`,
    );
  }
  changed('access log', before.accessLog, after.accessLog, (log) =>
    log ? `${log.host}:${log.port}` : 'none',
  );
  return changes;
}

const weightOf = (listener: OutboundListener, version: string) =>
  listener.endpoints.find((endpoint) => endpoint.version === version)?.weight;

const showAuthorization = (rules: AuthorizationRule[] | undefined) =>
  rules === undefined
    ? 'any mesh identity'
    : rules.map((rule) => rule.from.join(', ')).join('; ') || 'nobody';

const showFaults = (faults: FaultInjection[]) =>
  faults.length === 0
    ? 'none'
    : faults
        .map((fault) =>
          [
            fault.abort && `abort ${fault.abort.percent}% with ${fault.abort.status}`,
            fault.delay && `delay ${fault.delay.percent}% by ${formatDuration(fault.delay.fixedDelayMs)}`,
          ]
            .filter(Boolean)
            .join(' and ')
            .concat(fault.match?.methods ? ` of ${fault.match.methods.join('/')}` : ''),
        )
        .join('; ');

const showRoutes = (routes: RoutePolicy[]) =>
  routes.length === 0
    ? 'none'
    : routes
        .map((route) => {
          const timeout = route.timeoutMs === undefined ? '' : ` ${formatDuration(route.timeoutMs)}`;
          const retries = route.retries ? ` ${route.retries.attempts} retries` : '';
          return `${route.name}${timeout}${retries}`;
        })
        .join(', ');
