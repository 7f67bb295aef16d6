import { loadTopology, runDeclaredExperiment } from '@journey/orchestrator';
import { describe, expect, it } from 'vitest';
import { meshPrograms } from '../topology/mesh-programs.js';
import { warnings } from './support/mesh-under-test.js';

const programs = await meshPrograms();

describe.skipIf(!programs.available)(
  `service-mesh fault-injection experiment${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    it('when the sidecars abort and delay a share of every service’s calls, then the API keeps working as the topology predicts', async () => {
      // As `journey experiment service-mesh fault-injection` runs it: its own fresh copy, the faults
      // injected and lifted by `journey mesh apply`.
      const outcome = await runDeclaredExperiment({
        topology: await loadTopology('service-mesh'),
        name: 'fault-injection',
        start: { choices: { database: 'sqlite' }, log: warnings },
      });
      // On a mismatch, what each capability was answered during the fault says which call gave way.
      const { figures, writes } = outcome.report;
      expect(outcome.mismatches, JSON.stringify({ fault: figures.fault, writes }, null, 1)).toEqual([]);
      // Kept working with the faults in place: the policy that injects them was applied, and probed.
      const injected = 'journey mesh apply patterns/service-mesh/policies/fault-injection.yaml';
      expect(outcome.report.findings.some((line) => line.startsWith(injected))).toBe(true);
      expect(outcome.report.figures.fault.articles.requests).toBeGreaterThan(0);
    }, 600_000);
  },
);
