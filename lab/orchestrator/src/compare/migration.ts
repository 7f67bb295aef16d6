import { INFRASTRUCTURE_KINDS } from '@journey/provisioning';
import { loadRoadmap, type StageSlug } from '@journey/roadmap';
import type { Topology } from '@journey/topology';
import { isPatternSlug, isRunnable, loadPatternManifest, loadTopology, patternFolder } from '../patterns.js';
import { measureSources, type SourceSize } from './source-size.js';

/**
 * What changes from one built stage to the next, read from the two topology files and the two code
 * trees: the lesson of a migration in counts a learner can check ("1 process becomes 5").
 */

/** One stage as the comparison needs it: its running shape and the size of its code. */
export interface StageSide {
  slug: string;
  topology: Topology;
  code: SourceSize;
}

export interface NamedChange {
  before: string[];
  after: string[];
  added: string[];
  removed: string[];
}

export interface CountChange {
  before: number;
  after: number;
}

export interface InfrastructureChange extends NamedChange {
  /** `database`, `broker`…, as the topology files name them. */
  kind: string;
}

export interface EdgeChange extends CountChange {
  protocol: string;
  /** Of those, edges whose both ends are processes: calls the code makes across a process boundary. */
  betweenProcesses: CountChange;
}

export interface StageMigration {
  stage: string;
  /** The stage compared against: the nearest earlier stage of the suggested order that is built. */
  previous: string;
  /** Stages between the two in the suggested order that are not built yet, so not compared. */
  skipped: string[];
  processes: NamedChange;
  /**
   * Distinct process specs (one per command line): what a team builds and ships. Copies of one spec
   * (workers, replicas) are one unit however many run.
   */
  deployableUnits: CountChange;
  /** Per kind of either topology, the registry's kinds first in its provisioning order. */
  infrastructure: InfrastructureChange[];
  /** Per protocol of either topology, in the order the topology files first name them. */
  edges: EdgeChange[];
  files: CountChange;
  codeLines: CountChange;
  /** The change in plain words, a line each, most telling first. */
  summary: string[];
}

/** Where a stage sits among the built ones: the stage it follows, and the unbuilt stages in between. */
export interface PreviousStage {
  previous?: string;
  skipped: string[];
}

/** The nearest earlier stage of the suggested order that `built` accepts; undefined for the first built one. */
export function previousBuiltStage(
  stages: readonly { slug: string }[],
  slug: string,
  built: (slug: string) => boolean,
): PreviousStage {
  const index = stages.findIndex((stage) => stage.slug === slug);
  if (index < 0)
    throw new Error(`no stage "${slug}" in the roadmap; stages: ${stages.map((s) => s.slug).join(', ')}`);
  const skipped: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const candidate = stages[i]!.slug;
    if (built(candidate)) return { previous: candidate, skipped: skipped.reverse() };
    skipped.push(candidate);
  }
  return { skipped: [] };
}

const namedChange = (before: string[], after: string[]): NamedChange => ({
  before,
  after,
  added: after.filter((name) => !before.includes(name)),
  removed: before.filter((name) => !after.includes(name)),
});

const deployableUnits = (topology: Topology) =>
  new Set(topology.processes.map((process) => JSON.stringify(process.command))).size;

function infrastructureChanges(before: Topology, after: Topology): InfrastructureChange[] {
  const declared = [...before.infrastructure, ...after.infrastructure].map((piece) => piece.kind);
  const kinds = [...new Set([...INFRASTRUCTURE_KINDS.keys(), ...declared])].filter((kind) =>
    declared.includes(kind),
  );
  const namesOf = (topology: Topology, kind: string) =>
    topology.infrastructure.filter((piece) => piece.kind === kind).map((piece) => piece.name);
  return kinds.map((kind) => ({ kind, ...namedChange(namesOf(before, kind), namesOf(after, kind)) }));
}

