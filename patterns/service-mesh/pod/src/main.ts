import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, freePort, type Logger, onShutdown, programOnPath } from '@journey/platform';
import { compileCommand } from '@journey/runner';
import { processUrlEnv } from '@journey/topology';
import type { PodConfigured, PodRegistration } from '../../control-plane/src/pod-registration.js';
import { reloadSidecar, sidecarProcesses } from '../../sidecar/src/haproxy-runtime.js';
import { describeExit, PodChild } from './pod-child.js';
import { type PodSettings, readPodSettings } from './pod-settings.js';
import { registerPod } from './register-pod.js';

/**
 * pattern: the pod, as Kubernetes runs a meshed service: the service's own process and a sidecar
 * proxy beside it, started together and stopped together. The service is told that its dependencies
 * live on loopback ports, which are the sidecar's; everything between pods goes through sidecars.
 */

const NOT_INSTALLED =
  "HAProxy is not installed: the mesh's sidecars are HAProxy 2.6 or newer (Debian/Ubuntu: apt-get install haproxy)";

/** The service's own shutdown may take its 10 s grace. */
const SERVICE_STOP_PATIENCE_MS = 12_000;
/**
 * Once the service is gone the sidecar carries nothing worth waiting for: its soft stop finishes the
 * calls in flight at once, but would also wait for peers' idle keep-alive connections to speak again.
 */
const SIDECAR_STOP_PATIENCE_MS = 2_000;
/**
 * The lab stops a pod by signalling its whole process group: the children may see the signal (and
 * exit) a moment before the pod does. A child's exit is judged only after this, once the pod knows;
 * and a stopping pod gives its service this long to go by the group's signal before sending its own.
 */
const GROUP_SIGNAL_GRACE_MS = 1_000;
const SIDECAR_START_PATIENCE_MS = 30_000;

if (!programOnPath('haproxy')) {
  process.stderr.write(`${NOT_INSTALLED}\n`);
  process.exit(1);
}

const log = createLogger('pod');
let settings: PodSettings;
try {
  settings = readPodSettings(process.env, process.argv);
} catch (error) {
  log.fatal({ err: error }, 'the pod cannot start');
  process.exit(1);
}

const children: PodChild[] = [];
let stopping = false;

/** The service first (its calls in flight still need the sidecar), then the sidecar, softly. */
async function stopPod(): Promise<void> {
  stopping = true;
  const [sidecar, service] = children;
  // When the lab stopped the pod's group the service had the signal too, and a second one would cut
  // its shutdown short: it is signalled only if it is still there after a moment.
  if (service && !(await service.exitsWithin(GROUP_SIGNAL_GRACE_MS))) {
    await service.stop(['SIGTERM'], SERVICE_STOP_PATIENCE_MS);
  }
  // SIGUSR1: the master's soft stop, finishing the calls in flight; SIGTERM if it lingers.
  await sidecar?.stop(['SIGUSR1', 'SIGTERM'], SIDECAR_STOP_PATIENCE_MS);
}

onShutdown(log, stopPod, GROUP_SIGNAL_GRACE_MS + SERVICE_STOP_PATIENCE_MS + 3 * SIDECAR_STOP_PATIENCE_MS);

startPod(settings, log).catch(async (error: unknown) => {
  // Stopped while starting (the sidecar it waited for went with the stop): the shutdown under way
  // exits, and this is no failure to report.
  if (stopping) return;
  log.fatal({ err: error }, `${settings.process}'s pod failed to start`);
  await stopPod();
  process.exit(1);
});

async function startPod(pod: PodSettings, log: Logger): Promise<void> {
  const appPort = await freePort();
  const services = [...new Set(pod.upstreams.map((upstream) => upstream.service))];
  const outboundPorts: Record<string, number> = {};
  for (const service of services) outboundPorts[service] = await freePort();
  const registration: PodRegistration = {
    process: pod.process,
    service: pod.service,
    version: pod.version,
    ingress: pod.ingress,
    inboundPort: pod.inboundPort,
    adminPort: pod.adminPort,
    app: { port: appPort, healthPath: pod.healthPath },
    upstreams: pod.upstreams,
    outboundPorts,
  };
  const configured = await registerPod(pod.controlUrl, registration, log);
  if (stopping) return;
  const registeredConfig = await readFile(configured.configFile, 'utf8');
  const sidecar = startChild(
    'sidecar',
    ['haproxy', '-W', '-db', '-S', `${configured.masterSocket},mode,600`, '-f', configured.configFile],
    process.env,
    '[sidecar] ',
  );
  await sidecarServing(sidecar, configured);
  if (stopping) return;
  // A policy applied while the sidecar was starting rewrote its file, but could not reload a sidecar
  // whose master socket was not there yet, and the sidecar may have read the file before: it reloads
  // now, or it would serve the previous policy until the next change to it.
  if ((await readFile(configured.configFile, 'utf8')) !== registeredConfig) {
    log.info({ process: pod.process }, 'the configuration changed while the sidecar started: reloading it');
    await reloadSidecar(configured.masterSocket);
  }
  // A `node --import tsx` service runs compiled, as the lab runs it outside the mesh (ADR 18).
  const appCommand = await compileCommand(pod.appCommand);
  if (stopping) return;
  startChild('service', appCommand, serviceEnv(pod, appPort, outboundPorts));
  log.info(
    { process: pod.process, appPort, outboundPorts, configFile: configured.configFile },
    `${pod.process}'s pod is up: its service and its sidecar`,
  );
}

function startChild(name: string, command: string[], env: NodeJS.ProcessEnv, linePrefix?: string): PodChild {
  const child = new PodChild(name, command, env, linePrefix);
  children.push(child);
  void child.exited.then(async (status) => {
    await sleep(GROUP_SIGNAL_GRACE_MS);
    if (stopping) return;
    log.fatal(`${settings.process}'s ${name} exited on its own (${describeExit(status)}): stopping the pod`);
    await stopPod();
    process.exit(1);
  });
  return child;
}

/** Until the master reports a worker: the configuration loaded and the listeners are open. */
async function sidecarServing(sidecar: PodChild, configured: PodConfigured): Promise<void> {
  const deadline = Date.now() + SIDECAR_START_PATIENCE_MS;
  while (Date.now() < deadline) {
    if (!sidecar.running) throw new Error(`the sidecar exited before serving (its lines above say why)`);
    const processes = await sidecarProcesses(configured.masterSocket).catch(() => null);
    if (processes && processes.workers.length > 0) return;
    await sleep(100);
  }
  throw new Error(`the sidecar did not start serving in ${SIDECAR_START_PATIENCE_MS} ms`);
}

/**
 * The service's environment: its port is a private one, and each service it calls is at the sidecar's
 * listener for it. The pods' own addresses (mTLS) and the admin port are the sidecar's business.
 */
function serviceEnv(
  pod: PodSettings,
  appPort: number,
  outboundPorts: Record<string, number>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(appPort) };
  delete env.ADMIN_PORT;
  for (const upstream of pod.upstreams) delete env[processUrlEnv(upstream.process)];
  for (const [service, port] of Object.entries(outboundPorts)) {
    env[processUrlEnv(service)] = `http://127.0.0.1:${port}`;
  }
  return env;
}
