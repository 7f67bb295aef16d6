/** The time, as a port: use-case tests pin it, and timestamps stay ISO 8601 with milliseconds. */
export interface Clock {
  now(): Date;
}
