import type { TrafficReport } from '@journey/topology';
import { PolicyError } from '../../policy/src/parse-policy.js';
import { type ControlPlaneServer, errorsBody } from './control-plane-server.js';
import { ConfigRejectedError } from './files.js';
import { ImpersonationError, type MeshControl } from './mesh-control.js';
import type { MeshStatus } from './mesh-status.js';
import type { PodRegistration } from './pod-registration.js';
import { PodRegistrationBody, registrationProblems } from './pod-registration.schema.js';

/** A registration is a few hundred bytes; the longest policy file a learner writes, a few KiB. */
const REGISTRATION_LIMIT = 16 * 1024;
const POLICY_LIMIT = 64 * 1024;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

export interface MeshControlViews {
  status(): Promise<MeshStatus>;
  traffic(): Promise<TrafficReport>;
}

export function meshControlRoutes(app: ControlPlaneServer, control: MeshControl, views: MeshControlViews) {
  app.addContentTypeParser(
    YAML_TYPES,
    { parseAs: 'string', bodyLimit: POLICY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  // Polled by the lab (health, traffic) and the dashboard: a log line per poll would bury the changes.
  const polled = { logLevel: 'warn' } as const;

  app.get('/health', polled, async () => ({
    status: 'ok',
    service: 'mesh-control',
    generation: control.generation,
  }));

  // pattern: a sidecar is configured by the control plane, never by hand: the pod says who it is and
  // where it listens, and gets a certificate and a configuration back (istiod's xDS and CA in one call).
  app.post(
    '/pods',
    { schema: { body: PodRegistrationBody }, bodyLimit: REGISTRATION_LIMIT },
    async (request, reply) => {
      const registration: PodRegistration = request.body;
      const problems = registrationProblems(registration);
      if (problems.length > 0) return reply.code(400).send(errorsBody('registration', problems));
      try {
        return await control.register(registration);
      } catch (error) {
        if (error instanceof ImpersonationError)
          return reply.code(403).send(errorsBody('registration', [error.message]));
        if (error instanceof ConfigRejectedError)
          return reply.code(422).send(errorsBody('registration', [error.message]));
        throw error;
      }
    },
  );

  app.get('/policy', async (_request, reply) => reply.type('application/yaml').send(control.policyText));

  app.post('/policy', { bodyLimit: POLICY_LIMIT }, async (request, reply) => {
    const text = typeof request.body === 'string' ? request.body : '';
    if (request.body !== undefined && typeof request.body !== 'string') {
      return reply
        .code(415)
        .send(errorsBody('policy', [`must be sent as YAML text (${YAML_TYPES.join(', ')})`]));
    }
    try {
      return await control.applyPolicy(text);
    } catch (error) {
      if (error instanceof PolicyError) return reply.code(422).send(errorsBody('policy', error.problems));
      if (error instanceof ConfigRejectedError)
        return reply.code(422).send(errorsBody('policy', [error.message]));
      throw error;
    }
  });

  app.post('/rotate', async () => ({ pods: await control.rotate() }));

  app.get('/status', polled, () => views.status());

  app.get('/traffic', polled, () => views.traffic());
}
