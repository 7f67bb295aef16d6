import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConduitClient } from '@journey/conformance';
import { loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import type { PatternCheckResult, TrafficReport } from '@journey/topology';
import mesh from '../../../lab/mesh-command.js';

/** Only warnings and errors of the processes, so a failing test shows what they complained about. */
export const warnings = (name: string, line: string) => {
  if (/"level":(40|50|60)/.test(line)) console.error(`[${name}] ${line}`);
};

/** What `journey mesh …` printed and recorded, and its exit code. */
export interface CommandRun {
  code: number;
  printed: string[];
  recorded: PatternCheckResult[];
}

/**
 * One started mesh, as the behaviour tests reach into it: the public API, each pod's mTLS port, the
 * files mesh-control keeps under the run directory, its policy and traffic endpoints, and the `mesh`
 * command run in-process as the CLI runs it.
 */
export class MeshUnderTest {
  readonly api: ConduitClient;

  private constructor(readonly running: RunningTopology) {
    this.api = new ConduitClient(running.url, { requestTimeoutMs: 60_000 });
  }

  /** A fresh mesh on SQLite: the behaviours here are the proxies', not the database's. */
  static async start(): Promise<MeshUnderTest> {
    const running = await startTopology(await loadTopology('service-mesh'), {
      db: 'sqlite',
      fresh: true,
      log: warnings,
    });
    return new MeshUnderTest(running);
  }

  async stop(): Promise<void> {
    await this.api.close();
    await this.running.stop();
  }

  /** Registers `<name>-author` and publishes an article through the public API; answers its slug. */
  async publishArticle(name: string): Promise<string> {
    const registered = await this.api.register({
      username: `${name}-author`,
      email: `${name}-author@example.com`,
      password: 'password-123',
    });
    const token = (registered.body as { user?: { token?: string } }).user?.token;
    if (registered.status !== 201 || !token)
      throw new Error(`registering ${name}-author: ${registered.text}`);
    const published = await this.api.createArticle(token, {
      title: `Through the mesh (${name})`,
      description: 'one article for the behaviour tests',
      body: 'Every call to write it crossed a sidecar pair.',
      tagList: ['mesh'],
    });
    const slug = (published.body as { article?: { slug?: string } }).article?.slug;
    if (published.status !== 201 || !slug) throw new Error(`publishing an article: ${published.text}`);
    return slug;
  }

  /** A process's address as its callers get it: a pod's sidecar inbound (mTLS), mesh-control's API. */
  urlOf(process: string): string {
    const found = this.running.running().processes.find((p) => p.name === process);
    if (!found) throw new Error(`the mesh runs no process "${process}"`);
    return found.url;
  }

  /** The service a pod runs a version of, as the policy names it (`articles-v2` → `articles`). */
  serviceOf(process: string): string {
    const service = this.running.topology.processes.find((p) => p.name === process)?.env?.MESH_SERVICE;
    if (!service) throw new Error(`"${process}" is no pod of the mesh`);
    return service;
  }

  get meshControl(): string {
    return this.urlOf('mesh-control');
  }

  /** A file mesh-control wrote for a pod: `cert.pem`, `haproxy.cfg`. */
  podFile(process: string, file: string): string {
    return join(this.running.runDir, 'mesh', 'pods', process, file);
  }

  /** The mesh CA's certificate: the one issuer every sidecar trusts. */
  caCertificate(): string {
    return readFileSync(join(this.running.runDir, 'mesh', 'ca', 'ca.pem'), 'utf8');
  }

  /** `POST /policy` to mesh-control, as `journey mesh apply` does; throws on anything but 2xx. */
  async applyPolicy(yamlText: string): Promise<void> {
    const response = await fetch(new URL('/policy', this.meshControl), {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: yamlText,
    });
    if (!response.ok) throw new Error(`POST /policy answered ${response.status}: ${await response.text()}`);
  }

  async traffic(): Promise<TrafficReport> {
    const response = await fetch(new URL('/traffic', this.meshControl));
    if (!response.ok) throw new Error(`GET /traffic answered ${response.status}`);
    return (await response.json()) as TrafficReport;
  }

  /** Calls on an edge since its proxies started, as mesh-control counted them from the access logs. */
  async callsOn(from: string, to: string): Promise<number> {
    const edge = (await this.traffic()).edges.find((e) => e.from === from && e.to === to);
    return edge?.total ?? 0;
  }

  /** `journey mesh <args…>` on this mesh. */
  async command(...args: string[]): Promise<CommandRun> {
    const run: CommandRun = { code: -1, printed: [], recorded: [] };
    run.code = await mesh(args, {
      pattern: 'service-mesh',
      running: () => this.running.running(),
      infrastructure: () => this.running.running().infrastructure ?? [],
      print: (line) => run.printed.push(line),
      progress: () => {},
      record: (result) => run.recorded.push(result),
    });
    return run;
  }
}
