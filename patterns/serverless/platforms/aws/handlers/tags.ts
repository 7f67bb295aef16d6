import { handler as tags } from '../../../functions/tags/handler.js';
import { httpApiHandler } from '../lambda-adapter.js';

/** The `tags` function behind API Gateway's HTTP API; serverless.yml and template.yaml point at it. */
export const handler = httpApiHandler(tags);
