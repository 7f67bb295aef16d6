import { STAGE_SLUGS } from '@journey/roadmap';
import type { Topology } from '@journey/topology';

/**
 * On one machine with hostNetwork every process shares the host's ports, so each gets a fixed one:
 * a block of 20 per pattern (so two patterns can run side by side), the main ports first, admin ports
 * 10 above. Away from the ephemeral range and from the lab's 3999.
 */
const FIRST_PORT = 18_000;
const PORTS_PER_PATTERN = 20;
const ADMIN_OFFSET = 10;

function patternBase(topology: Topology): number {
  const slot = (STAGE_SLUGS as readonly string[]).indexOf(topology.id);
  if (slot < 0)
    throw new Error(`topology "${topology.id}" is no pattern of the roadmap: it has no port block`);
  if (topology.processes.length > ADMIN_OFFSET) {
    throw new Error(
      `topology "${topology.id}" has ${topology.processes.length} processes; its port block holds ${ADMIN_OFFSET}`,
    );
  }
  return FIRST_PORT + slot * PORTS_PER_PATTERN;
}

/** Each process's fixed port, in the topology's order: the port in its `portEnv` everywhere it is deployed. */
export function localPorts(topology: Topology): Map<string, number> {
  const base = patternBase(topology);
  return new Map(topology.processes.map((process, index) => [process.name, base + index]));
}

/** The fixed admin port of each process that declares `adminPortEnv` (a meshed pod's plaintext health port). */
export function localAdminPorts(topology: Topology): Map<string, number> {
  const base = patternBase(topology) + ADMIN_OFFSET;
  return new Map(
    topology.processes.flatMap((process, index) =>
      process.adminPortEnv === undefined ? [] : [[process.name, base + index] as const],
    ),
  );
}
