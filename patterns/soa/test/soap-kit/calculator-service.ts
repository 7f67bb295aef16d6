import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@journey/platform';
import { type ServeSoapOptions, serveSoap, soapFault } from '@journey/soa-soap-kit';

export const CALCULATOR_WSDL = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'calculator.wsdl',
);
export const CALCULATOR_NS = 'urn:journey:test:calculator';

/** The fixture contract's operations: enough to see values, faults and an unexpected failure. */
export const calculator = {
  Add: ({ a, b }: { a: number; b: number }) => ({ sum: a + b }),
  Echo: ({ message }: { message: string }) => {
    if (message === 'crash') throw new Error('secret internal detail /etc/shadow');
    return { message };
  },
  Divide: ({ dividend, divisor }: { dividend: number; divisor: number }) => {
    if (divisor === 0) throw soapFault('DivideByZero', 'cannot divide by zero', { dividend });
    return { quotient: Math.trunc(dividend / divisor) };
  },
};

/** Smaller than the kit's defaults, so oversized documents in the volley stay cheap to send. */
export const VOLLEY_LIMITS = { maxBytes: 64 * 1024, maxDepth: 32, maxElements: 2_000, bodyTimeoutMs: 5_000 };

/** The calculator on a free port of 127.0.0.1. */
export const startCalculator = (options: Partial<ServeSoapOptions> = {}) =>
  serveSoap({
    wsdlFile: CALCULATOR_WSDL,
    implementation: calculator,
    path: '/soap/calculator/v1',
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('soap-kit-test', 'silent'),
    ...options,
  });
