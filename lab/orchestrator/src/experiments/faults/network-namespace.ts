import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { programOnPath } from '@journey/platform';
import { FaultRefused } from './fault.js';

const run = promisify(execFile);

/**
 * A network namespace of the lab's own for one experiment, joined to the host by a veth pair with a
 * private /30: the host end and the namespace end each get one address. Rules loaded inside it touch
 * nothing of the host's (its nftables rules, its loopback), and deleting it removes all of it.
 */
export interface NamespacePlan {
  /** `journey-chaos-<lab id>-<pid>`: a leftover one names the lab and the process that made it. */
  name: string;
  hostVeth: string;
  namespaceVeth: string;
  hostAddress: string;
  namespaceAddress: string;
  /** `ip` argv, in order. */
  setup: string[][];
  teardown: string[][];
}

const PREFIX = 'journey-chaos-';
/** The /30 blocks handed out: 10.231.0.0/16, 16 384 of them. */
const BLOCKS = 16_384;

export function namespacePlan(lab: string, pid: number, block: number): NamespacePlan {
  const name = `${PREFIX}${lab}-${pid}`;
  // Interface names hold 15 characters: jc, the lab id (6), the pid in base 36 (≤ 5), the end's letter.
  const veth = `jc${lab}${pid.toString(36)}`;
  const [hostVeth, namespaceVeth] = [`${veth}h`, `${veth}n`];
  const b = ((block % BLOCKS) + BLOCKS) % BLOCKS;
  const base = `10.231.${b >> 6}.${(b & 63) * 4}`.split('.').map(Number) as [number, number, number, number];
  const address = (offset: number) => `${base[0]}.${base[1]}.${base[2]}.${base[3] + offset}`;
  const [hostAddress, namespaceAddress] = [address(1), address(2)];
  return {
    name,
    hostVeth,
    namespaceVeth,
    hostAddress,
    namespaceAddress,
    setup: [
      ['netns', 'add', name],
      ['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', namespaceVeth, 'netns', name],
      ['addr', 'add', `${hostAddress}/30`, 'dev', hostVeth],
      ['link', 'set', hostVeth, 'up'],
      ['-n', name, 'addr', 'add', `${namespaceAddress}/30`, 'dev', namespaceVeth],
      ['-n', name, 'link', 'set', namespaceVeth, 'up'],
    ],
    // Deleting the namespace takes its veth end, and the pair with it, but not always at once.
    teardown: [
      ['netns', 'delete', name],
      ['link', 'delete', hostVeth],
    ],
  };
}

const TABLE = 'journey_chaos';

/** The rule draws a whole percent: below 1% it would read `< 0` and never drop anything. */
export const SMALLEST_DROP_SHARE = 0.01;

/**
 * The namespace's nftables ruleset dropping `share` of the new TCP connections to `port` (a fresh
 * random draw per SYN, so a client's retransmitted SYN may get through): loaded with `nft -f -`.
 * The first rule counts every SYN to the port, the second the ones it drops (`dropCounts`).
 */
