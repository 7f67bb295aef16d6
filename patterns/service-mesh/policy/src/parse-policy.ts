import { type Document, parseDocument, visit } from 'yaml';
import { formatDuration } from './duration.js';
import type {
  AuthorizationRule,
  FaultInjection,
  HttpMethod,
  MeshPolicy,
  OutlierDetection,
  RetryCondition,
  RetryPolicy,
  RouteMatch,
  RoutePolicy,
  ServicePolicy,
} from './mesh-policy.js';
import { MESH_SERVICES, type MeshServices, versionsOf } from './mesh-services.js';
import { at, described, FieldReader, oneOfNames } from './policy-fields.js';

/** Every problem of a policy file, each `path: what is wrong`, e.g. `services.articles.split: …`. */
export class PolicyError extends Error {
  override name = 'PolicyError';

  constructor(readonly problems: string[]) {
    super(`the policy has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
}

const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const RETRY_CONDITIONS: readonly RetryCondition[] = ['connect-failure', 'reset', 'gateway-error', '5xx'];
const SECOND = 1_000;
const HOUR = 3_600_000;
/**
 * The longest timeout, per-try timeout or ejection the sidecars run: a day. HAProxy's timers stop at
 * 2^31 ms (24.8 days) and refuse a configuration past it; a call waited on for more than a day is a
 * slip of the unit anyway.
 */
const LONGEST_PROXY_TIMER = 24 * HOUR;

// Every name and path below ends up in a proxy's configuration and in cluster manifests: they are
// held to shapes that cannot break out of either.
const DNS_NAME = {
  pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
  description: 'a lowercase DNS name like conduit.journey',
};
const ROUTE_NAME = { pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, description: 'a lowercase name like reads' };
const PATH_PREFIX = {
  pattern: /^\/[A-Za-z0-9._~\-/:]*$/,
  description: 'a URL path starting with / (letters, digits, - . _ ~ / :)',
};

/**
 * The policy file a learner writes (mesh-policy.yaml), checked against the services the mesh runs
 * (`mesh`: each service's versions). Throws a PolicyError listing every problem at once.
 */
export function parsePolicy(yamlText: string, mesh: MeshServices = MESH_SERVICES): MeshPolicy {
  const document = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new PolicyError(
      document.errors.map((error) => `${lineOf(yamlText, error.pos[0])}: ${error.message}`),
    );
  }
  const read = new FieldReader();
  const policy = readPolicy(read, documentValue(document, yamlText), mesh);
  if (read.problems.length > 0 || policy === undefined) throw new PolicyError(read.problems);
  return policy;
}

/**
 * The document as plain values. YAML's parser accepts an alias to no anchor, and aliases nested until
 * they expand to millions of values (a billion laughs); both only fail when the values are built, as
 * a ReferenceError that is the writer's mistake, said here as a policy problem.
 */
function documentValue(document: Document, yamlText: string): unknown {
  const unresolved: string[] = [];
  visit(document, {
    Alias(_key, alias) {
      if (alias.resolve(document) === undefined)
        unresolved.push(
          `${lineOf(yamlText, alias.range?.[0] ?? 0)}: the alias *${alias.source} names no anchor above it`,
        );
    },
  });
  if (unresolved.length > 0) throw new PolicyError(unresolved);
  try {
    return document.toJS();
  } catch (error) {
    if (error instanceof ReferenceError)
      throw new PolicyError(['policy: too many aliases (*name) for a policy file: write the values out']);
    throw error;
  }
}

function lineOf(text: string, offset: number): string {
  return `line ${text.slice(0, offset).split('\n').length}`;
}

function readPolicy(read: FieldReader, value: unknown, mesh: MeshServices): MeshPolicy | undefined {
  if (value === undefined || value === null) {
    read.report('policy', 'the file is empty: it needs trustDomain, certificateTtl and services');
    return undefined;
  }
  const fields = read.map(value, '', { required: ['trustDomain', 'certificateTtl', 'services'] });
  if (fields === undefined) return undefined;
  const trustDomain = read.text(fields.trustDomain, 'trustDomain', DNS_NAME);
  // A workload certificate shorter than a minute would be rotated all the time; longer than 30 days
  // defeats the point of short-lived certificates (Istio's default is 24h).
  const certificateTtlMs = read.duration(fields.certificateTtl, 'certificateTtl', {
    min: 60 * SECOND,
    max: 720 * HOUR,
  });
  const services: Record<string, ServicePolicy> = {};
  for (const [name, service] of read.entries(fields.services ?? {}, 'services')) {
    const path = at('services', name);
    const versions = versionsOf(mesh, name);
    if (versions === undefined)
      read.report(path, `no such service in the mesh ${oneOfNames(name, Object.keys(mesh))}`);
    else services[name] = readService(read, service, path, { name, versions, mesh });
  }
  if (trustDomain === undefined || certificateTtlMs === undefined) return undefined;
  return { trustDomain, certificateTtlMs, services };
}

interface ServiceContext {
  name: string;
  versions: readonly string[];
  mesh: MeshServices;
}

function readService(
  read: FieldReader,
  value: unknown,
  path: string,
  service: ServiceContext,
): ServicePolicy {
  const fields = read.map(value ?? {}, path, {
    optional: ['split', 'routes', 'outlierDetection', 'authorization', 'faults'],
  });
  if (fields === undefined) return {};
  const policy: ServicePolicy = {};
  if (fields.split !== undefined) policy.split = readSplit(read, fields.split, at(path, 'split'), service);
  if (fields.routes !== undefined) policy.routes = readRoutes(read, fields.routes, at(path, 'routes'));
  if (fields.outlierDetection !== undefined) {
    policy.outlierDetection = readOutlierDetection(
      read,
      fields.outlierDetection,
      at(path, 'outlierDetection'),
    );
  }
  if (fields.authorization !== undefined) {
    policy.authorization = read
      .list(fields.authorization, at(path, 'authorization'))
      .map((rule, i) => readAuthorizationRule(read, rule, at(at(path, 'authorization'), i), service.mesh));
  }
  if (fields.faults !== undefined) {
    policy.faults = read
      .list(fields.faults, at(path, 'faults'))
      .map((fault, i) => readFault(read, fault, at(at(path, 'faults'), i), service));
  }
  return policy;
}

function readSplit(read: FieldReader, value: unknown, path: string, service: ServiceContext) {
  const split: Record<string, number> = {};
  const problemsBefore = read.problems.length;
  for (const [version, percent] of read.entries(value, path)) {
    if (!service.versions.includes(version)) {
      read.report(
        at(path, version),
        `${service.name} has no version ${version} (${service.versions.join(', ')})`,
      );
      continue;
    }
    const share = read.percent(percent, at(path, version));
    if (share !== undefined) split[version] = share;
  }
  // A sum over percents already refused would only add confusion.
  if (read.problems.length > problemsBefore) return split;
  const shares = Object.values(split);
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (shares.length === 0)
    read.report(path, `must give a percent to at least one of ${service.versions.join(', ')}`);
  else if (total !== 100) read.report(path, `the percents add up to ${total}, not 100`);
  return split;
}

function readRoutes(read: FieldReader, value: unknown, path: string): RoutePolicy[] {
  const routes = read.list(value, path).map((route, i) => readRoute(read, route, at(path, i)));
  const seen = new Set<string>();
  routes.forEach((route, i) => {
    if (route.name !== '' && seen.has(route.name))
      read.report(at(path, i), `a second route named ${route.name}`);
    seen.add(route.name);
    const catchAll = route.match === undefined || (!route.match.methods && !route.match.pathPrefix);
    if (catchAll && i < routes.length - 1) {
      read.report(at(path, i), `matches every call, so the routes after it never apply: put it last`);
    }
  });
  return routes;
}

function readRoute(read: FieldReader, value: unknown, path: string): RoutePolicy {
  const fields = read.map(value, path, { required: ['name'], optional: ['match', 'timeout', 'retries'] });
  const route: RoutePolicy = { name: read.text(fields?.name, at(path, 'name'), ROUTE_NAME) ?? '' };
  if (fields === undefined) return route;
  if (fields.match !== undefined) route.match = readMatch(read, fields.match, at(path, 'match'));
  if (fields.timeout !== undefined)
    route.timeoutMs = read.duration(fields.timeout, at(path, 'timeout'), {
      min: 1,
      max: LONGEST_PROXY_TIMER,
    });
  if (fields.retries !== undefined) route.retries = readRetries(read, fields.retries, at(path, 'retries'));
  const perTry = route.retries?.perTryTimeoutMs;
  if (perTry !== undefined && route.timeoutMs !== undefined && perTry > route.timeoutMs) {
    read.report(
      at(at(path, 'retries'), 'perTryTimeout'),
      `${formatDuration(perTry)} is longer than the route's timeout (${formatDuration(route.timeoutMs)}): ` +
        'no single try could time out before the whole call does',
    );
  }
  return route;
}

