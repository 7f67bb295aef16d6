// A pattern's generated Kubernetes manifest run on this machine with `podman kube play`: images
// built here with no registry, the pods on the host's network, the lab's databases.
export type { LocalCluster, PlayEvent, PlayOptions } from './play-locally.js';
export { playLocally } from './play-locally.js';
export { describePlayEvent } from './play-progress.js';
export { missingContainerTools } from './podman.js';
export { runLocally } from './run-locally.js';
