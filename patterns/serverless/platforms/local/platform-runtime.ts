import type { EventInvoker } from '../../core/event-types.js';
import type { GatewayTarget } from './gateway.js';

/** What every function of every platform gets in its environment from the local runtime. */
export interface RuntimeEnvironment {
  DATABASE_URL: string;
  JWT_SECRET: string;
  /** Connections one instance may hold; each platform's runtime picks its default. */
  DATABASE_POOL_MAX?: string;
  BROKER_URL?: string;
  /** The exchange or stream on BROKER_URL: the publishers' and the event delivery's must be the same. */
  BROKER_NAMESPACE?: string;
  LOG_LEVEL?: string;
}

export interface RuntimeStartOptions {
  environment: RuntimeEnvironment;
  /** Each line the platform and its functions print on stdout. */
  onLine(line: string): void;
}

/** One cloud's functions running locally, as the gateway and the fleet need them. */
export interface PlatformRuntime {
  /** What runs the functions, in words: the `runtime` of the `/functions` report. */
  description: string;
  /** The processes it started, for the start-up log and for checking that none outlives a stop. */
  processes: { name: string; pid: number }[];
  /** Where the gateway sends each function's calls. */
  targets: GatewayTarget[];
  /** Memory the platform's deploy config gives each instance, for the cost estimate. */
  memoryMb: number;
  /**
   * Delivers an event to an event-triggered function the platform's way (AWS: the Lambda Invoke API;
   * GCF: a CloudEvent posted to the function's framework process); resolves once the function returned.
   */
  invokeEvent: EventInvoker;
  /** Stops every process the runtime started; resolves once none is left. */
  stop(): Promise<void>;
  /** Resolves, saying which, when the first of its processes exits (after stop(), or on its own). */
  exited: Promise<string>;
}
