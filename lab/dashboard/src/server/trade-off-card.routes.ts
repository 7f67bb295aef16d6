import { isPatternSlug } from '@journey/orchestrator';
import { type TradeOffCard, tradeOffCards } from '@journey/orchestrator/results';
import type { FastifyInstance } from 'fastify';

/** What a stage page's trade-off card panel reads. */
export interface TradeOffCardAnswer {
  card: TradeOffCard;
}

/**
 * `GET /api/patterns/:slug/trade-off-card`: the pattern's card from the latest compare and chaos runs
 * stored in the data directory (the ones `journey cards` prints), read at each request so a run made in
 * a terminal shows on the next load; 404 for a stage that does not exist.
 */
export function tradeOffCardRoutes(app: FastifyInstance): void {
  app.get<{ Params: { slug: string } }>('/api/patterns/:slug/trade-off-card', async (request, reply) => {
    const { slug } = request.params;
    if (!isPatternSlug(slug)) return reply.code(404).send({ error: `no stage "${slug}"` });
    const [card] = tradeOffCards([slug]);
    const answer: TradeOffCardAnswer = { card: card! };
    return answer;
  });
}
