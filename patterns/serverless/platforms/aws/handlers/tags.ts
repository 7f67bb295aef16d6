import { handler as tags } from '../../../functions/tags/handler.js';
import { httpApiHandler } from '../lambda-adapter.js';

/**
 * The `tags` function behind API Gateway's HTTP API; serverless.yml and template.yaml point at it. Bundled
 * before it runs, by `sam build` for AWS and by offline-bundle.ts for serverless-offline.
 */
export const handler = httpApiHandler(tags);
