import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROADMAP_DIR, loadRoadmap, RoadmapError, STAGE_SLUGS } from '../src/index.js';

describe('the real roadmap', () => {
  const stages = loadRoadmap();

  it('when loaded, then it holds the eight stages in the suggested order', () => {
    expect(stages.map((s) => s.slug)).toEqual([...STAGE_SLUGS]);
    expect(stages.map((s) => s.suggestedOrder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('when loaded, then difficulties are the ones the source roadmap gives', () => {
    const difficulty = Object.fromEntries(stages.map((s) => [s.slug, s.difficulty]));
    expect(difficulty).toEqual({
      monolith: 'Beginner',
      layered: 'Intermediate',
      hexagonal: 'Intermediate',
      soa: 'Intermediate',
      microservices: 'Advanced',
      'event-driven': 'Advanced',
      serverless: 'Intermediate',
      'service-mesh': 'Advanced',
    });
  });

  it('when loaded, then roadmapOrder follows the order the source roadmap lists the stages in', () => {
    const bySourceOrder = [...stages].sort((a, b) => a.roadmapOrder - b.roadmapOrder).map((s) => s.slug);
    expect(bySourceOrder).toEqual([
      'monolith',
      'microservices',
      'soa',
      'serverless',
      'event-driven',
      'hexagonal',
      'layered',
      'service-mesh',
    ]);
  });

  it('when loaded, then every stage has objectives, a contract checkpoint and a body', () => {
    for (const stage of stages) {
      expect(stage.objectives.length, stage.slug).toBeGreaterThanOrEqual(3);
      expect(stage.objectives.length, stage.slug).toBeLessThanOrEqual(5);
      expect(
        stage.checkpoints.map((c) => c.id),
        stage.slug,
      ).toContain('contract');
      expect(stage.body, stage.slug).toMatch(/^# /);
      expect(stage.file).toBe(join(DEFAULT_ROADMAP_DIR, `${stage.slug}.md`));
    }
  });

  it('when loaded, then every checkpoint names the commands that earn it and what counts as passing', () => {
    for (const stage of stages) {
      for (const checkpoint of stage.checkpoints) {
        const where = `${stage.slug} › ${checkpoint.id}`;
        expect(checkpoint.earnedBy.length, where).toBeGreaterThan(0);
        for (const line of checkpoint.earnedBy) expect(line, where).toMatch(/^journey [a-z]/);
        expect(checkpoint.passing, where).not.toBe('');
      }
    }
  });

  it("when loaded, then the monolith's four checks are what makes it done", () => {
    const monolith = stages.find((s) => s.slug === 'monolith')!;
    expect(monolith.checkpoints.map((c) => [c.id, c.earnedBy])).toEqual([
      ['contract', ['journey test monolith']],
      ['fitness', ['journey check monolith']],
      ['baseline', ['journey bench monolith']],
      ['experiment', ['journey experiment monolith comments-down']],
    ]);
  });

  it('when loaded, then only the monolith starts without prerequisites', () => {
    expect(stages.filter((s) => s.prerequisites.length === 0).map((s) => s.slug)).toEqual(['monolith']);
  });
});

describe('loadRoadmap on a broken copy', () => {
  let dir: string;
  const file = (slug: string) => join(dir, `${slug}.md`);
  const edit = (slug: string, change: (text: string) => string) =>
    writeFileSync(file(slug), change(readFileSync(file(slug), 'utf8')));
  const problemsOf = (): string => {
    try {
      loadRoadmap(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(RoadmapError);
      return (error as Error).message;
    }
    throw new Error('expected loadRoadmap to fail');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journey-roadmap-'));
    cpSync(DEFAULT_ROADMAP_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when nothing is changed, then the copy loads', () => {
    expect(loadRoadmap(dir)).toHaveLength(8);
  });

  it('when a difficulty is not one of the three, then the error names the file and the field', () => {
    edit('layered', (t) => t.replace('difficulty: Intermediate', 'difficulty: Easy'));
    const message = problemsOf();
    expect(message).toContain(`${file('layered')}: field "difficulty" must be one of`);
    expect(message).toContain('"Easy"');
  });

  it('when a required field is missing, then the error names the file and the field', () => {
    edit('soa', (t) => t.replace(/^title: .*\n/m, ''));
    expect(problemsOf()).toContain(`${file('soa')}: field "title" is required`);
  });

  it('when a field name is misspelt, then the error names the unknown field', () => {
    edit('monolith', (t) => t.replace('prerequisites: []', 'prerequisite: []'));
    const message = problemsOf();
    expect(message).toContain(`${file('monolith')}: field "prerequisite" is not a known field`);
    expect(message).toContain(`${file('monolith')}: field "prerequisites" is required`);
  });

  it('when the slug does not match the file name, then the error says so', () => {
    edit('hexagonal', (t) => t.replace('slug: hexagonal', 'slug: hexagon'));
    expect(problemsOf()).toContain(`${file('hexagonal')}: field "slug" must be "hexagonal"`);
  });

  it('when a checkpoint id is not kebab-case, then the error names the checkpoint field', () => {
    edit('monolith', (t) => t.replace('- id: baseline', '- id: Base Line'));
    expect(problemsOf()).toContain(`${file('monolith')}: field "checkpoints[2].id" must be a kebab-case id`);
  });

  it('when a checkpoint has no earnedBy or no passing, then the error names both fields', () => {
    edit('monolith', (t) =>
      t
        .replace(/ {4}earnedBy:\n {6}- journey check monolith\n/, '')
        .replace(/(- id: baseline[\s\S]*?) {4}passing: .*\n/, '$1'),
    );
    const message = problemsOf();
    expect(message).toContain(
      `${file('monolith')}: field "checkpoints[1].earnedBy" must be a non-empty list`,
    );
    expect(message).toContain(
      `${file('monolith')}: field "checkpoints[2].passing" must say in one non-empty line`,
    );
  });

  it('when an earnedBy line is not a journey command, then the error names the entry', () => {
    edit('layered', (t) => t.replace('      - journey check layered\n', '      - npm run check\n'));
    expect(problemsOf()).toContain(
      `${file('layered')}: field "checkpoints[1].earnedBy[0]" "npm run check" must start with "journey "`,
    );
  });

  it('when an earnedBy flag has no value, then the error names the entry and the flag', () => {
    edit('hexagonal', (t) =>
      t.replace('journey test hexagonal --db postgres', 'journey test hexagonal --db'),
    );
    expect(problemsOf()).toContain(
      `${file('hexagonal')}: field "checkpoints[2].earnedBy[1]" "journey test hexagonal --db" gives no value to --db`,
    );
  });

  it('when earnedBy lists one command twice, in any spelling, then the error names the repeat', () => {
    edit('hexagonal', (t) =>
      t.replace('journey test hexagonal --db postgres', 'journey test hexagonal --db=sqlite'),
    );
    expect(problemsOf()).toContain(`${file('hexagonal')}: field "checkpoints[2].earnedBy[1]" repeats`);
  });

  it('when earnedBy is a single string instead of a list, then the error says a list is wanted', () => {
    edit('soa', (t) =>
      t.replace('    earnedBy:\n      - journey test soa\n', '    earnedBy: journey test soa\n'),
    );
    expect(problemsOf()).toContain(
      `${file('soa')}: field "checkpoints[0].earnedBy" must be a non-empty list`,
    );
  });

  it('when a checkpoint has an unknown field, then the error lists the known ones', () => {
    edit('soa', (t) =>
      t.replace(
        '    earnedBy:\n      - journey test soa\n',
        '    earnedBy:\n      - journey test soa\n    command: x\n',
      ),
    );
    expect(problemsOf()).toContain(
      `${file('soa')}: field "checkpoints[0].command" is not a known field (expected id, description, earnedBy, passing)`,
    );
  });

  it('when there are too few objectives, then the error names the field', () => {
    edit('serverless', (t) => t.replace(/objectives:\n( {2}- .*\n)+/, 'objectives:\n  - Only one.\n'));
    expect(problemsOf()).toContain(
      `${file('serverless')}: field "objectives" must list 3 to 5 objectives, got 1`,
    );
  });

  it('when a prerequisite is unknown, then the error names the list entry', () => {
    edit('layered', (t) => t.replace('  - monolith', '  - monolithic'));
    expect(problemsOf()).toContain(`${file('layered')}: field "prerequisites[0]" must be one of`);
  });

  it('when prerequisites form a cycle, then the error shows it', () => {
    edit('monolith', (t) => t.replace('prerequisites: []', 'prerequisites: [hexagonal]'));
    expect(problemsOf()).toMatch(/field "prerequisites" form a cycle: (\S+ → ){3}\S+/);
  });

  it('when a prerequisite comes later in the suggested path, then the error names it', () => {
    edit('event-driven', (t) => t.replace('  - microservices', '  - serverless'));
    expect(problemsOf()).toContain(
      `${file('event-driven')}: field "prerequisites[0]" "serverless" comes at step 7 of the suggested path, not before step 6`,
    );
  });

  it('when two stages share a suggestedOrder, then the error names the field and the other file', () => {
    edit('layered', (t) => t.replace('suggestedOrder: 2', 'suggestedOrder: 1'));
    expect(problemsOf()).toMatch(
      /layered\.md: field "suggestedOrder" 1 is already used by monolith\.md|monolith\.md: field "suggestedOrder" 1 is already used by layered\.md/,
    );
  });

  it('when the YAML is broken, then the error names the file and the line', () => {
    edit('microservices', (t) => t.replace('roadmapOrder: 2', 'roadmapOrder: [2'));
    expect(problemsOf()).toMatch(new RegExp(`${file('microservices')}: has invalid YAML at line \\d+`));
  });

  it('when the front-matter is missing, then the error says so', () => {
    edit('event-driven', (t) => t.replace(/^---\n/, ''));
    expect(problemsOf()).toContain(`${file('event-driven')}: must start with YAML front-matter`);
  });

  it('when a stage file is missing or an extra one appears, then both are reported', () => {
    unlinkSync(file('service-mesh'));
    writeFileSync(file('cqrs'), readFileSync(file('soa'), 'utf8'));
    const message = problemsOf();
    expect(message).toContain(`${file('service-mesh')}: is missing`);
    expect(message).toContain(`${file('cqrs')}: is not one of the eight stages`);
  });

  it('when the directory holds a README, then it is not taken for a stage', () => {
    writeFileSync(join(dir, 'README.md'), '# The roadmap\n');
    expect(loadRoadmap(dir)).toHaveLength(8);
  });

  it('when the directory does not exist, then the error names it', () => {
    const missing = join(dir, 'nowhere');
    expect(() => loadRoadmap(missing)).toThrow(`${missing}: cannot be read`);
  });
});
