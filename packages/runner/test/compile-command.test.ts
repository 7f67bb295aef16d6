import { execFile, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { compileCommand } from '../src/index.js';

const execFileAsync = promisify(execFile);
const COMPILE_IN_PROCESS = join(import.meta.dirname, 'fixtures', 'compile-in-process.ts');

let dir: string;
let cacheDir: string;
let builds: string[];
const entry = () => join(dir, 'main.ts');
const edit = (file: string, from: string, to: string) =>
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
const compile = (command: string[], env: NodeJS.ProcessEnv = {}) =>
  compileCommand(command, { cacheDir, env, onBuild: (message) => builds.push(message) });

/** Runs a compiled command as the lab would, and returns what it printed. */
const run = ([node, ...args]: string[]) => {
  const result = spawnSync(node === 'node' ? process.execPath : node!, args, { encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runner-src-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'runner-cache-'));
  builds = [];
  writeFileSync(
    join(dir, 'greeting.ts'),
    [
      "export const greeting = (name: string): string => 'hello ' + name;",
      'export const whereAmI = import.meta.url;',
      // Text that merely mentions it stays text (a banner for another bundler, say).
      "export const banner = 'const here = import.meta.url;';",
      'export function fail(): never {',
      "  throw new Error('thrown in greeting.ts');",
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'main.ts'),
    [
      "import { banner, fail, greeting, whereAmI } from './greeting.js';",
      "if (process.argv[2] === 'fail') fail();",
      "console.log(JSON.stringify({ said: greeting('lab'), whereAmI, banner, args: process.argv.slice(2) }));",
      '',
    ].join('\n'),
  );
});

