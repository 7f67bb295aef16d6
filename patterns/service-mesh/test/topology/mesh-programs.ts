import { installedProgram, type ServiceAvailability } from '@journey/testkit';

/**
 * What the mesh runs beyond the lab's servers: HAProxy as every sidecar, and the openssl CLI with
 * which mesh-control's CA issues the workload certificates. The first one missing is the reason the
 * tests skip (or fail, under CI).
 */
export async function meshPrograms(): Promise<ServiceAvailability> {
  const needed = [
    await installedProgram('HAProxy', 'haproxy', 'Debian package haproxy: apt-get install haproxy'),
    await installedProgram('OpenSSL', 'openssl', 'Debian package openssl: apt-get install openssl'),
  ];
  return needed.find((program) => !program.available) ?? { available: true, reason: '' };
}
