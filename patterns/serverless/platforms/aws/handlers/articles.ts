import { handler as articles } from '../../../functions/articles/handler.js';
import { httpApiHandler } from '../lambda-adapter.js';

/** The `articles` function behind API Gateway's HTTP API; serverless.yml and template.yaml point at it. */
export const handler = httpApiHandler(articles);
