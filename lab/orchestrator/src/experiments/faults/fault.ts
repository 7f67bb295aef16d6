import type { Topology } from '@journey/topology';
import type { TopologyControl } from '../../supervisor.js';

/** What a fault may do to the copy it breaks: kill and restart its processes, learn where they listen. */
export type FaultControl = Pick<TopologyControl, 'kill' | 'restart' | 'running'>;

/** What a fault is told about the copy it will break, before that copy is started. */
export interface FaultSetting {
  topology: Topology;
  /** What runs each kind of infrastructure (`{ broker: 'rabbitmq' }`); a kind left out runs its default. */
  choices: Readonly<Record<string, string | undefined>>;
  /** Where the pattern's `pattern.ts` is (the commands a fault runs): `patterns/<id>` unless told. */
  patternFolder?: string;
}

/** One fault of a declared experiment, ready for one run: injected, lifted, and what it saw. */
export interface Fault {
  /** Progress line as it is injected: `killing app`. */
  injecting: string;
  /** Progress line as it is lifted: `restarting app`. */
  lifting: string;
  /** How the report titles the fault phase (`with app killed`) and the one after it (`after the restart`). */
  during: string;
  afterwards: string;
  /**
   * Servers, per kind of infrastructure, the copy must be started with so the fault sits between the
   * processes and their infrastructure (a proxy in front of the broker). A copy already running was not
   * started so: the lab starts one of its own.
   */
  servers?: Record<string, string>;
  /** Where the probes send their requests: the public URL, or a proxy in front of it. */
  probeUrl(publicUrl: string): Promise<string>;
  inject(control: FaultControl): Promise<void>;
  lift(control: FaultControl): Promise<void>;
  /** What only this fault can tell about the run (`3 answers lost on the way back`). */
  findings(): string[];
  /** Where the run fails to show what this fault is about (no answer was ever lost: nothing retried). */
  problems(): string[];
  close(): Promise<void>;
}

/** The fault cannot be injected into the copy as chosen; the message says what to choose instead. */
export class FaultRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultRefused';
  }
}
