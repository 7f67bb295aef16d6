import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { groupsCpuSeconds, processCpuTicks } from '../src/bench/process-cpu.js';
import { groupPids } from '../src/bench/process-memory.js';

/**
 * A process group like a pattern with workers: a leader that starts two children; each of the three
 * burns CPU until /proc says it has used at least a fifth of a second, then idles, its figure settled.
 */
const BURN = `
const { readFileSync } = require('node:fs');
const ticks = () => {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
while (ticks() < 20) for (let i = 0; i < 1e6; i++);
setInterval(() => {}, 1e6);
`;
const LEADER = `
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const children = [0, 1].map(() => spawn(process.execPath, ['-e', ${JSON.stringify(`${BURN}console.log('burnt');`)}], { stdio: ['ignore', 'pipe', 'inherit'] }));
Promise.all(children.map((child) => once(child.stdout, 'data'))).then(() => {
  ${BURN.replace('setInterval(() => {}, 1e6);', '')}
  console.log('burnt ' + children.map((child) => child.pid).join(' '));
});
setInterval(() => {}, 1e6);
`;

describe('bench CPU accounting', () => {
  let group: ChildProcess | undefined;
  afterAll(() => {
    if (group?.pid) process.kill(-group.pid, 'SIGKILL');
  });

  it('when a group’s processes have used CPU, then the group’s figure is the sum over every one of them', async () => {
    group = spawn(process.execPath, ['-e', LEADER], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(group.stdout!, 'data')) as [Buffer];
    const children = line.toString().trim().split(' ').slice(1).map(Number);
    const pgid = group.pid!;
    const members = groupPids(pgid);
    expect(new Set(members)).toEqual(new Set([pgid, ...children]));
    const perProcess = members.map(processCpuTicks);
    for (const ticks of perProcess) expect(ticks).toBeGreaterThanOrEqual(20);
    // Idle now, so the sum read again is the same, within a tick per process of housekeeping.
    const total = groupsCpuSeconds([pgid]);
    expect(total).toBeGreaterThanOrEqual(perProcess.reduce((a, b) => a + b, 0) / 100);
    expect(total).toBeLessThanOrEqual((perProcess.reduce((a, b) => a + b, 0) + members.length) / 100);
  }, 60_000);

  it('when a process is gone, then it counts nothing rather than failing the measurement', () => {
    expect(processCpuTicks(2 ** 30)).toBe(0);
    expect(groupsCpuSeconds([12345], () => [2 ** 30])).toBe(0);
  });
});
