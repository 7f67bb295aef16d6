import { isStageSlug, loadRoadmap, type ProgressStore } from '@journey/roadmap';
import type { FastifyInstance } from 'fastify';
import type { CheckpointRuns } from './checkpoint-runs.js';
import { stageView } from './stage-progress.js';

type CheckpointParams = { Params: { slug: string; id: string } };

/**
 * The roadmap with the learner's progress, from the same store `journey roadmap` reads and writes; a
 * stage's checkpoint run from the page runs the commands that earn it.
 */
export function roadmapRoutes(app: FastifyInstance, progress: ProgressStore, checkpointRuns: CheckpointRuns) {
  const roadmapView = () => loadRoadmap().map((stage) => stageView(stage, progress));

  app.get('/api/roadmap', async () => ({ stages: roadmapView(), progressFile: progress.file }));

  app.post<CheckpointParams>('/api/roadmap/:slug/checkpoints/:id/run', async (request, reply) => {
    const { slug, id } = request.params;
    const stage = loadRoadmap().find((s) => s.slug === slug);
    if (!stage) return reply.code(404).send({ error: `no stage "${slug}"` });
    const checkpoint = stage.checkpoints.find((c) => c.id === id);
    if (!checkpoint) {
      const ids = stage.checkpoints.map((c) => c.id).join(', ');
      return reply.code(404).send({ error: `${slug} has no checkpoint "${id}" (${ids || 'none'})` });
    }
    return reply.code(202).send(checkpointRuns.start(slug, id, checkpoint.earnedBy));
  });

  app.post<{ Params: { slug: string; action: string } }>(
    '/api/roadmap/:slug/:action',
    async (request, reply) => {
      const { slug, action } = request.params;
      if (!isStageSlug(slug)) return reply.code(404).send({ error: `no stage "${slug}"` });
      if (action === 'done') progress.markDone(slug);
      else if (action === 'undo') progress.markNotDone(slug);
      else return reply.code(404).send({ error: `unknown action "${action}" (done or undo)` });
      return { stages: roadmapView() };
    },
  );
}
