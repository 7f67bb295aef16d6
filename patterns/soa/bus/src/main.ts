import { jwtSecretOf, runService } from '@journey/platform';
import { buildBus } from './app.js';
import { busSettings } from './settings.js';

runService('bus', {
  settings: busSettings,
  build: (log, settings) =>
    buildBus({
      logger: log,
      jwtSecret: jwtSecretOf(settings, log),
      registryUrl: settings.registryUrl,
      consumed: settings.consumed,
      budgets: settings.budgets,
    }),
  describe: ({ registryUrl, consumed }) => ({ registryUrl, consumed }),
});
