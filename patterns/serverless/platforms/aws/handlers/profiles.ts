import { handler as profiles } from '../../../functions/profiles/handler.js';
import { httpApiHandler } from '../lambda-adapter.js';

/**
 * The `profiles` function behind API Gateway's HTTP API; serverless.yml and template.yaml point at it. Bundled
 * before it runs, by `sam build` for AWS and by offline-bundle.ts for serverless-offline.
 */
export const handler = httpApiHandler(profiles);
