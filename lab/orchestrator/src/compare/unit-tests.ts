import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '../repo-root.js';
import { typescriptFiles } from './source-size.js';

export interface UnitTestRun {
  /** The declared test files, relative to the pattern's folder. */
  files: string[];
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  /** From starting `vitest run` to its exit: what a developer waits for, vitest's start-up included. */
  wallMs: number;
  /** The tests' own durations added up: the part that grows with the suite. */
  inTestsMs: number;
}

/**
 * The test files a pattern calls its unit tests: `journey.unitTests` in its package.json, a list of
 * files or folders (every `*.test.ts` below) relative to the pattern's folder. They need no server, no
 * database server and no HTTP. Undefined when the pattern declares none; an empty list is a
 * declaration too (every test of the monolith goes through HTTP).
 */
export function declaredUnitTests(patternFolder: string): string[] | undefined {
  const manifest = JSON.parse(readFileSync(join(patternFolder, 'package.json'), 'utf8')) as {
    journey?: { unitTests?: string[] };
  };
  const declared = manifest.journey?.unitTests;
  if (declared === undefined) return undefined;
  return declared.flatMap((entry) => {
    const path = join(patternFolder, entry);
    if (!existsSync(path)) {
      throw new Error(
        `${join(patternFolder, 'package.json')}: journey.unitTests names "${entry}", which does not exist`,
      );
    }
    const files = statSync(path).isDirectory()
      ? typescriptFiles(path).filter((file) => file.endsWith('.test.ts'))
      : [path];
    return files.map((file) => relative(patternFolder, file));
  });
}

/** vitest's JSON report, the fields read here. */
interface VitestJsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{ assertionResults: Array<{ duration?: number | null }> }>;
}

/**
 * Runs the files with `vitest run` in a child process (the repository's vitest.config.ts, as `npm test`
 * would) and reads counts and durations from its JSON report.
 */
export async function runUnitTests(patternFolder: string, files: string[]): Promise<UnitTestRun> {
  const empty = { files, tests: 0, passed: 0, failed: 0, skipped: 0, wallMs: 0, inTestsMs: 0 };
  if (files.length === 0) return empty;
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const outputDir = mkdtempSync(join(tmpdir(), 'journey-compare-'));
  const outputFile = join(outputDir, 'report.json');
  try {
    const started = performance.now();
    const { code, stderr } = await runNode(
      [
        vitest,
        'run',
        ...files.map((file) => join(patternFolder, file)),
        '--reporter=json',
        `--outputFile=${outputFile}`,
      ],
      repoRoot,
    );
    const wallMs = performance.now() - started;
    if (!existsSync(outputFile)) {
      throw new Error(`vitest run exited with ${code} without a report:\n${stderr.slice(-2_000)}`);
    }
    const report = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJsonReport;
    return {
      files,
      tests: report.numTotalTests,
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
      wallMs,
      inTestsMs: report.testResults
        .flatMap((file) => file.assertionResults)
        .reduce((sum, test) => sum + (test.duration ?? 0), 0),
    };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

function runNode(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
