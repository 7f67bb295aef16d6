import type { ArchitectureRule } from './rule.js';

const CONDUIT_SQL = '(^|/)node_modules/@journey/conduit-sql/src';
const WHOLE_SCHEMA = `${CONDUIT_SQL}/conduit-schema\\.ts$`;

export interface SchemaOwnership {
  /** Each service (its folder under `services/`) and the one group of the Conduit schema it owns. */
  groupOf: Record<string, string>;
  /** Path regex of the code that owns no data at all (a gateway, shared libs, a read side). */
  ownsNoData: string;
  /** Who owns no data, in words, for the rule's reason: `gateway and libs own no data`. */
  ownsNoDataInWords: string;
}

/**
 * For the patterns with a database per service (ADR 0010): a service imports exactly its own group
 * of `@journey/conduit-sql`, never another one nor the whole schema, and code that owns no data
 * imports none.
 */
export function serviceOwnsOnlyItsSchemaGroup({
  groupOf,
  ownsNoData,
  ownsNoDataInWords,
}: SchemaOwnership): ArchitectureRule {
  const anyGroup = `${CONDUIT_SQL}/(${Object.values(groupOf).join('|')})/`;
  const serviceOf = (path: string) => /^services\/([^/]+)\//.exec(path)?.[1];
  return {
    name: 'service-owns-only-its-schema-group',
    comment:
      'A service’s database holds one group of the Conduit schema, the one the single-database patterns ' +
      'give the matching module (ADR 0010), and nobody else’s. A service importing another group, or the ' +
      'whole schema, would type queries against tables that live in another service’s database; the ' +
      `${ownsNoDataInWords}, so they import no group at all.`,
    forbidden: [
      ...Object.entries(groupOf).map(([service, group]) => ({
        from: { path: `^services/${service}/` },
        to: { path: anyGroup, pathNot: `${CONDUIT_SQL}/${group}/` },
      })),
      { from: { path: '^services/' }, to: { path: WHOLE_SCHEMA } },
      { from: { path: ownsNoData }, to: { path: `${anyGroup}|${WHOLE_SCHEMA}` } },
    ],
    explain: ({ from, to }) => {
      const service = serviceOf(from);
      const group = service === undefined ? undefined : groupOf[service];
      return group
        ? `the ${service} service (${from}) imports tables it does not own from ${to}; ` +
            `its database holds only ${to}/${group}`
        : `${from} imports tables from ${to}, yet owns no group of the schema; ` +
            'ask the service that owns them, over HTTP or by its events';
    },
  };
}
