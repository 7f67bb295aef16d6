import { EventEmitter } from 'node:events';
import type { PatternSlug, PublishedRun, Supervisor } from '@journey/orchestrator';
import type { InfrastructureStatus } from '../infrastructure-probe.js';
import type { LabEvent, LogLine, ProcessStatus, RunState } from '../lab-port.js';
import type { EdgeTraffic, TrafficSample } from '../traffic.js';

/** A topology this dashboard started: its supervisor, published (run state, control socket) for `journey ps|kill|…`. */
export interface Owned {
  supervisor: Supervisor;
  published: PublishedRun;
}

/** What the lab knows of one pattern, whoever runs it. */
export interface Entry {
  state: Exclude<RunState, 'elsewhere'>;
  owned?: Owned;
  statuses: ProcessStatus[];
  logs: LogLine[];
  /** The log files of a `journey up` elsewhere, followed while that run lasts; stop() ends it. */
  following?: { ownerPid: number; stop(): void };
  error: string | null;
  /** Status probes started so far; see refreshStatus(). */
  probes: number;
  /** The last traffic counts read from each process (by pid, so a restart starts afresh). */
  samples: Map<number, TrafficSample>;
  /** Requests per second on each request/response edge, from the last two samples. */
  edges: EdgeTraffic[];
  /** The infrastructure this lab provisioned, as last probed. */
  infrastructure: InfrastructureStatus[];
}

/** Every pattern's entry, made on first use, and the event stream subscribers follow. */
export interface LabEntries {
  readonly all: ReadonlyMap<PatternSlug, Entry>;
  entryOf(pattern: PatternSlug): Entry;
  emit(event: LabEvent): void;
  subscribe(listener: (event: LabEvent) => void): () => void;
}

export function createLabEntries(): LabEntries {
  const events = new EventEmitter().setMaxListeners(0);
  const all = new Map<PatternSlug, Entry>();
  return {
    all,
    entryOf(pattern) {
      let entry = all.get(pattern);
      if (!entry) {
        entry = {
          state: 'stopped',
          statuses: [],
          logs: [],
          error: null,
          probes: 0,
          samples: new Map(),
          edges: [],
          infrastructure: [],
        };
        all.set(pattern, entry);
      }
      return entry;
    },
    emit: (event) => events.emit('event', event),
    subscribe(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
  };
}
