import type { ArchitectureRule } from '@journey/architecture-rules';

/**
 * Which way dependencies point across the repository (docs/STYLE: `patterns/* → packages/*`,
 * `lab/* → packages/*`). Paths are relative to the repository root and name the folder a file really
 * lives in: a workspace package is followed through its symlink, so `@journey/<slug>-events` counts
 * as the `patterns/` folder it is. The lab loads a pattern's `topology.ts` and `pattern.ts` by a
 * computed path, which no static import shows and no rule here forbids. Those declarations may read
 * their own pattern's data (event-driven's topology draws its event edges from its catalogue, so the
 * diagram cannot drift from it); that data then runs in the lab's process, which is why it stays data.
 */

/** A file of a pattern's tests (a `test/` folder or a `*.test.ts`), which only `npm test` runs. */
const TEST_CODE = '(^|/)test/|\\.test\\.ts$';
/** A pattern's declaration of what runs; an overlay's names the one it extends. */
const TOPOLOGY_FILE = '^patterns/[^/]+/topology\\.ts$';

/** `patterns/event-driven/libs/events/src/index.ts` → `patterns/event-driven`; `lab/cli/…` → `lab/cli`. */
const ownerOf = (path: string) => /^(?:lab|packages|patterns)\/[^/]+/.exec(path)?.[0] ?? path;

export const REPOSITORY_RULES: ArchitectureRule[] = [
  {
    name: 'package-imports-no-lab',
    comment:
      'Packages are the bottom layer: the lab and every pattern build on them. A package that imports the ' +
      'lab cannot be used or tested without it, and the lab above it can no longer change freely.',
    forbidden: [{ from: { path: '^packages/' }, to: { path: '^lab/' } }],
    explain: ({ from, to }) =>
      `${from} imports ${to}, code of ${ownerOf(to)}; a package stands below the lab, ` +
      'so move what it needs from there into a package (provisioning, testkit…)',
  },
  {
    name: 'package-imports-no-pattern',
    comment:
      'What more than one pattern could use is a package; a package that reaches into one pattern makes ' +
      'every other user of the package depend on that pattern too.',
    forbidden: [{ from: { path: '^packages/' }, to: { path: '^patterns/' } }],
    explain: ({ from, to }) =>
      `${from} imports ${to}, code of ${ownerOf(to)}; move what both need into a package`,
  },
  {
    name: 'lab-imports-no-pattern',
    comment:
      'The lab runs, measures and breaks every pattern from its declarations alone; importing one pattern’s ' +
      'code ties the lab to it, so the next pattern needs a special case. Lab tests follow the same rule.',
    forbidden: [{ from: { path: '^lab/' }, to: { path: '^patterns/' } }],
    explain: ({ from, to }) =>
      `${from} imports ${to}, code of ${ownerOf(to)}; let the pattern declare what the lab needs ` +
      '(pattern.ts) or move shared infrastructure into a package',
  },
  {
    name: 'pattern-code-imports-no-lab',
    comment:
      'A pattern runs on its own, without the lab that starts it; and the lab loads a pattern’s ' +
      'declarations (topology.ts, pattern.ts, the benches and commands they name), which must not load the ' +
      'lab back. Tests are exempt on purpose: they may start the pattern through the lab’s runner ' +
      '(@journey/orchestrator), as the lab itself would, and nothing ships or imports them.',
    forbidden: [{ from: { path: '^patterns/', pathNot: TEST_CODE }, to: { path: '^lab/' } }],
    explain: ({ from, to }) =>
      `${from} imports ${to}, code of ${ownerOf(to)}; a pattern's own code uses packages only ` +
      '(only its tests may use the lab)',
  },
  {
    name: 'pattern-imports-no-other-pattern',
    comment:
      'Each pattern is run, measured and compared alone, so each must stand alone: what two patterns share ' +
      'is a package, never one pattern’s code.',
    forbidden: [
      {
        from: { path: '^patterns/([^/]+)/', pathNot: TOPOLOGY_FILE },
        to: { path: '^patterns/', pathNot: '^patterns/$1/' },
      },
      // An overlay's topology file names the declaration it extends; nothing else of its base.
      {
        from: { path: TOPOLOGY_FILE.replace('[^/]+', '([^/]+)') },
        to: { path: '^patterns/', pathNot: ['^patterns/$1/', TOPOLOGY_FILE] },
      },
    ],
    explain: ({ from, to }) =>
      `${from} imports ${to}, code of ${ownerOf(to)}; move what both need into a package`,
  },
];
