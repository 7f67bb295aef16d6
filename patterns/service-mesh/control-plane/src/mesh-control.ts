import { readFile } from 'node:fs/promises';
import type { Logger } from '@journey/platform';
import type { MeshPolicy } from '../../policy/src/mesh-policy.js';
import { type DeclaredPod, MESH_PODS } from '../../policy/src/mesh-services.js';
import { PolicyError, parsePolicy } from '../../policy/src/parse-policy.js';
import { renderHaproxyConfig } from '../../sidecar/src/haproxy-config.js';
import { oldWorkersDrained, reloadSidecar, updateCertificate } from '../../sidecar/src/haproxy-runtime.js';
import type { SidecarConfig } from '../../sidecar/src/sidecar-config.js';
import { type CertificateAuthority, openCertificateAuthority } from './certificate-authority.js';
import { compileSidecar } from './compile-sidecar.js';
import { describeChanges } from './describe-changes.js';
import { type CheckedConfig, checkedConfig, writeAtomically } from './files.js';
import { type MeshLayout, socketPathProblem } from './mesh-layout.js';
import type { PodConfigured, PodRegistration } from './pod-registration.js';
import { impersonation } from './pod-registration.schema.js';
import { loadRegistry, type RegisteredPod, saveRegistry } from './pod-registry.js';

/**
 * How long a reload waits for the previous configuration's workers to finish: the services' clients
 * drop an idle connection after 10 s, and a connection in use is done after its next call.
 */
const OLD_WORKERS_WAIT_MS = 12_000;

/** Refused before anything changed: the message says why, for the pod or the learner who asked. */
export class ImpersonationError extends Error {
  override name = 'ImpersonationError';
}

/** What applying a policy did to one pod. */
export interface PodPolicyChange {
  process: string;
  /** One line per change (describe-changes.ts); empty when its sidecar's configuration stayed the same. */
  changes: string[];
  /** Whether its sidecar reloaded the new configuration; null when there was nothing to reload. */
  reloaded: boolean | null;
  /** Why it did not reload (its pod is down): it runs the new configuration when it starts again. */
  error?: string;
}

export interface PolicyApplied {
  generation: number;
  pods: PodPolicyChange[];
}

export interface CertificateRotated {
  process: string;
  notAfter: string;
  /** Whether the running sidecar took the new certificate; false when its pod is down. */
  pushed: boolean;
  error?: string;
}

export interface MeshControlOptions {
  layout: MeshLayout;
  /** The policy file to start from when the run has none of its own (mesh-policy.yaml, or MESH_POLICY). */
  defaultPolicyFile: string;
  log: Logger;
  /** The pods the topology declares: a registration must be one of them. */
  declaredPods?: readonly DeclaredPod[];
}

/**
 * The control plane's state and every change to it: pods registering, a policy applied, certificates
 * rotated. Changes run one at a time (a policy applied while a pod registers must not write the same
 * files), and each is persisted (policy.yaml, registry.json) before it is answered.
 */
export class MeshControl {
  private queue: Promise<unknown> = Promise.resolve();
  private accessLog: SidecarConfig['accessLog'] = null;

  private constructor(
    private readonly options: MeshControlOptions & { declaredPods: readonly DeclaredPod[] },
    private readonly ca: CertificateAuthority,
    private policyState: { text: string; policy: MeshPolicy },
    private generationNumber: number,
    private readonly pods: Map<string, RegisteredPod>,
    /** The access-log port a previous run used, for the receiver to try first. */
    readonly previousAccessLogPort: number | null,
  ) {}