export function dropRuleset(port: number, share: number): string {
  const percent = Math.round(share * 100);
  return [
    `table inet ${TABLE} {`,
    '  chain input {',
    '    type filter hook input priority filter; policy accept;',
    `    tcp dport ${port} ct state new counter`,
    `    tcp dport ${port} ct state new numgen random mod 100 < ${percent} counter drop`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The SYNs the drop ruleset saw and dropped, from its two counters. */
export interface DropCounts {
  seen: number;
  dropped: number;
}

/** Reads the counters of `dropRuleset` out of `nft -j list table` (its JSON). */
export function dropCounts(listing: string): DropCounts {
  type Expression = { counter?: { packets: number }; drop?: null };
  const rules = (JSON.parse(listing) as { nftables: Array<{ rule?: { expr: Expression[] } }> }).nftables
    .map((entry) => entry.rule?.expr)
    .filter((expr) => expr !== undefined);
  const packets = (expr: Expression[]) => expr.find((e) => e.counter)?.counter?.packets ?? 0;
  const counting = rules.find((expr) => !expr.some((e) => 'drop' in e));
  const dropping = rules.find((expr) => expr.some((e) => 'drop' in e));
  if (!counting || !dropping) throw new Error(`the ${TABLE} table lacks its counting or its dropping rule`);
  return { seen: packets(counting), dropped: packets(dropping) };
}

/** `ip netns exec <ns>`: what runs a program inside the namespace. */
export const inNamespace = (plan: NamespacePlan) => ['ip', 'netns', 'exec', plan.name];

/** Refused, with what is missing, where `ip` or `nft` is not installed or namespaces cannot be made. */
export function requireNamespaceTools(): void {
  for (const [program, install] of [
    ['ip', 'apt-get install iproute2'],
    ['nft', 'apt-get install nftables'],
  ] as const)
    if (!programOnPath(program))
      throw new FaultRefused(`${program} is not installed: dropping connections needs it (${install})`);
  if (process.getuid?.() !== 0)
    throw new FaultRefused(
      'dropping connections creates a network namespace, which needs root (run as root)',
    );
}

/** Addresses already on this machine's interfaces, so a block in use is skipped. */
async function addressesInUse(): Promise<Set<string>> {
  const { stdout } = await run('ip', ['-o', '-4', 'addr', 'show']);
  return new Set([...stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)].map((match) => match[1]!));
}

/**
 * Namespaces a chaos run left behind (its process is gone: killed, or a test worker ended hard), of
 * any lab: each run of the tests is a lab of its own (a fresh JOURNEY_HOME), so a leftover's lab id
 * is seldom the current one. Removed before making another.
 */
export async function removeLeftovers(alive: (pid: number) => boolean): Promise<string[]> {
  const { stdout } = await run('ip', ['netns', 'list']);
  const removed: string[] = [];
  for (const [, lab, pid] of stdout.matchAll(new RegExp(`^${PREFIX}([0-9a-f]+)-(\\d+)\\b`, 'gm'))) {
    if (alive(Number(pid))) continue;
    const leftover = namespacePlan(lab!, Number(pid), 0);
    await teardown(leftover);
    removed.push(leftover.name);
  }
  return removed;
}

/** Makes the namespace; on a failure half-way, removes what was made. */
export async function createNamespace(lab: string): Promise<NamespacePlan> {
  const used = await addressesInUse();
  let plan = namespacePlan(lab, process.pid, process.pid);
  for (let step = 1; used.has(plan.hostAddress) || used.has(plan.namespaceAddress); step++)
    plan = namespacePlan(lab, process.pid, process.pid + step);
  try {
    for (const argv of plan.setup) await run('ip', argv);
  } catch (error) {
    await teardown(plan);
    throw new Error(`creating the network namespace ${plan.name}: ${(error as Error).message}`);
  }
  return plan;
}

export async function loadRuleset(plan: NamespacePlan, ruleset: string): Promise<void> {
  await runWithInput([...inNamespace(plan), 'nft', '-f', '-'], ruleset);
}

/** The drop ruleset's counters, read just before it is deleted. */
export async function readDropCounts(plan: NamespacePlan): Promise<DropCounts> {
  const { stdout } = await run('ip', [
    ...inNamespace(plan).slice(1),
    'nft',
    '-j',
    'list',
    'table',
    'inet',
    TABLE,
  ]);
  return dropCounts(stdout);
}

export async function deleteRuleset(plan: NamespacePlan): Promise<void> {
  await run('ip', [...inNamespace(plan).slice(1), 'nft', 'delete', 'table', 'inet', TABLE]).catch(
    () => undefined,
  );
}

/**
 * The host's connections still waiting for an answer to their SYN (`ss` state SYN-SENT) to
 * `address:port`, each named by its local address and port.
 */
export async function connectsWaiting(address: string, port: number): Promise<Set<string>> {
  const { stdout } = await run('ss', ['-Htn', 'state', 'syn-sent', 'dst', `${address}:${port}`]);
  // With a state filter ss leaves the state column out: Recv-Q Send-Q Local Peer.
  return new Set(stdout.split('\n').flatMap((line) => line.trim().split(/\s+/)[2] ?? []));
}

/** Removes the namespace and its veth pair; what is already gone is no failure. */
export async function teardown(plan: NamespacePlan): Promise<void> {
  for (const argv of plan.teardown) await run('ip', argv).catch(() => undefined);
}

function runWithInput(argv: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(argv[0]!, argv.slice(1), (error, _stdout, stderr) =>
      error ? reject(new Error(`${argv.join(' ')}: ${stderr.trim() || error.message}`)) : resolve(),
    );
    child.stdin!.end(input);
  });
}
