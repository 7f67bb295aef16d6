/** Where a running topology's processes listen, as the lab hands it to a pattern's bench or command. */
export interface RunningPattern {
  /** The public process's address (the Conduit API is under `/api`). */
  url: string;
  processes: { name: string; url: string }[];
  /** What the run's infrastructure is: which choice each entry runs on and the URL its processes open. */
  infrastructure?: { name: string; kind: string; choice: string; url: string }[];
}
