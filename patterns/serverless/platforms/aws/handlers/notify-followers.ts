import { definition } from '../../../functions/notify-followers/handler.js';
import { eventBridgeHandler } from '../event-adapter.js';

/**
 * The `notify-followers` function behind an EventBridge rule on `article-published`; serverless.yml and
 * template.yaml point at it. Bundled before it runs, as every handler entry is.
 */
export const handler = eventBridgeHandler(definition);