  static async open(options: MeshControlOptions): Promise<MeshControl> {
    const { layout } = options;
    const declaredPods = options.declaredPods ?? MESH_PODS;
    const tooLong = socketPathProblem(
      layout,
      declaredPods.map((pod) => pod.process),
    );
    if (tooLong !== undefined) throw new Error(`mesh-control cannot start: ${tooLong}`);
    const persisted = await readFile(layout.policyFile, 'utf8').catch(() => undefined);
    const source = persisted === undefined ? options.defaultPolicyFile : layout.policyFile;
    const text = persisted ?? (await readFile(source, 'utf8'));
    let policy: MeshPolicy;
    try {
      policy = parsePolicy(text);
    } catch (error) {
      throw new Error(`mesh-control cannot start from ${source}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const ca = await openCertificateAuthority(layout.caDir, policy.trustDomain);
    const registry = await loadRegistry(layout.registryFile);
    const pods = new Map((registry?.pods ?? []).map((pod) => [pod.registration.process, pod]));
    return new MeshControl(
      { ...options, declaredPods },
      ca,
      { text, policy },
      registry?.generation ?? 1,
      pods,
      registry?.accessLogPort ?? null,
    );
  }

  get policy(): MeshPolicy {
    return this.policyState.policy;
  }

  get policyText(): string {
    return this.policyState.text;
  }

  get caFile(): string {
    return this.ca.certificateFile;
  }

  get generation(): number {
    return this.generationNumber;
  }

  /** The pods the topology declares, whether or not they have registered. */
  get declaredPods(): readonly DeclaredPod[] {
    return this.options.declaredPods;
  }

  registeredPods(): RegisteredPod[] {
    return [...this.pods.values()];
  }

  /**
   * Where the sidecars send their access logs. Pods configured for another address (a previous run
   * whose port was taken) are reconfigured and reloaded.
   */
  useAccessLog(address: { host: string; port: number }): Promise<PodPolicyChange[]> {
    return this.serially(async () => {
      this.accessLog = address;
      const changes = await this.reconfigure(this.generationNumber + 1);
      if (changes.some((change) => change.reloaded !== null)) this.generationNumber++;
      await this.persist();
      return changes;
    });
  }

  /** `POST /pods`: a certificate for its identity and a sidecar configuration, fresh on every start. */
  register(registration: PodRegistration): Promise<PodConfigured> {
    return this.serially(async () => {
      const refusal = impersonation(registration, this.options.declaredPods);
      if (refusal !== undefined) throw new ImpersonationError(refusal);
      const files = this.options.layout.pod(registration.process);
      const certificate = await this.issue(registration);
      const config = this.compile(registration, this.generationNumber);
      const checked = await checkedConfig(files.configFile, renderHaproxyConfig(config));
      await checked.install();
      this.pods.set(registration.process, { registration, config, certificate });
      await this.persist();
      this.options.log.info(
        { process: registration.process, identity: certificate.identity, notAfter: certificate.notAfter },
        'pod registered',
      );
      return {
        configFile: files.configFile,
        masterSocket: files.masterSocket,
        runtimeSocket: files.runtimeSocket,
      };
    });
  }

  /**
   * `POST /policy`: every pod's configuration compiled again; those that changed are checked by
   * HAProxy, swapped in and reloaded without dropping a call. A policy HAProxy refuses for any pod
   * changes nothing anywhere.
   */
  applyPolicy(text: string): Promise<PolicyApplied> {
    return this.serially(async () => {
      const policy = parsePolicy(text);
      if (policy.trustDomain !== this.policy.trustDomain) {
        throw new PolicyError([
          `trustDomain: the mesh's certificates are issued in ${this.policy.trustDomain}; a running mesh cannot move ` +
            `to ${policy.trustDomain} (its CA and every identity would change): start a fresh run instead`,
        ]);
      }
      const previous = this.policyState;
      this.policyState = { text, policy };
      let pods: PodPolicyChange[];
      try {
        pods = await this.reconfigure(this.generationNumber + 1);
      } catch (error) {
        this.policyState = previous;
        throw error;
      }
      this.generationNumber++;
      await writeAtomically(this.options.layout.policyFile, text);
      await this.persist();
      this.options.log.info(
        {
          generation: this.generationNumber,
          reloaded: pods.filter((pod) => pod.reloaded).map((pod) => pod.process),
        },
        'policy applied',
      );
      return { generation: this.generationNumber, pods };
    });
  }

  /** `POST /rotate`, and the rotation at 80% of a certificate's life: new certificates pushed live, no reload. */
  rotate(which: (pod: RegisteredPod) => boolean = () => true): Promise<CertificateRotated[]> {
    return this.serially(async () => {
      const rotated: CertificateRotated[] = [];
      for (const pod of this.pods.values()) {
        if (!which(pod)) continue;
        rotated.push(await this.rotateOne(pod));
      }
      if (rotated.length > 0) await this.persist();
      return rotated;
    });
  }

  private async rotateOne(pod: RegisteredPod): Promise<CertificateRotated> {
    const { process } = pod.registration;
    const files = this.options.layout.pod(process);
    pod.certificate = await this.issue(pod.registration);
    const pem = await readFile(files.certificateFile, 'utf8');
    try {
      await updateCertificate(files.runtimeSocket, files.certificateFile, pem);
      this.options.log.info({ process, notAfter: pod.certificate.notAfter }, 'certificate rotated');
      return { process, notAfter: pod.certificate.notAfter, pushed: true };
    } catch (error) {
      // The new certificate is on disk: the pod's sidecar starts with it when the pod comes back.
      this.options.log.warn({ process, err: error }, 'certificate issued, but the sidecar did not take it');
      return { process, notAfter: pod.certificate.notAfter, pushed: false, error: (error as Error).message };
    }
  }

  /** Issues the pod's certificate and writes it where its sidecar's `crt` points. */
  private async issue(registration: PodRegistration): Promise<RegisteredPod['certificate']> {
    const issuedAt = new Date();
    const issued = await this.ca.issue(registration.service, this.policy.certificateTtlMs);
    await writeAtomically(this.options.layout.pod(registration.process).certificateFile, issued.pem, 0o600);
    return {
      identity: issued.identity,
      issuedAt: issuedAt.toISOString(),
      notAfter: issued.notAfter.toISOString(),
    };
  }

  private compile(registration: PodRegistration, generation: number): SidecarConfig {
    const files = this.options.layout.pod(registration.process);
    return compileSidecar(this.policy, registration, {
      generation,
      files: { certificate: files.certificateFile, caBundle: this.ca.certificateFile },
      sockets: { runtime: files.runtimeSocket, master: files.masterSocket },
      accessLog: this.accessLog,
    });
  }

  /**
   * Compiles every pod against the current policy and access-log address; those whose configuration
   * differs get `generation`. All are checked by HAProxy before any is installed.
   */
  private async reconfigure(generation: number): Promise<PodPolicyChange[]> {
    const planned = [...this.pods.values()].map((pod) => {
      const unchanged = this.compile(pod.registration, pod.config.generation);
      const same = renderHaproxyConfig(unchanged) === renderHaproxyConfig(pod.config);
      return { pod, next: same ? undefined : this.compile(pod.registration, generation) };
    });
    const checked: { pod: RegisteredPod; next: SidecarConfig; config: CheckedConfig }[] = [];
    try {
      for (const { pod, next } of planned) {
        if (next === undefined) continue;
        const file = this.options.layout.pod(pod.registration.process).configFile;
        checked.push({ pod, next, config: await checkedConfig(file, renderHaproxyConfig(next)) });
      }
    } catch (error) {
      await Promise.all(checked.map(({ config }) => config.discard()));
      throw error;
    }
    const reloads = checked.map(async ({ pod, next, config }): Promise<PodPolicyChange> => {
      const changes = describeChanges(pod.config, next);
      await config.install();
      pod.config = next;
      const { process } = pod.registration;
      const { masterSocket } = this.options.layout.pod(process);
      try {
        await reloadSidecar(masterSocket);
        // A policy is in force once no worker runs the previous one: an experiment's fault phase starts
        // when this returns, and must not see calls the old retries handled against the new faults.
        if (!(await oldWorkersDrained(masterSocket, OLD_WORKERS_WAIT_MS).catch(() => false))) {
          this.options.log.info(
            { process, waitedMs: OLD_WORKERS_WAIT_MS },
            'the previous configuration still holds idle connections; going on without waiting further',
          );
        }
        return { process, changes, reloaded: true };
      } catch (error) {
        this.options.log.warn(
          { process, err: error },
          'configuration written, but the sidecar did not reload',
        );
        return { process, changes, reloaded: false, error: (error as Error).message };
      }
    });
    const changed = await Promise.all(reloads);
    return planned.map(
      ({ pod }) =>
        changed.find((change) => change.process === pod.registration.process) ?? {
          process: pod.registration.process,
          changes: [],
          reloaded: null,
        },
    );
  }

  private persist(): Promise<void> {
    return saveRegistry(this.options.layout.registryFile, {
      generation: this.generationNumber,
      accessLogPort: this.accessLog?.port ?? null,
      pods: this.registeredPods(),
    });
  }

  private serially<T>(change: () => Promise<T>): Promise<T> {
    const next = this.queue.then(change, change);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
