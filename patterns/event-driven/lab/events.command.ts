import { parseArgs } from 'node:util';
import { type PatternCommand, UsageError } from '@journey/topology';
import { listDeadLetters, projectionStates, replayDeadLetter, replayProjection } from './event-admin.js';
import { auditOutboxes, type OutboxAudit } from './outbox-audit.js';

const SUBCOMMANDS = ['projections', 'replay', 'dlq', 'verify'];

const oneLine = (text: string, width: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
};

const plural = (count: number, noun: string) =>
  `${count} ${count === 1 ? noun : noun.endsWith('x') ? `${noun}es` : `${noun}s`}`;

/** What was read, in one line: `412 events from 5 outboxes`. */
const readLine = (audit: OutboxAudit) =>
  `${plural(audit.events, 'event')} from ${plural(audit.outboxes.length, 'outbox')}`;

/**
 * `journey events projections | replay <projection> | dlq [replay <service> <id>] [--all] | verify`:
 * the read models of the running event-driven pattern, the messages its consumers gave up on, and
 * whether every event it has published still validates against the catalogue.
 */
const events: PatternCommand = async (
  args,
  { pattern, running, print, progress, infrastructure, record },
) => {
  const { values, positionals } = parseEventsArgs(args);
  const [subcommand, ...rest] = positionals;
  if (subcommand === 'verify') {
    if (rest.length > 0) throw new UsageError('journey events verify: takes no arguments');
    // running() first: it is what says how to start the topology when it is not running.
    running();
    const databases = infrastructure().filter((piece) => piece.kind === 'database');
    progress(`reading the outboxes of ${plural(databases.length, 'database')}…`);
    const audit = await auditOutboxes(databases);
    for (const event of audit.invalid) {
      print(
        `✗ ${event.database} outbox #${event.seq}  ${event.type} v${event.version}  ${event.id}\n    ${oneLine(event.error, 110)}`,
      );
    }
    if (audit.events === 0) {
      // A check that read nothing proves nothing: the checkpoint is about events the learner's traffic made.
      const detail = `no event in ${plural(audit.outboxes.length, 'outbox')} yet: make some traffic first (journey seed ${pattern})`;
      print(`✗ ${detail}`);
      record({ positionals: ['verify'], passed: false, detail });
      return 1;
    }
    const kept = audit.outboxes.map(({ database, events }) => `${database} ${events}`).join(', ');
    const passed = audit.invalid.length === 0;
    print(
      passed
        ? `✓ ${readLine(audit)} (${kept}): every one validates against the event catalogue`
        : `✗ ${audit.invalid.length} of ${readLine(audit)} (${kept}) do not validate against the event catalogue`,
    );
    const first = audit.invalid[0];
    record({
      positionals: ['verify'],
      passed,
      detail: first
        ? oneLine(
            `${audit.invalid.length} of ${readLine(audit)} invalid, first ${first.type} v${first.version} ${first.id}: ${first.error}`,
            200,
          )
        : `${readLine(audit)}, all valid`,
    });
    return passed ? 0 : 1;
  }
  if (subcommand === 'projections') {
    for (const projection of await projectionStates(running())) {
      print(
        `${projection.name.replace(/ /g, '-').padEnd(16)} ${String(projection.rows).padStart(7)} rows  ` +
          `from ${projection.eventsSeen} events of ${projection.types.join(', ')}`,
      );
    }
    return 0;
  }
  if (subcommand === 'replay') {
    const [name, ...extra] = rest;
    if (name === undefined || extra.length > 0)
      throw new UsageError(
        'journey events replay: name one projection (journey events projections lists them)',
      );
    progress(`rebuilding ${name} from the event history…`);
    const outcome = await replayProjection(running(), name);
    print(
      `${outcome.projection}: rebuilt from ${outcome.events} events, ${outcome.rowsAfter} rows ` +
        `(${outcome.rowsBefore} before${outcome.rowsBefore === outcome.rowsAfter ? ', the same as live' : ''})`,
    );
    return 0;
  }
  if (subcommand === 'dlq') {
    const [action, service, id, ...extra] = rest;
    if (action === undefined) {
      const letters = await listDeadLetters(running(), { includeReplayed: values.all });
      if (letters.length === 0) {
        print('no dead letters: every consumer applied every event it was given');
        return 0;
      }
      for (const letter of letters) {
        const replayed = letter.replayedAt ? `  replayed ${letter.replayedAt}` : '';
        print(
          `${letter.service} #${letter.id}  ${letter.type} ${letter.eventId}  after ${letter.attempts} attempts ` +
            `at ${letter.deadAt}${replayed}\n    ${oneLine(letter.error, 110)}`,
        );
      }
      print(`\nreplay one with: journey events dlq replay <service> <id>`);
      return 0;
    }
    if (action !== 'replay' || service === undefined || !/^\d+$/.test(id ?? '') || extra.length > 0)
      throw new UsageError(
        'journey events dlq: list with no arguments, or: journey events dlq replay <service> <id>',
      );
    const { outcome } = await replayDeadLetter(running(), service, Number(id));
    print(
      outcome === 'applied'
        ? `${service} applied dead letter #${id}`
        : `${service} had already applied that event (a later delivery got through); #${id} is marked replayed`,
    );
    return 0;
  }
  throw new UsageError(
    subcommand === undefined ? 'journey events: say what to do' : `journey events: unknown "${subcommand}"`,
    SUBCOMMANDS,
  );
};

export default events;

function parseEventsArgs(args: string[]) {
  try {
    return parseArgs({ args, options: { all: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`journey events: ${(error as Error).message.split('\n')[0]}`, ['--all']);
  }
}
