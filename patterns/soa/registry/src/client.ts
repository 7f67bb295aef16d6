// What services, the bus and the lab's tools use to talk to the registry.
import type { ServicesAnswer } from './registry.schemas.js';
import { type Answer, call, RegistryError, reason, refusal } from './registry-calls.js';

export { type Registration, type RegistrationOptions, registerInstance } from './registration.js';
export type { InstanceView, ResolutionAnswer, ServicesAnswer } from './registry.schemas.js';
export {
  DEFAULT_REGISTRY_PORT,
  type RegistryClientLog,
  RegistryError,
  registryUrl,
} from './registry-calls.js';
export type { InstanceAnnouncement, SoapVersion } from './registry-table.js';
export { createResolver, type ResolvedService, type ResolverOptions, resolveService } from './resolver.js';

/** Everything the registry lists, for tools such as `journey soa services`. */
export async function listServices(registry: string, { timeoutMs = 2_000 } = {}): Promise<ServicesAnswer> {
  let answer: Answer<ServicesAnswer>;
  try {
    answer = await call<ServicesAnswer>(registry, 'GET', '/services', timeoutMs);
  } catch (error) {
    throw new RegistryError(
      `cannot list services: the registry at ${registry} did not answer: ${reason(error)}`,
      registry,
    );
  }
  if (answer.status !== 200) {
    throw new RegistryError(
      `cannot list services: the registry at ${registry} answered ${answer.status}: ${refusal(answer.body)}`,
      registry,
      answer.status,
    );
  }
  return answer.body as ServicesAnswer;
}
