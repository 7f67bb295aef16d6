import { parseArgs } from 'node:util';
import { type PatternCommand, UsageError } from '@journey/topology';
import { listDeadLetters, projectionStates, replayDeadLetter, replayProjection } from './event-admin.js';

const SUBCOMMANDS = ['projections', 'replay', 'dlq'];

const oneLine = (text: string, width: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
};

/**
 * `journey events projections | replay <projection> | dlq [replay <service> <id>] [--all]`: the read
 * models of the running event-driven pattern and the messages its consumers gave up on.
 */
const events: PatternCommand = async (args, { running, print, progress }) => {
  const { values, positionals } = parseEventsArgs(args);
  const [subcommand, ...rest] = positionals;
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
