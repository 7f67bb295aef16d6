import type { EventInvoker, EventOutcome } from '../../core/event-types.js';
import { eventBridgeEvent } from './event-adapter.js';

/** serverless.yml's `service` and default stage: together they prefix every deployed function's name. */
export const AWS_SERVICE = 'conduit-serverless';
export const AWS_STAGE = 'dev';

/** The Lambda function name the framework gives a function of serverless.yml: `<service>-<stage>-<key>`. */
export const lambdaFunctionName = (name: string) => `${AWS_SERVICE}-${AWS_STAGE}-${name}`;

/**
 * Invokes an event function the way EventBridge does, through serverless-offline's Lambda Invoke API
 * (POST /2015-03-31/functions/<name>/invocations on its lambdaPort), with the EventBridge event
 * serverless.yml's rule would hand it. Synchronous (RequestResponse), so the caller knows the outcome
 * and acknowledges the message only then; a handler that threw comes back as X-Amz-Function-Error.
 */
export function lambdaEventInvoker(lambdaBaseUrl: string): EventInvoker {
  return async (functionName, event) => {
    const name = lambdaFunctionName(functionName);
    const response = await fetch(`${lambdaBaseUrl}/2015-03-31/functions/${name}/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
      body: JSON.stringify(eventBridgeEvent(event)),
    });
    const payload = await response.text();
    if (response.status !== 200 || response.headers.has('x-amz-function-error')) {
      throw new Error(`Lambda ${name} failed on event ${event.id} (${response.status}): ${payload}`);
    }
    return JSON.parse(payload) as EventOutcome;
  };
}
