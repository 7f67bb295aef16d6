export type QueryValue = string | number | undefined | readonly (string | number)[];

export interface CallTarget {
  /** The downstream's route pattern, e.g. `/articles/:slug`: the call's name in traces and metrics. */
  route: string;
  /** Values of the route's `:name` parts, URL-encoded into the path. */
  params?: Record<string, string | number>;
  /** Arrays are sent comma-separated (`ids=1,2,3`); undefined values are left out. */
  query?: Record<string, QueryValue>;
}

/** The URL of one call: the route's `:parts` filled in (encoded), then the query. */
export function callUrl(baseUrl: string, { route, params = {}, query = {} }: CallTarget): URL {
  const path = route.replace(/:(\w+)/g, (_, part: string) => {
    const value = params[part];
    if (value === undefined) throw new Error(`route ${route}: no value for :${part}`);
    return encodeURIComponent(value);
  });
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return url;
}
