import type { OperationContext } from '@journey/soa-soap-kit';

/** One operation of a contract, typed by its request and answer in @journey/soa-contracts' messages.ts. */
export type Handler<Op extends { request: unknown; response: unknown }> = (
  input: Op['request'],
  context: OperationContext,
) => Promise<Op['response']>;
