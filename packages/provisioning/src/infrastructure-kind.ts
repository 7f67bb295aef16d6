import type { InfrastructureSpec } from '@journey/topology';

/** What a kind is asked to provision: one infrastructure entry of one pattern's topology. */
export interface ProvisionRequest {
  /** The pattern slug: names the persistent databases, log files and broker namespaces. */
  slug: string;
  spec: InfrastructureSpec;
  /** One of the kind's `choices`. */
  choice: string;
  /** Throw-away (removed by `dispose()`) instead of the learner's persistent one. */
  fresh: boolean;
  /** The run's directory, where a fresh run keeps its files. */
  runDir: string;
  /** A server to use instead of the kind's default one (an experiment's cuttable proxy, say). */
  serverUrl?: string;
}

/** One piece of a run's infrastructure, ready for the processes that use it. */
export interface Provisioned {
  /** Its name in the topology file (the diagram's node). */
  name: string;
  kind: string;
  choice: string;
  /** What the processes open: a file, `postgres://…`, `embedded:<log>`, `amqp://…`, `nats://…`. */
  url: string;
  /** The names this run uses on a shared server (a broker's exchange or stream), for kinds that have them. */
  namespace?: string;
  /** For the terminal: which implementation, where, under which names. */
  describe: string;
  /** What every process that `uses` it gets in its environment (its URL in the entry's `urlEnv`, and more). */
  env: Record<string, string>;
  /** Removes what a fresh run created; keeps a persistent one. */
  dispose(): Promise<void>;
}

/** What a live probe of one provisioned piece found; cheap enough to run once a second. */
export interface InfrastructureProbe {
  healthy: boolean;
  /** The answer in words: `port open`, `file present`, `ECONNREFUSED`. */
  detail: string;
  /** A file that grows with the data (a SQLite database, the embedded log); null for a server. */
  fileBytes: number | null;
  /** Where a server listens, for a caller that measures its process; null for a file. */
  listensOn: { host: string; port: number } | null;
}

/**
 * One kind of infrastructure a topology may declare (`kind: 'database'`): everything the lab does
 * with it, so the runner, supervisor, CLI and dashboard iterate kinds instead of naming them.
 */
export interface InfrastructureKind {
  kind: string;
  /** What the learner may pick to run it, and the default. */
  choices: readonly string[];
  /**
   * What a choice is, where its name says less than the learner should know (`kafka`: a mock
   * cluster), for whatever offers the choices to show beside them.
   */
  choiceNotes?: Readonly<Record<string, string>>;
  defaultChoice: string;
  /** The CLI flag that picks the choice (`--db`, `--broker`); also the start option of that name. */
  flag: string;
  /** How the dashboard's diagram draws it: a Cytoscape node shape. */
  diagramShape: string;
  /** Problems with what an entry declares beyond name, kind and urlEnv (`groups` on a kind that has none). */
  validate(spec: InfrastructureSpec): string[];
  provision(request: ProvisionRequest): Promise<Provisioned>;
  /**
   * The server a choice connects to when none is given, with its port spelled out; undefined for a
   * choice that is a file. An experiment puts a proxy in front of it to cut the connection.
   */
  defaultServerUrl?(choice: string): Promise<string | undefined>;
  probe(provisioned: Provisioned): Promise<InfrastructureProbe>;
}
