import { type PatternCommandContext, UsageError } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import events from '../lab/events.command.js';

/** `journey events …` called wrongly never needs the topology: the context refuses to give one. */
const notRunning: PatternCommandContext = {
  pattern: 'event-driven',
  running: () => {
    throw new Error('event-driven is not running; start it with: journey up event-driven');
  },
  infrastructure: () => {
    throw new Error('event-driven is not running; start it with: journey up event-driven');
  },
  print: () => {},
  progress: () => {},
  record: () => {
    throw new Error('a command called wrongly records nothing');
  },
};

describe('journey events, called wrongly', () => {
  it('when no subcommand is given, then it is a usage error naming the subcommands', async () => {
    const error = await events([], notRunning).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({
      message: 'journey events: say what to do',
      choices: ['projections', 'replay', 'dlq', 'verify'],
    });
  });

  it('when a flag is unknown or dlq replay has no id, then each is a usage error', async () => {
    await expect(events(['dlq', '--al'], notRunning)).rejects.toThrow(
      /journey events: Unknown option '--al'/,
    );
    await expect(events(['dlq', 'replay', 'views'], notRunning)).rejects.toBeInstanceOf(UsageError);
    await expect(events(['replay'], notRunning)).rejects.toThrow('name one projection');
    await expect(events(['verify', 'now'], notRunning)).rejects.toThrow(
      'journey events verify: takes no arguments',
    );
  });

  it('when the pattern is not running, then the command says how to start it', async () => {
    await expect(events(['projections'], notRunning)).rejects.toThrow(
      'start it with: journey up event-driven',
    );
    await expect(events(['verify'], notRunning)).rejects.toThrow('start it with: journey up event-driven');
  });
});
