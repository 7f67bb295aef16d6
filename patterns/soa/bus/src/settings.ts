import { env, type JwtSecretSetting, type ListenAddress, readJwtSecret } from '@journey/platform';
import { registryUrl } from '@journey/soa-registry/client';
import { type CallBudgets, DEFAULT_CALL_BUDGETS } from './policies/budgets.js';
import { type ConsumedContracts, consumedContractsFromEnv } from './routing/consumed-contracts.js';

export interface BusSettings extends ListenAddress, JwtSecretSetting {
  registryUrl: string;
  consumed: ConsumedContracts;
  budgets: CallBudgets;
}

/**
 * PORT, HOST, REGISTRY_URL, JWT_SECRET (else the lab's secret), ENGAGEMENT_CONTRACT_VERSION, and the
 * call budgets: SOAP_TIMEOUT_MS, PASSWORD_HASHING_TIMEOUT_MS, SOAP_RETRIES, BREAKER_AFTER_FAILURES,
 * BREAKER_HALF_OPEN_MS. The IDENTITY_URL-style variables the lab also hands the bus are not read: the
 * registry is the one source of endpoints.
 */
export function busSettings(): BusSettings {
  const defaults = DEFAULT_CALL_BUDGETS;
  return {
    port: env.integer('PORT', 3000, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    registryUrl: registryUrl(),
    ...readJwtSecret(),
    consumed: consumedContractsFromEnv(),
    budgets: {
      timeoutMs: env.integer('SOAP_TIMEOUT_MS', defaults.timeoutMs, { min: 1 }),
      passwordHashingMs: env.integer('PASSWORD_HASHING_TIMEOUT_MS', defaults.passwordHashingMs, { min: 1 }),
      retries: env.integer('SOAP_RETRIES', defaults.retries, { max: 10 }),
      breakAfter: env.integer('BREAKER_AFTER_FAILURES', defaults.breakAfter, { min: 1 }),
      halfOpenAfterMs: env.integer('BREAKER_HALF_OPEN_MS', defaults.halfOpenAfterMs, { min: 1 }),
    },
  };
}
