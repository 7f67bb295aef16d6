export { buildRegistry, type RegistryOptions } from './app.js';
export * from './client.js';
export { registeredProcess } from './registered-process.js';
export type { ErrorAnswer, RegistrationAnswer } from './registry.schemas.js';
export { compareVersions, parseVersion } from './version.js';
