import { catalogue } from './catalogue.js';

/** EVENTS.md, generated from the catalogue so the document cannot drift from the schemas. */
export function renderCatalogueMarkdown(): string {
  const lines = [
    '# Event catalogue',
    '',
    '<!-- Generated from libs/events/src/catalogue.ts by `npx tsx patterns/event-driven/libs/events/src/write-catalogue.ts`; a test fails when it is stale. -->',
    '',
    'Every message is an envelope: `id` (UUID, the idempotency key consumers record), `type`, `version`,',
    '`occurredAt` (ISO 8601), `producer` (the service that owns the data) and `payload`. A new field that',
    'consumers may ignore keeps the version; anything else is a new version published beside the old one.',
    '',
    '| event | version | producer | consumers | key (aggregate) | meaning |',
    '|---|---|---|---|---|---|',
  ];
  for (const event of catalogue) {
    const consumers = event.consumers.length > 0 ? event.consumers.join(', ') : '—';
    lines.push(
      `| [${event.type}](#${event.type.toLowerCase()}) | ${event.version} | ${event.producer} | ${consumers} | ${event.aggregate} | ${event.meaning} |`,
    );
  }
  for (const event of catalogue) {
    lines.push(
      '',
      `## ${event.type}`,
      '',
      `v${event.version}, produced by **${event.producer}**. ${event.meaning}`,
      '',
    );
    lines.push('| payload field | type |', '|---|---|');
    for (const [field, schema] of Object.entries(event.payload.properties)) {
      lines.push(`| \`${field}\` | ${describeSchema(schema)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function describeSchema(schema: {
  type?: unknown;
  format?: string;
  anyOf?: { type?: unknown }[];
  items?: { type?: unknown };
}): string {
  if (schema.anyOf) return schema.anyOf.map((s) => String(s.type)).join(' or ');
  if (schema.type === 'array') return `array of ${String(schema.items?.type)}`;
  return schema.format ? `${String(schema.type)} (${schema.format})` : String(schema.type);
}