function readMatch(read: FieldReader, value: unknown, path: string): RouteMatch {
  const fields = read.map(value, path, { optional: ['methods', 'pathPrefix'] });
  const match: RouteMatch = {};
  if (fields?.methods !== undefined) {
    match.methods = read
      .list(fields.methods, at(path, 'methods'), { nonEmpty: true })
      .map((method, i) => read.oneOf(method, at(at(path, 'methods'), i), HTTP_METHODS))
      .filter((method) => method !== undefined);
  }
  if (fields?.pathPrefix !== undefined) {
    match.pathPrefix = read.text(fields.pathPrefix, at(path, 'pathPrefix'), PATH_PREFIX);
  }
  return match;
}

function readRetries(read: FieldReader, value: unknown, path: string): RetryPolicy {
  const fields = read.map(value, path, { required: ['attempts'], optional: ['perTryTimeout', 'retryOn'] });
  // Attempts after the first; more than ten only multiplies the load on a callee that is already failing.
  const attempts = read.wholeNumber(fields?.attempts, at(path, 'attempts'), 0, 10) ?? 0;
  const retries: RetryPolicy = { attempts, retryOn: [] };
  if (fields === undefined) return retries;
  if (fields.perTryTimeout !== undefined) {
    retries.perTryTimeoutMs = read.duration(fields.perTryTimeout, at(path, 'perTryTimeout'), {
      min: 1,
      max: LONGEST_PROXY_TIMER,
    });
  }
  if (fields.retryOn !== undefined) {
    retries.retryOn = read
      .list(fields.retryOn, at(path, 'retryOn'), { nonEmpty: true })
      .map((condition, i) => read.oneOf(condition, at(at(path, 'retryOn'), i), RETRY_CONDITIONS))
      .filter((condition) => condition !== undefined);
  } else if (attempts > 0) {
    read.report(
      at(path, 'retryOn'),
      `is required with attempts: say which failures to retry (${RETRY_CONDITIONS.join(', ')})`,
    );
  }
  return retries;
}

