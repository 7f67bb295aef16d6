import { relative, resolve } from 'node:path';
import { DEPLOY_BROKERS, DEPLOY_TARGETS, type DeployTarget, writeDeployment } from '@journey/deploy';
import { loadTopology } from '@journey/orchestrator/runtime';
import { explicitDbArg, parse, patternArg, UsageError } from '../usage.js';

const options = {
  target: { type: 'string' },
  out: { type: 'string' },
  db: { type: 'string' },
  broker: { type: 'string' },
  'run-local': { type: 'boolean' },
} as const;

/** What a pattern's topology becomes beyond one machine: `journey deploy <pattern> --target compose|kubernetes|helm`. */
export async function deploy(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, options, 'deploy');
  const pattern = patternArg(positionals[0], 'deploy');
  if (positionals.length > 1)
    throw new UsageError(`journey deploy: one pattern at a time, not ${positionals.join(' ')}`);
  const target = values.target as DeployTarget | undefined;
  if (target === undefined || !DEPLOY_TARGETS.includes(target))
    throw new UsageError(
      `journey deploy: --target must be one of ${DEPLOY_TARGETS.join(', ')}`,
      DEPLOY_TARGETS,
    );
  if (values.broker !== undefined && !DEPLOY_BROKERS.includes(values.broker))
    throw new UsageError(
      `journey deploy: --broker must be one of ${DEPLOY_BROKERS.join(', ')}`,
      DEPLOY_BROKERS,
    );
  if (values['run-local'] && target !== 'kubernetes')
    throw new UsageError(
      'journey deploy: --run-local plays the Kubernetes manifests: use it with --target kubernetes',
    );
  const out = resolve(values.out ?? `journey-deploy/${pattern}`);
  // Without --db, the database the topology runs on by default (serverless: PostgreSQL), else SQLite.
  const topology = await loadTopology(pattern);
  const defaultChoice = topology.infrastructure.find((i) => i.kind === 'database')?.defaultChoice;
  const database = explicitDbArg(values.db) ?? (defaultChoice === 'postgres' ? 'postgres' : 'sqlite');
  let files: string[];
  try {
    ({ files } = await writeDeployment(pattern, {
      target,
      out,
      database,
      ...(values.broker !== undefined && { broker: values.broker }),
    }));
  } catch (error) {
    // A choice the target cannot run (the embedded broker in a cluster): one line, exit 1.
    console.error(`journey deploy ${pattern}: ${(error as Error).message}`);
    return 1;
  }
  const shown = relative(process.cwd(), out) || '.';
  console.log(`${files.length} files in ${shown}/`);
  for (const folder of new Set(files.map((file) => file.split('/')[0]))) {
    console.log(`  ${folder}/  ${files.filter((file) => file.startsWith(`${folder}/`)).length} files`);
  }
  if (values['run-local']) {
    // Loaded only here: podman, image builds and the lab's provisioning are for this flag alone.
    const { runLocally } = await import('@journey/deploy/local-cluster');
    return runLocally(pattern, { database, ...(values.broker !== undefined && { broker: values.broker }) });
  }
  for (const line of NEXT_STEPS[target](shown, pattern)) console.log(line);
  if (files.some((file) => file.startsWith('functions/')))
    console.log(
      `functions: their real deploy artifacts are the pattern's own, listed in ${shown}/functions/README.md`,
    );
  return 0;
}

const NEXT_STEPS: Record<DeployTarget, (out: string, pattern: string) => string[]> = {
  compose: (out) => [`run: cd ${out}/compose && podman compose up --build (or docker compose)`],
  kubernetes: (out, pattern) => [
    `cluster: fill ${out}/kubernetes/overlays/cluster/secrets.env, then kubectl apply -k ${out}/kubernetes/overlays/cluster`,
    `one machine: journey deploy ${pattern} --target kubernetes --run-local (builds the images here, plays the local overlay with podman, Ctrl-C stops it)`,
    `  by hand, once --run-local has built the images: podman kube play ${out}/kubernetes/overlays/local/rendered.yaml`,
    '  with runc, cgroupfs and lower ulimits where crun or systemd are missing (a containers.conf in CONTAINERS_CONF:',
    '  lab/deploy/src/local-cluster/containers-conf.ts); podman before 4.4 breaks secretKeyRef to a Secret it',
    '  played (containers/podman#16269): --run-local creates the secret itself',
  ],
  helm: (out, pattern) => [
    `cluster: helm install journey-${pattern} ${out}/helm/journey-${pattern} --namespace <ns>`,
  ],
};