describe('compileCommand', () => {
  it('when the command does not use the tsx loader, then it comes back unchanged and nothing is built', async () => {
    for (const command of [
      ['haproxy', '-f', 'sidecar.cfg'],
      ['node', 'server.js'],
      ['node', '--import', 'something-else', entry()],
      ['npx', 'tsx', entry()],
    ]) {
      expect(await compile(command)).toEqual(command);
    }
    expect(builds).toEqual([]);
  });

  it('when JOURNEY_RUNNER=tsx, then a tsx command keeps the loader', async () => {
    const command = ['node', '--import', 'tsx', entry()];
    expect(await compile(command, { JOURNEY_RUNNER: 'tsx' })).toEqual(command);
    expect(builds).toEqual([]);
  });

  it('when compiled, then the bundle runs with the same arguments and node flags, and each module still sees its own location', async () => {
    const command = await compile(['node', '--no-warnings', '--import', 'tsx', entry(), 'one', '--two']);
    expect(command[1]).toBe('--no-warnings');
    expect(command).not.toContain('tsx');
    const printed = JSON.parse(run(command).stdout) as Record<string, unknown>;
    expect(printed).toEqual({
      said: 'hello lab',
      whereAmI: pathToFileURL(join(dir, 'greeting.ts')).href,
      banner: 'const here = import.meta.url;',
      args: ['one', '--two'],
    });
  });

  it('when nothing changed, then the cached bundle is used without a build; when an imported file is edited, then it is rebuilt', async () => {
    const first = await compile(['node', '--import', 'tsx', entry()]);
    const again = await compile(['node', '--import', 'tsx', entry()]);
    expect(builds).toHaveLength(1);
    expect(again).toEqual(first);

    edit(join(dir, 'greeting.ts'), 'hello', 'welcome');
    const edited = await compile(['node', '--import', 'tsx', entry()]);
    expect(builds).toHaveLength(2);
    expect(edited).not.toEqual(first);
    expect(JSON.parse(run(edited).stdout).said).toBe('welcome lab');
  });

  it('when a compiled process throws, then its stack trace names the TypeScript file and line', async () => {
    const result = run(await compile(['node', '--import', 'tsx', entry(), 'fail']));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('thrown in greeting.ts');
    expect(result.stderr).toMatch(/greeting\.ts:5:\d+/);
  });

  it('when several processes and calls compile the same entry at once, then each gets a whole, working bundle', async () => {
    const inProcess = Array.from({ length: 3 }, () => compile(['node', '--import', 'tsx', entry()]));
    const processes = Array.from({ length: 4 }, () =>
      execFileAsync(process.execPath, ['--import', 'tsx', COMPILE_IN_PROCESS, cacheDir, entry()]),
    );
    const commands = [
      ...(await Promise.all(inProcess)),
      ...(await Promise.all(processes)).map(({ stdout }) => JSON.parse(stdout) as string[]),
    ];
    // One build per process at most: calls within a process share theirs.
    expect(builds).toHaveLength(1);
    for (const command of commands) {
      expect(command).toEqual(commands[0]);
      expect(JSON.parse(run(command).stdout).said).toBe('hello lab');
    }
  });

  it('when a workspace package.json changes its exports, then the next compile rebuilds and follows them', async () => {
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    mkdirSync(join(dir, 'node_modules', '@journey'), { recursive: true });
    symlinkSync(lib, join(dir, 'node_modules', '@journey', 'lib'));
    const manifest = { name: '@journey/lib', type: 'module', exports: { '.': './one.ts' } };
    writeFileSync(join(lib, 'package.json'), JSON.stringify(manifest));
    writeFileSync(join(lib, 'one.ts'), "export const which = 'one';\n");
    writeFileSync(join(lib, 'two.ts'), "export const which = 'two';\n");
    writeFileSync(entry(), "import { which } from '@journey/lib';\nconsole.log(which);\n");

    expect(run(await compile(['node', '--import', 'tsx', entry()])).stdout.trim()).toBe('one');
    edit(join(lib, 'package.json'), './one.ts', './two.ts');
    expect(run(await compile(['node', '--import', 'tsx', entry()])).stdout.trim()).toBe('two');
    expect(builds).toHaveLength(2);
  });

  it('when the tsconfig changes, then the next compile rebuilds, and files using import.meta follow it too', async () => {
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "useDefineForClassFields": false } }');
    writeFileSync(
      entry(),
      [
        'export const here = import.meta.url;',
        'class Base {}',
        'class Sub extends Base { declaredOnly?: number; }',
        "console.log(Object.hasOwn(new Sub(), 'declaredOnly'));",
        '',
      ].join('\n'),
    );

    expect(run(await compile(['node', '--import', 'tsx', entry()])).stdout.trim()).toBe('false');
    edit(join(dir, 'tsconfig.json'), 'false', 'true');
    expect(run(await compile(['node', '--import', 'tsx', entry()])).stdout.trim()).toBe('true');
    expect(builds).toHaveLength(2);
  });

  it('when the entry imports a package from node_modules, then it is bundled, still finds files beside itself, and a reinstall rebuilds it', async () => {
    const beside = join(dir, 'node_modules', 'beside');
    mkdirSync(beside, { recursive: true });
    writeFileSync(join(beside, 'package.json'), JSON.stringify({ name: 'beside', main: 'index.js' }));
    writeFileSync(join(beside, 'data.txt'), 'read from beside itself\n');
    writeFileSync(
      join(beside, 'index.js'),
      [
        "const { readFileSync } = require('node:fs');",
        "exports.data = readFileSync(require('node:path').join(__dirname, 'data.txt'), 'utf8').trim();",
        // An optional dependency that is not installed fails when it is loaded, not when it is bundled.
        "exports.optional = () => { try { return require('not-installed-anywhere'); } catch (error) { return error.code; } };",
        '',
      ].join('\n'),
    );
    const record = join(dir, 'node_modules', '.package-lock.json');
    writeFileSync(record, '{ "packages": { "node_modules/beside": { "version": "1.0.0" } } }');
    writeFileSync(
      entry(),
      "import { data, optional } from 'beside';\nconsole.log(JSON.stringify({ data, optional: optional() }));\n",
    );

    const command = await compile(['node', '--import', 'tsx', entry()]);
    const bundle = command.find((arg) => arg.endsWith('.mjs'))!;
    expect(readFileSync(bundle, 'utf8')).toContain('not-installed-anywhere');
    expect(JSON.parse(run(command).stdout)).toEqual({
      data: 'read from beside itself',
      optional: 'MODULE_NOT_FOUND',
    });

    // npm rewrites its record on every install: that, not each file below node_modules, keys the cache.
    edit(join(beside, 'data.txt'), 'read', 'still read');
    edit(join(beside, 'index.js'), '.trim()', ".trim() + ' (1.0.1)'");
    edit(record, '1.0.0', '1.0.1');
    const reinstalled = await compile(['node', '--import', 'tsx', entry()]);
    expect(builds).toHaveLength(2);
    expect(JSON.parse(run(reinstalled).stdout).data).toBe('still read from beside itself (1.0.1)');
  });

  it('when the package.json nearest the entry declares runnerExternal, then those packages stay imports', async () => {
    const tool = join(dir, 'node_modules', 'some-tool');
    mkdirSync(tool, { recursive: true });
    writeFileSync(join(tool, 'package.json'), JSON.stringify({ name: 'some-tool', main: 'index.js' }));
    writeFileSync(join(tool, 'index.js'), "exports.version = 'the tool itself';\n");
    writeFileSync(entry(), "import { version } from 'some-tool';\nconsole.log(version);\n");
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ journey: {} }));
    const bundleText = async () =>
      readFileSync(
        (await compile(['node', '--import', 'tsx', entry()])).find((arg) => arg.endsWith('.mjs'))!,
        'utf8',
      );

    expect(await bundleText()).toContain('the tool itself');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ journey: { runnerExternal: ['some-tool'] } }));
    const kept = await bundleText();
    expect(kept).not.toContain('the tool itself');
    expect(kept).toMatch(/from\s*"some-tool"/);
  });

  it('when a bundle built long ago is superseded, then it is kept until it has been superseded for a while', async () => {
    const longAgo = new Date(Date.now() - 60 * 60_000);
    const age = (bundle: string) => {
      utimesSync(bundle, longAgo, longAgo);
      utimesSync(`${bundle}.map`, longAgo, longAgo);
    };
    const bundleOf = (command: string[]) => command.find((arg) => arg.endsWith('.mjs'))!;
    const first = bundleOf(await compile(['node', '--import', 'tsx', entry()]));
    age(first);

    // A process may have just read `first` from the manifest: it must still be there to start.
    edit(join(dir, 'greeting.ts'), 'hello', 'welcome');
    const second = bundleOf(await compile(['node', '--import', 'tsx', entry()]));
    expect(existsSync(first)).toBe(true);

    age(first);
    edit(join(dir, 'greeting.ts'), 'welcome', 'greetings');
    await compile(['node', '--import', 'tsx', entry()]);
    expect(existsSync(first)).toBe(false);
    expect(existsSync(`${first}.map`)).toBe(false);
    expect(existsSync(second)).toBe(true);
  });
});
