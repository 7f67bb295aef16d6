import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, ServerUnreachableError } from '@journey/orchestrator';
import { defineTopology } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import { fixtureTopology, optionsTopology } from '../../orchestrator/test/fixtures/fixture-topology.js';
import { benchDatabase } from '../src/commands/bench.js';
import { helpText, topologyOptionsHelp } from '../src/help.js';
import {
  parseWithTopologyOptions,
  topologyOptionFlags,
  topologyOptionValues,
  UsageError,
  withWayRound,
} from '../src/usage.js';

const topology = optionsTopology();
const unreachable = () =>
  new ServerUnreachableError(
    'database',
    'postgres',
    'PostgreSQL at 127.0.0.1:1 is not reachable (ECONNREFUSED): start it (see README)',
  );

describe('topology options on the command line', () => {
  it('when a topology declares options, then a value option takes a string and a switch none', () => {
    expect(topologyOptionFlags(topology)).toEqual({
      flavour: { type: 'string' },
      single: { type: 'boolean' },
    });
  });

  it('when two named topologies declare one option as a switch and as a value, then the command line is refused', () => {
    const other = defineTopology({
      ...optionsTopology('other'),
      options: [{ name: 'single', description: 'a value here', env: 'OTHER_SINGLE', choices: ['a', 'b'] }],
    });
    expect(() => topologyOptionFlags([topology, other])).toThrow(UsageError);
  });

  it('when flags are parsed, then each topology gets the values of the options it declares, a switch as "true"', () => {
    const values = { flavour: 'spicy', single: true, platform: 'gcf', db: 'sqlite' };
    expect(topologyOptionValues(values, topology)).toEqual({ flavour: 'spicy', single: 'true' });
    expect(topologyOptionValues({}, topology)).toEqual({});
  });

  it('when a switch picks another database than --db names, then it is a usage error naming both', () => {
    expect(() => topologyOptionValues({ single: true }, topology, { database: 'postgres' })).toThrow(
      UsageError,
    );
    expect(() => topologyOptionValues({ single: true }, topology, { database: 'postgres' })).toThrow(
      "fixture-options's --single runs its database on sqlite; it cannot be combined with --db postgres",
    );
    expect(topologyOptionValues({ single: true }, topology, { database: 'sqlite' })).toEqual({
      single: 'true',
    });
  });

  it('when a value is not among the choices, then it is a usage error naming them', () => {
    expect(() => topologyOptionValues({ flavour: 'sweet' }, topology)).toThrow(UsageError);
    expect(() => topologyOptionValues({ flavour: 'sweet' }, topology)).toThrow(
      `fixture-options's --flavour must be one of plain, spicy, not "sweet"`,
    );
  });

  it('when a command line names a pattern, then its topology is loaded and a flag it lacks is refused', async () => {
    const parsed = await parseWithTopologyOptions(
      ['monolith', '--db', 'sqlite'],
      { db: { type: 'string' } },
      'up',
    );
    expect(parsed.positionals).toEqual(['monolith']);
    expect(parsed.topologyOf('monolith').id).toBe('monolith');
    await expect(
      parseWithTopologyOptions(['--platform', 'gcf', 'monolith'], { db: { type: 'string' } }, 'up'),
    ).rejects.toThrow(/journey up: Unknown option '--platform'/);
  });

  it('when PostgreSQL is unreachable, then the one line ends with the switch that runs the database elsewhere', () => {
    expect((withWayRound(unreachable(), topology) as Error).message).toBe(
      'PostgreSQL at 127.0.0.1:1 is not reachable (ECONNREFUSED): start it (see README), or run it on sqlite with --single',
    );
    const withoutSwitch = defineTopology({ ...optionsTopology('plain'), options: [] });
    expect((withWayRound(unreachable(), withoutSwitch) as Error).message).toMatch(
      /, or run it on sqlite with --db sqlite$/,
    );
    const other = new Error('something else');
    expect(withWayRound(other, topology)).toBe(other);
  });

  it('when help is asked for, then every option shows with its choices, default and what it picks', () => {
    const help = topologyOptionsHelp(topology, 'up');
    expect(help).toContain('--flavour plain|spicy  which flavour (default plain)');
    expect(help).toContain('--single  one file (database: sqlite)');
    const general = helpText([], [topology]);
    expect(general).toContain('journey up|test|bench|experiment fixture-options …');
    expect(general).toContain('--single  one file (database: sqlite)');
  });
});

describe('journey bench: one database for every row', () => {
  it("when --db is not given, then every row runs on the first pattern's database: its entry's default, or what its switch picks", () => {
    expect(benchDatabase(undefined, topology, {})).toBe('postgres');
    expect(benchDatabase(undefined, topology, { [topology.id]: { single: 'true' } })).toBe('sqlite');
    // A pattern without a database entry leaves the lab's default.
    expect(benchDatabase(undefined, fixtureTopology(), {})).toBe('sqlite');
  });

  it('when --db is given, then it wins', () => {
    expect(benchDatabase('sqlite', topology, {})).toBe('sqlite');
  });
});

describe('journey up when PostgreSQL does not answer', () => {
  it('when the server is on a closed port, then one line says where, why and the way round, exit code 1', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'lab/cli/src/main.ts', 'up', 'monolith', '--db', 'postgres', '--port', '0'],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            JOURNEY_HOME: mkdtempSync(join(tmpdir(), 'journey-unreachable-')),
            // Port 1 is privileged and unused here: the connection is refused at once.
            JOURNEY_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/postgres',
          },
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'journey: PostgreSQL at 127.0.0.1:1 is not reachable (ECONNREFUSED): start it (see README), or run it on sqlite with --db sqlite',
    ]);
  });
});
