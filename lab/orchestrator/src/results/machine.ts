import { arch, cpus, hostname, platform, release, totalmem } from 'node:os';

/** The machine a run was measured on, stored with its figures so runs from different machines are not compared blindly. */
export interface MachineInfo {
  hostname: string;
  os: string;
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    hostname: hostname(),
    os: `${platform()} ${release()} ${arch()}`,
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryBytes: totalmem(),
    node: process.version,
  };
}
