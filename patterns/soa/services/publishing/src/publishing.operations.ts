import type { PublishingOperation } from '@journey/soa-contracts';
import { type EnterpriseData, idempotent } from '@journey/soa-service-host';
import type { OperationHandler, SoapImplementation } from '@journey/soa-soap-kit';
import { articleHandlers } from './article.handlers.js';
import { commentHandlers } from './comment.handlers.js';
import { answeringRuleFaults } from './rule-faults.js';

/** The operations that write: a retry with the same idempotency key gets the first answer (ADR 0011). */
const WRITES: ReadonlySet<PublishingOperation> = new Set([
  'CreateArticle',
  'UpdateArticle',
  'DeleteArticle',
  'AddComment',
  'DeleteComment',
]);

/** PublishingService v1 (publishing-v1.wsdl): articles, tags and comments over the shared enterprise data. */
export function publishingOperations(data: EnterpriseData): SoapImplementation {
  const handlers: Record<PublishingOperation, OperationHandler> = {
    ...articleHandlers(data),
    ...commentHandlers(data),
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([operation, handler]) => {
      const answering = answeringRuleFaults(handler);
      return [
        operation,
        WRITES.has(operation as PublishingOperation) ? idempotent(operation, answering, data) : answering,
      ];
    }),
  );
}
