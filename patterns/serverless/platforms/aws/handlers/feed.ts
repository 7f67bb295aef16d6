import { handler as feed } from '../../../functions/feed/handler.js';
import { httpApiHandler } from '../lambda-adapter.js';

/** The `feed` function behind API Gateway's HTTP API; serverless.yml and template.yaml point at it. */
export const handler = httpApiHandler(feed);
