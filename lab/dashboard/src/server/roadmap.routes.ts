import { isRunnable } from '@journey/orchestrator';
import { isStageSlug, loadRoadmap, type ProgressStore, stageStatus } from '@journey/roadmap';
import type { FastifyInstance } from 'fastify';

/** The roadmap with the learner's progress, from the same store `journey roadmap` reads and writes. */
export function roadmapRoutes(app: FastifyInstance, progress: ProgressStore) {
  const roadmapView = () =>
    loadRoadmap().map((stage) => {
      const stageProgress = progress.progressOf(stage.slug);
      const results = new Map(stageProgress.checkpoints.map((c) => [c.id, c]));
      return {
        slug: stage.slug,
        title: stage.title,
        difficulty: stage.difficulty,
        suggestedOrder: stage.suggestedOrder,
        roadmapOrder: stage.roadmapOrder,
        prerequisites: stage.prerequisites,
        objectives: stage.objectives,
        checkpoints: stage.checkpoints.map((c) => ({ ...c, result: results.get(c.id) ?? null })),
        runnable: isRunnable(stage.slug),
        status: stageStatus(stage, stageProgress, isRunnable(stage.slug)),
        markedDone: stageProgress.done,
        doneAt: stageProgress.doneAt,
      };
    });

  app.get('/api/roadmap', async () => ({ stages: roadmapView(), progressFile: progress.file }));

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
