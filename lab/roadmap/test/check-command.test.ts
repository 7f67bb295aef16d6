import { describe, expect, it } from 'vitest';
import { formatCheckCommand, parseCheckCommand, runMatches } from '../src/index.js';

describe('parseCheckCommand', () => {
  it('when given a command with positionals and flags, then it splits them', () => {
    expect(parseCheckCommand('journey test hexagonal --db postgres')).toEqual({
      command: 'test',
      positionals: ['hexagonal'],
      flags: { db: 'postgres' },
    });
    expect(parseCheckCommand('  journey   bench microservices monolith --db=sqlite ')).toEqual({
      command: 'bench',
      positionals: ['microservices', 'monolith'],
      flags: { db: 'sqlite' },
    });
  });

  it('when a flag sits between positionals, then the positional after its value is still one', () => {
    expect(parseCheckCommand('journey experiment --broker nats event-driven broker-away')).toEqual({
      command: 'experiment',
      positionals: ['event-driven', 'broker-away'],
      flags: { broker: 'nats' },
    });
  });

  it('when the line does not start with journey, then the error says so', () => {
    expect(() => parseCheckCommand('npm test')).toThrow('"npm test" must start with "journey "');
    expect(() => parseCheckCommand('journeys test monolith')).toThrow('must start with "journey "');
  });

  it('when no command follows journey, then the error says so', () => {
    expect(() => parseCheckCommand('journey')).toThrow('must name a command after "journey", got nothing');
    expect(() => parseCheckCommand('journey --db sqlite')).toThrow('must name a command');
  });

  it('when a flag has no value or comes twice, then the error names the flag', () => {
    expect(() => parseCheckCommand('journey test monolith --db')).toThrow('gives no value to --db');
    expect(() => parseCheckCommand('journey test monolith --db --broker nats')).toThrow(
      'gives no value to --db',
    );
    expect(() => parseCheckCommand('journey test monolith --db sqlite --db=postgres')).toThrow(
      'gives --db twice',
    );
    expect(() => parseCheckCommand('journey test monolith --DB sqlite')).toThrow('malformed flag "--DB"');
  });

  it('when formatted back, then it reads as the roadmap writes it', () => {
    expect(formatCheckCommand(parseCheckCommand('journey test hexagonal --db=postgres'))).toBe(
      'journey test hexagonal --db postgres',
    );
  });
});

describe('runMatches', () => {
  const wanted = (line: string) => parseCheckCommand(line);

  it('when the command differs, then the run does not match', () => {
    expect(runMatches({ command: 'check', positionals: ['monolith'] }, wanted('journey test monolith'))).toBe(
      false,
    );
  });

  it('when the run has the positionals in another order or more of them, then it matches', () => {
    const run = { command: 'bench', positionals: ['monolith', 'microservices', 'layered'], flags: {} };
    expect(runMatches(run, wanted('journey bench microservices monolith'))).toBe(true);
    expect(runMatches(run, wanted('journey bench monolith'))).toBe(true);
  });

  it('when the run lacks one of the positionals, then it does not match', () => {
    const run = { command: 'bench', positionals: ['monolith'] };
    expect(runMatches(run, wanted('journey bench microservices monolith'))).toBe(false);
    expect(runMatches(run, wanted('journey bench monolith monolith'))).toBe(false);
  });

  it('when the command names a flag, then the run must have had it with the same value', () => {
    const postgres = wanted('journey test hexagonal --db postgres');
    expect(
      runMatches({ command: 'test', positionals: ['hexagonal'], flags: { db: 'postgres' } }, postgres),
    ).toBe(true);
    expect(
      runMatches({ command: 'test', positionals: ['hexagonal'], flags: { db: 'sqlite' } }, postgres),
    ).toBe(false);
    expect(runMatches({ command: 'test', positionals: ['hexagonal'] }, postgres)).toBe(false);
  });

  it('when the command names no flag, then any flag values of the run match', () => {
    const run = { command: 'test', positionals: ['event-driven'], flags: { db: 'postgres', broker: 'nats' } };
    expect(runMatches(run, wanted('journey test event-driven'))).toBe(true);
    expect(runMatches(run, wanted('journey test event-driven --broker nats'))).toBe(true);
  });
});
