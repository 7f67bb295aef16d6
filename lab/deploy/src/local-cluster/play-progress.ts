import type { PlayEvent } from './play-locally.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line per step of a local run, for a terminal or a test log. */
export function describePlayEvent(event: PlayEvent): string {
  switch (event.kind) {
    case 'image':
      return event.built
        ? `✓ built ${event.image} (${event.size}) in ${seconds(event.ms)}`
        : `• reusing ${event.image} (${event.size})`;
    case 'images-removed':
      if (event.problem) return `• older lab images left in place: ${event.problem}`;
      return `• removed ${event.removed} older lab image${event.removed === 1 ? '' : 's'} in ${seconds(event.ms)}`;
    case 'orphans-removed':
      return `• removed pods a killed run left behind: ${event.pods.join(', ')}`;
    case 'provisioned':
      return `• ${event.name}: ${event.describe}`;
    case 'played':
      return `✓ podman kube play made ${event.pods} pod${event.pods === 1 ? '' : 's'} in ${seconds(event.ms)} (${event.manifest})`;
    case 'waiting':
      return `• waiting for ${event.processes.join(', ')} to answer their health path (${seconds(event.elapsedMs)})`;
    case 'healthy':
      return `✓ ${event.process} healthy ${seconds(event.ms)} after the play`;
  }
}