function readOutlierDetection(read: FieldReader, value: unknown, path: string): OutlierDetection {
  const fields = read.map(value, path, {
    required: ['consecutive5xxErrors', 'interval', 'baseEjectionTime'],
  });
  return {
    consecutive5xxErrors:
      read.wholeNumber(fields?.consecutive5xxErrors, at(path, 'consecutive5xxErrors'), 1, 1_000) ?? 1,
    intervalMs:
      read.duration(fields?.interval, at(path, 'interval'), { min: 100, max: LONGEST_PROXY_TIMER }) ?? 0,
    baseEjectionTimeMs:
      read.duration(fields?.baseEjectionTime, at(path, 'baseEjectionTime'), {
        min: 100,
        max: LONGEST_PROXY_TIMER,
      }) ?? 0,
  };
}

function readAuthorizationRule(
  read: FieldReader,
  value: unknown,
  path: string,
  mesh: MeshServices,
): AuthorizationRule {
  const fields = read.map(value, path, { required: ['from'], optional: ['to'] });
  const from = read
    .list(fields?.from, at(path, 'from'), { nonEmpty: true })
    .map((caller, i) => {
      if (caller === '*' || (typeof caller === 'string' && versionsOf(mesh, caller) !== undefined))
        return caller;
      read.report(
        at(at(path, 'from'), i),
        `no such service in the mesh: ${described(caller)} ${oneOfNames(String(caller), Object.keys(mesh), ', or * for any')}`,
      );
      return undefined;
    })
    .filter((caller) => caller !== undefined);
  const rule: AuthorizationRule = { from };
  if (fields?.to !== undefined) rule.to = readMatch(read, fields.to, at(path, 'to'));
  return rule;
}

function readFault(read: FieldReader, value: unknown, path: string, service: ServiceContext): FaultInjection {
  const fields = read.map(value, path, { optional: ['version', 'match', 'abort', 'delay'] });
  const fault: FaultInjection = {};
  if (fields === undefined) return fault;
  if (fields.abort === undefined && fields.delay === undefined)
    read.report(path, 'must say abort, delay or both');
  if (fields.version !== undefined) {
    const version = read.text(fields.version, at(path, 'version'));
    if (version !== undefined && !service.versions.includes(version)) {
      read.report(
        at(path, 'version'),
        `${service.name} has no version ${version} (${service.versions.join(', ')})`,
      );
    }
    fault.version = version;
  }
  if (fields.match !== undefined) fault.match = readMatch(read, fields.match, at(path, 'match'));
  if (fields.abort !== undefined) {
    const abortPath = at(path, 'abort');
    const abort = read.map(fields.abort, abortPath, { required: ['percent', 'status'] });
    fault.abort = {
      percent: read.percent(abort?.percent, at(abortPath, 'percent')) ?? 0,
      // An abort stands for a failing instance: an error status, which callers' retries may act on.
      status: read.wholeNumber(abort?.status, at(abortPath, 'status'), 400, 599) ?? 503,
    };
  }
  if (fields.delay !== undefined) {
    const delayPath = at(path, 'delay');
    const delay = read.map(fields.delay, delayPath, { required: ['percent', 'fixedDelay'] });
    fault.delay = {
      percent: read.percent(delay?.percent, at(delayPath, 'percent')) ?? 0,
      fixedDelayMs:
        read.duration(delay?.fixedDelay, at(delayPath, 'fixedDelay'), { min: 1, max: 60 * SECOND }) ?? 0,
    };
  }
  return fault;
}
