import type { RouteMatch } from '../../policy/src/mesh-policy.js';

/**
 * Pieces of HAProxy configuration text built from policy values. The values come from a parsed
 * policy, but they end up as words of a configuration file: anything that could break out of its word
 * (a space, a quote, a `#`) is refused here rather than rendered into a file HAProxy reads otherwise.
 */

export class SidecarConfigError extends Error {
  override name = 'SidecarConfigError';
}

/** Process and service names, which also name servers, backends and log fields: DNS labels. */
const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** A path as a word: unreserved URL characters and `/` only. */
const PATH = /^\/[A-Za-z0-9._~/-]*$/;

export function checkedName(name: string, what: string): string {
  if (!NAME.test(name)) throw new SidecarConfigError(`${what} "${name}" is not a DNS label`);
  return name;
}

/** An endpoint's host as the registration gave it: an IPv4 address or a host name. */
export function checkedHost(host: string): string {
  if (!/^[A-Za-z0-9.-]+$/.test(host))
    throw new SidecarConfigError(`host "${host}" is not an address or a name`);
  return host;
}

export function checkedPath(path: string, what: string): string {
  if (!PATH.test(path)) throw new SidecarConfigError(`${what} "${path}" is not a plain URL path`);
  return path;
}

/** A route's name as part of a backend name (which shows in /stats): anything else becomes `_`. */
export const proxyNamePart = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, '_');

/** The anonymous ACLs a call must all match (ANDed on one line); empty when the match takes every call. */
export function matchTerms(match: RouteMatch | undefined): string[] {
  const terms: string[] = [];
  if (match?.methods?.length) terms.push(`{ method ${match.methods.join(' ')} }`);
  if (match?.pathPrefix !== undefined)
    terms.push(`{ path_beg ${checkedPath(match.pathPrefix, 'path prefix')} }`);
  return terms;
}

/**
 * A condition over alternatives, each a list of ANDed terms: `A B or C`. An alternative without terms
 * is always true, which HAProxy spells with its predefined `TRUE` ACL.
 */
export function anyOf(alternatives: string[][]): string {
  return alternatives.map((terms) => (terms.length ? terms.join(' ') : 'TRUE')).join(' or ');
}

/**
 * `percent` of the calls, drawn per call. Drawn in hundredths so a policy's 0.5% is honoured;
 * 100% or more needs no draw at all.
 */
export function sampledTerms(percent: number): string[] {
  return percent >= 100 ? [] : [`{ rand(10000) lt ${Math.round(percent * 100)} }`];
}

/** A string as a single-quoted word: HAProxy takes its content literally, including `"` and spaces. */
export function quoted(text: string): string {
  if (text.includes("'")) throw new SidecarConfigError(`cannot quote ${text}: it holds a single quote`);
  return `'${text}'`;
}

/** A section: its header, then its lines indented. */
export function section(header: string, body: string[]): string {
  return [header, ...body.map((line) => `  ${line}`)].join('\n');
}
