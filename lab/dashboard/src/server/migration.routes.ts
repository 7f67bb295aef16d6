import { isPatternSlug, isRunnable, type StageMigration, stageMigration } from '@journey/orchestrator';
import type { FastifyInstance } from 'fastify';

/**
 * What a stage page's migration panel reads: `null` for the first built stage, which has nothing
 * before it to compare with.
 */
export interface MigrationAnswer {
  migration: StageMigration | null;
}

/**
 * `GET /api/patterns/:slug/migration`: what changes from the previous built stage to this one, from
 * the two topology files and code trees (`stageMigration`). Reading them takes well under a second,
 * so it answers a plain GET; 404 for a stage that is unknown or not built (`isBuilt`: those with a
 * topology, unless a test plays fewer).
 */
export function migrationRoutes(app: FastifyInstance, isBuilt: (slug: string) => boolean = isRunnable): void {
  app.get<{ Params: { slug: string } }>('/api/patterns/:slug/migration', async (request, reply) => {
    const { slug } = request.params;
    if (!isPatternSlug(slug)) return reply.code(404).send({ error: `no stage "${slug}"` });
    if (!isBuilt(slug))
      return reply.code(404).send({ error: `stage "${slug}" is not built yet: there is nothing to compare` });
    const answer: MigrationAnswer = { migration: (await stageMigration(slug, isBuilt)) ?? null };
    return answer;
  });
}
