import type { ConduitServer } from '@journey/conduit-http';
import { viewsApi as api } from '../api.js';
import { propagationLag } from '../event-history.js';
import { projectionStates } from '../projection-rows.js';
import { replay } from '../replay.js';
import type { ViewsDatabase } from '../views.database.js';

/** The admin side of the read models: what `journey events replay <projection>` and the bench call. */
export function projectionsRoutes(app: ConduitServer, database: ViewsDatabase) {
  app.get(api.projections.path, { schema: { response: { 200: api.projections.response } } }, async () => ({
    projections: await projectionStates(database.db),
  }));

  app.get(
    api.lag.path,
    { schema: { querystring: api.lag.query, response: { 200: api.lag.response } } },
    (req) => propagationLag(database.db, req.query),
  );

  app.post(
    api.replay.path,
    { schema: { params: api.replay.params, response: { 200: api.replay.response } } },
    async (req) => {
      const outcome = await replay(database, req.params.name);
      req.log.info(outcome, 'projection replayed');
      return outcome;
    },
  );
}
