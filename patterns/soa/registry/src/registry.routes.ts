import { errorBody } from '@journey/conduit-http';
import type { Logger } from '@journey/platform';
import {
  InstanceBody,
  InstanceParams,
  type InstanceView,
  type RegistrationAnswer,
  type ResolutionAnswer,
  ResolveQuery,
  ServiceParams,
  type ServicesAnswer,
} from './registry.schemas.js';
import type { RegistryServer } from './registry-server.js';
import type { RegisteredInstance, RegistryTable } from './registry-table.js';

export function registryRoutes(app: RegistryServer, table: RegistryTable, log: Logger) {
  const view = (instance: RegisteredInstance): InstanceView => ({
    id: instance.id,
    version: instance.version,
    endpoint: instance.endpoint,
    wsdlUrl: instance.wsdlUrl,
    soapVersions: instance.soapVersions,
    registeredAt: new Date(instance.registeredAt).toISOString(),
    renewedAt: new Date(instance.renewedAt).toISOString(),
    leaseLeftMs: table.leaseLeft(instance),
  });

  // pattern: registration and heartbeat are one idempotent PUT, so an instance the registry forgot
  // (a restart, a lease that ran out during a pause) is back with its next heartbeat.
  app.put(
    '/services/:name/:version/instances/:id',
    { schema: { params: InstanceParams, body: InstanceBody } },
    async (request, reply) => {
      const { name, version, id } = request.params;
      if (request.body.version !== version) {
        return reply
          .code(422)
          .send(errorBody('version', `is ${request.body.version} in the body but ${version} in the path`));
      }
      // Field by field: whatever else the body carries is not kept.
      const { wsdlUrl, endpoint, soapVersions } = request.body;
      const { created, instance } = table.register({ name, version, id, wsdlUrl, endpoint, soapVersions });
      if (created)
        log.info({ service: name, version, id, endpoint: instance.endpoint }, 'instance registered');
      const answer: RegistrationAnswer = { service: name, instance: view(instance), leaseMs: table.leaseMs };
      return reply.code(created ? 201 : 200).send(answer);
    },
  );

  app.delete(
    '/services/:name/:version/instances/:id',
    { schema: { params: InstanceParams } },
    async (request, reply) => {
      const { name, version, id } = request.params;
      if (!table.deregister({ name, version, id })) {
        return reply.code(404).send(errorBody('instance', `${name} ${version} has no live instance ${id}`));
      }
      log.info({ service: name, version, id }, 'instance deregistered');
      return reply.code(204).send();
    },
  );

  app.get(
    '/services',
    async (): Promise<ServicesAnswer> => ({
      leaseMs: table.leaseMs,
      services: table.list().map(({ name, versions }) => ({
        name,
        versions: versions.map(({ version, instances }) => ({ version, instances: instances.map(view) })),
      })),
    }),
  );

  app.get(
    '/services/:name',
    { schema: { params: ServiceParams, querystring: ResolveQuery } },
    async (request, reply) => {
      const { name } = request.params;
      const major = Number(request.query.version);
      const resolution = table.resolve(name, major);
      if (!resolution.found) {
        const live = resolution.liveVersions.length
          ? `live versions: ${resolution.liveVersions.join(', ')}`
          : 'no version of it is registered';
        return reply.code(404).send(errorBody('service', `no live instance of ${name} v${major} (${live})`));
      }
      const answer: ResolutionAnswer = {
        service: name,
        major,
        version: resolution.version,
        instances: resolution.instances.map(view),
      };
      return answer;
    },
  );
}
