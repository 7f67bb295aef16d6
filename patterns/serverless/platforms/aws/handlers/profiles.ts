import { handler as profiles } from '../../../functions/profiles/handler.js';
import { httpApiHandler } from '../lambda-adapter.js';

/** The `profiles` function behind API Gateway's HTTP API; serverless.yml and template.yaml point at it. */
export const handler = httpApiHandler(profiles);
