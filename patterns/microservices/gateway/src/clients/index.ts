import type { Downstream } from '@journey/microservices-service-client';
import type { GatewayBudgets } from '../budgets.js';
import { type ArticlesClient, articlesClient } from './articles.client.js';
import { type CommentsClient, commentsClient } from './comments.client.js';
import { type IdentityClient, identityClient } from './identity.client.js';
import { type ProfilesClient, profilesClient } from './profiles.client.js';

export interface Downstreams {
  identity: Downstream;
  profiles: Downstream;
  articles: Downstream;
  comments: Downstream;
}

export interface Clients {
  identity: IdentityClient;
  profiles: ProfilesClient;
  articles: ArticlesClient;
  comments: CommentsClient;
}

export const clientsOf = (downstreams: Downstreams, budgets: GatewayBudgets): Clients => ({
  identity: identityClient(downstreams.identity, budgets.passwordHashingMs),
  profiles: profilesClient(downstreams.profiles),
  articles: articlesClient(downstreams.articles),
  comments: commentsClient(downstreams.comments),
});
