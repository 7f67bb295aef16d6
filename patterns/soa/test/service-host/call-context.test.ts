import { createLogger } from '@journey/platform';
import { callContextOf, requireViewer } from '@journey/soa-service-host';
import { type OperationContext, SoapFault } from '@journey/soa-soap-kit';
import { describe, expect, it } from 'vitest';

const contextWith = (headers: Record<string, unknown>): OperationContext => ({
  operation: 'GetCurrentUser',
  soapVersion: '1.1',
  log: createLogger('call-context-test'),
  headers,
});

describe('callContextOf', () => {
  it('when the call has no CallContext header, then it is anonymous and keyless', () => {
    expect(callContextOf(contextWith({}))).toEqual({});
  });

  it('when the header names a viewer and a key, then both are read', () => {
    const header = { CallContext: { viewerId: 7, idempotencyKey: 'k-1' } };
    expect(callContextOf(contextWith(header))).toEqual({ viewerId: 7, idempotencyKey: 'k-1' });
  });
});

describe('requireViewer', () => {
  it('when the header names a viewer, then that is the viewer', () => {
    expect(requireViewer(contextWith({ CallContext: { viewerId: 3 } }))).toBe(3);
  });

  it('when the header names none, then it is an UNAUTHORIZED fault naming the token', () => {
    let thrown: unknown;
    try {
      requireViewer(contextWith({ CallContext: { idempotencyKey: 'k' } }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SoapFault);
    expect(thrown).toMatchObject({
      code: 'UNAUTHORIZED',
      detail: { code: 'UNAUTHORIZED', errors: { field: [{ name: 'token', message: ['is missing'] }] } },
    });
  });
});