function edgeChanges(before: Topology, after: Topology): EdgeChange[] {
  const protocols = [...new Set([...before.edges, ...after.edges].map((edge) => edge.protocol))];
  const count = (topology: Topology, protocol: string, onlyBetweenProcesses: boolean) => {
    const processes = new Set(topology.processes.map((process) => process.name));
    return topology.edges.filter(
      (edge) =>
        edge.protocol === protocol &&
        (!onlyBetweenProcesses || (processes.has(edge.from) && processes.has(edge.to))),
    ).length;
  };
  return protocols.map((protocol) => ({
    protocol,
    before: count(before, protocol, false),
    after: count(after, protocol, false),
    betweenProcesses: {
      before: count(before, protocol, true),
      after: count(after, protocol, true),
    },
  }));
}

const nouns = (noun: string) => (noun.endsWith('s') ? `${noun}es` : `${noun}s`);
const plural = (count: number, noun: string) => `${count} ${count === 1 ? noun : nouns(noun)}`;
const list = (names: string[]) => names.join(', ');
const thousands = (value: number) => value.toLocaleString('en-US');

/** "1 process becomes 5: a, b, c", "2 brokers become 1 (x gone)", "1 database, unchanged (db)". */
function namedLine(noun: string, change: NamedChange): string {
  const { before, after, added, removed } = change;
  if (added.length === 0 && removed.length === 0) {
    return `${plural(after.length, noun)}, unchanged${after.length > 0 ? ` (${list(after)})` : ''}`;
  }
  if (before.length === 0)
    return `${plural(after.length, noun)} ${after.length === 1 ? 'appears' : 'appear'}: ${list(after)}`;
  if (after.length === 0)
    return `${plural(before.length, noun)} ${before.length === 1 ? 'goes' : 'go'}: ${list(before)}`;
  const verb = before.length === 1 ? 'becomes' : 'become';
  const head = `${plural(before.length, noun)} ${verb} ${after.length}`;
  // Nothing kept: the new names are the whole story. Otherwise say what came and went.
  if (removed.length === before.length && added.length === after.length) {
    return after.length > 0 ? `${head}: ${list(after)}` : head;
  }
  const parts = [
    ...(added.length > 0 ? [`${list(added)} added`] : []),
    ...(removed.length > 0 ? [`${list(removed)} removed`] : []),
  ];
  return `${head}: ${parts.join('; ')}`;
}

/** Whether every piece of this infrastructure is used by exactly one process, none shared. */
function onePerUser(topology: Topology, names: string[]): boolean {
  return (
    names.length > 1 &&
    names.every((name) => topology.processes.filter((process) => process.uses?.includes(name)).length === 1)
  );
}

function summaryLines(
  from: StageSide,
  to: StageSide,
  figures: Omit<StageMigration, 'stage' | 'previous' | 'skipped' | 'summary'>,
): string[] {
  const lines: string[] = [];
  const topologyChanged =
    figures.processes.added.length + figures.processes.removed.length > 0 ||
    figures.infrastructure.some((change) => change.added.length + change.removed.length > 0) ||
    figures.edges.some((edge) => edge.before !== edge.after);
  if (!topologyChanged) {
    const pieces = figures.infrastructure.map((change) => plural(change.after.length, change.kind));
    lines.push(
      `the running system is the same (${[plural(figures.processes.after.length, 'process'), ...pieces].join(', ')}): what changes is inside the code`,
    );
  } else {
    lines.push(namedLine('process', figures.processes));
    for (const change of figures.infrastructure) {
      let line = namedLine(change.kind, change);
      if (change.added.length + change.removed.length > 0 && onePerUser(to.topology, change.after)) {
        line += `; one per process, none shared`;
      }
      lines.push(line);
    }
    for (const edge of figures.edges) {
      const { betweenProcesses: calls } = edge;
      if (calls.before !== calls.after) {
        lines.push(
          `calls between processes: ${calls.before} → ${plural(calls.after, `${edge.protocol} edge`)}`,
        );
      } else if (edge.before !== edge.after) {
        lines.push(`${edge.protocol} edges: ${edge.before} → ${edge.after}`);
      }
    }
  }
  const units = figures.deployableUnits;
  if (units.before !== units.after) {
    lines.push(`deployable units (built and shipped apart): ${units.before} → ${units.after}`);
  }
  lines.push(
    `code: ${thousands(figures.codeLines.before)} → ${thousands(figures.codeLines.after)} lines in ` +
      `${figures.files.before} → ${plural(figures.files.after, 'file')} (${from.slug} → ${to.slug})`,
  );
  return lines;
}

