import { isPatternSlug } from '@journey/orchestrator';
import { storedRuns } from '@journey/orchestrator/results';
import type { FastifyInstance } from 'fastify';

/** How many of a pattern's chaos runs the experiment page shows, newest first. */
const SHOWN = 12;

/**
 * `GET /api/patterns/:slug/chaos-runs`: what `journey chaos <slug> …` stored — the hypothesis, the
 * figures during the fault, the claims and invariants checked and the verdict — for the experiment page.
 */
export function chaosRunRoutes(app: FastifyInstance) {
  app.get<{ Params: { slug: string } }>('/api/patterns/:slug/chaos-runs', async (request, reply) => {
    const { slug } = request.params;
    if (!isPatternSlug(slug)) return reply.code(404).send({ error: `no pattern named ${slug}` });
    return {
      runs: storedRuns('chaos')
        .filter((run) => run.data.pattern === slug)
        .slice(0, SHOWN),
    };
  });
}
