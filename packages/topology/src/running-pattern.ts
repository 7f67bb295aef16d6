/** Where a running topology's processes listen, as the lab hands it to a pattern's bench or command. */
export interface RunningPattern {
  /** The public process's address (the Conduit API is under `/api`). */
  url: string;
  processes: { name: string; url: string }[];
}