/** The migration from one stage to another, from what each declares and holds. */
export function compareStages(from: StageSide, to: StageSide, skipped: string[] = []): StageMigration {
  const figures = {
    processes: namedChange(
      from.topology.processes.map((process) => process.name),
      to.topology.processes.map((process) => process.name),
    ),
    deployableUnits: { before: deployableUnits(from.topology), after: deployableUnits(to.topology) },
    infrastructure: infrastructureChanges(from.topology, to.topology),
    edges: edgeChanges(from.topology, to.topology),
    files: { before: from.code.files, after: to.code.files },
    codeLines: { before: from.code.codeLines, after: to.code.codeLines },
  };
  return {
    stage: to.slug,
    previous: from.slug,
    skipped,
    ...figures,
    summary: summaryLines(from, to, figures),
  };
}

/** A built stage's topology and the size of the code its manifest declares (no tests run, no bench). */
async function stageSide(slug: StageSlug): Promise<StageSide> {
  const manifest = await loadPatternManifest(slug);
  return {
    slug,
    topology: await loadTopology(slug),
    code: measureSources(patternFolder(slug), manifest.sources),
  };
}

/**
 * What changes from the previous built stage of the suggested order to this one; undefined for the
 * first built stage, which has nothing before it. Throws for a stage that is not built. `isBuilt`
 * says which are (those with a topology), so a test can play a roadmap whose last stages are not.
 */
export async function stageMigration(
  slug: string,
  isBuilt: (slug: string) => boolean = isRunnable,
): Promise<StageMigration | undefined> {
  if (!isPatternSlug(slug)) throw new Error(`no stage "${slug}"`);
  if (!isBuilt(slug)) throw new Error(`stage "${slug}" is not built yet: there is no topology to compare`);
  const { previous, skipped } = previousBuiltStage(loadRoadmap(), slug, isBuilt);
  if (previous === undefined) return undefined;
  const [from, to] = await Promise.all([stageSide(previous as StageSlug), stageSide(slug)]);
  return compareStages(from, to, skipped);
}

/** For the terminal (`journey roadmap <stage>`): where it comes from, a table before → after, the plain lines. */
export function formatMigration(migration: StageMigration): string {
  const heading = [`From ${migration.previous} to ${migration.stage}`];
  if (migration.skipped.length > 0) {
    heading.push(
      `(${list(migration.skipped)} ${migration.skipped.length === 1 ? 'comes' : 'come'} between them but ${migration.skipped.length === 1 ? 'is' : 'are'} not built yet, so ${migration.stage} is compared with ${migration.previous})`,
    );
  }
  const rows: [string, string, string][] = [
    ['processes', String(migration.processes.before.length), String(migration.processes.after.length)],
    ['deployable units', String(migration.deployableUnits.before), String(migration.deployableUnits.after)],
    ...migration.infrastructure.map((change): [string, string, string] => [
      nouns(change.kind),
      String(change.before.length),
      String(change.after.length),
    ]),
    ...migration.edges.map((edge): [string, string, string] => [
      `${edge.protocol} edges`,
      String(edge.before),
      String(edge.after),
    ]),
    ['files', String(migration.files.before), String(migration.files.after)],
    ['code lines', thousands(migration.codeLines.before), thousands(migration.codeLines.after)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const beforeWidth = Math.max(...rows.map(([, before]) => before.length));
  const table = rows.map(
    ([name, before, after]) =>
      `  ${name.padEnd(width)}  ${before.padStart(beforeWidth)} → ${after}${before === after ? '' : '  *'}`,
  );
  return [heading.join(' '), '', ...table, '', ...migration.summary.map((line) => `  • ${line}`)].join('\n');
}
