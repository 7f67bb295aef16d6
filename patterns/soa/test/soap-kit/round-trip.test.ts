import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '@journey/platform';
import {
  SoapCallError,
  SoapFaultError,
  type SoapService,
  serveSoap,
  soapClient,
} from '@journey/soa-soap-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALCULATOR_WSDL, calculator, startCalculator } from './calculator-service.js';

let service: SoapService;
beforeAll(async () => {
  service = await startCalculator();
});
afterAll(() => service.close());

describe.each(['1.1', '1.2'] as const)('SOAP %s over HTTP', (soapVersion) => {
  it('when a client built from the served WSDL calls an operation, then it gets the parsed answer', async () => {
    const client = await soapClient(service.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    expect(await client.call('Add', { a: 2, b: 40 })).toEqual({ sum: 42 });
    expect(await client.call('Echo', { message: 'héllo <&> wörld' })).toEqual({ message: 'héllo <&> wörld' });
  });

  it('when a handler throws soapFault, then the client gets a SoapFaultError with its code and detail', async () => {
    const client = await soapClient(service.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const error = await client.call('Divide', { dividend: 7, divisor: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(error).toMatchObject({
      code: 'DivideByZero',
      message: 'cannot divide by zero',
      detail: { dividend: '7' },
      side: 'Client',
      // SOAP 1.1 answers every fault with 500, SOAP 1.2 a sender's fault with 400.
      status: soapVersion === '1.1' ? 500 : 400,
    });
  });

  it('when a handler fails unexpectedly, then the fault is a generic Server fault without its message', async () => {
    const client = await soapClient(service.wsdlUrl, { timeoutMs: 10_000, soapVersion });
    const error = await client.call('Echo', { message: 'crash' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'InternalError', side: 'Server', status: 500 });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
      'secret',
    );
  });

  it('when the raw answer is read, then its envelope is of the request version', async () => {
    const namespace = {
      '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
      '1.2': 'http://www.w3.org/2003/05/soap-envelope',
    }[soapVersion];
    const headers: Record<string, string> =
      soapVersion === '1.1'
        ? { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:journey:test:calculator/Add"' }
        : { 'content-type': 'application/soap+xml; charset=utf-8; action="urn:journey:test:calculator/Add"' };
    const response = await fetch(service.url, {
      method: 'POST',
      headers,
      body: `<s:Envelope xmlns:s="${namespace}" xmlns:c="urn:journey:test:calculator"><s:Body><c:AddRequest><c:a>1</c:a><c:b>2</c:b></c:AddRequest></s:Body></s:Envelope>`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(
      soapVersion === '1.1' ? 'text/xml' : 'application/soap+xml',
    );
    const body = await response.text();
    expect(body).toContain(`"${namespace}"`);
    // The fixture's schema is elementFormDefault="qualified": the answer's children are in its namespace.
    expect(body).toMatch(/<(\w+):sum>3<\/\1:sum>/);
  });
});

describe('the served contract', () => {
  it('when the WSDL is fetched, then every port names the real endpoint and imports point back at the service', async () => {
    const wsdl = await (await fetch(service.wsdlUrl)).text();
    const addresses = [...wsdl.matchAll(/address location="([^"]*)"/g)].map((match) => match[1]);
    expect(addresses).toEqual([service.url, service.url]);
    expect(wsdl).toContain(`schemaLocation="${service.url}?xsd=calculator-types.xsd"`);
    const schema = await fetch(`${service.url}?xsd=calculator-types.xsd`);
    expect(schema.status).toBe(200);
    expect(await schema.text()).toBe(
      await readFile(path.join(path.dirname(CALCULATOR_WSDL), 'calculator-types.xsd'), 'utf8'),
    );
  });

  it('when a file the contract does not import is asked for, then it is not served', async () => {
    for (const name of ['calculator.wsdl', '../round-trip.test.ts', '/etc/passwd']) {
      const response = await fetch(`${service.url}?xsd=${encodeURIComponent(name)}`);
      expect(response.status).toBe(404);
    }
  });

  it('when another path is asked for, then it is 404', async () => {
    const response = await fetch(new URL('/soap/other?wsdl', service.url));
    expect(response.status).toBe(404);
  });
});

describe('start-up and calls that go wrong', () => {
  it('when the implementation lacks an operation or names an unknown one, then serveSoap refuses to start', async () => {
    const { Add: _add, ...withoutAdd } = calculator;
    await expect(
      startCalculator({ implementation: { ...withoutAdd, Multiply: () => ({}) } }),
    ).rejects.toThrow(/no handler for Add; no operation Multiply/);
  });

  it('when the WSDL file is missing, then the error names it', async () => {
    await expect(startCalculator({ wsdlFile: '/nonexistent/contract.wsdl' })).rejects.toThrow(
      /nonexistent\/contract\.wsdl/,
    );
  });

  it('when the service is gone, then the call fails as unreachable, not as a fault', async () => {
    const gone = await serveSoap({
      wsdlFile: CALCULATOR_WSDL,
      implementation: calculator,
      path: '/soap/calculator/v1',
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('soap-kit-test', 'silent'),
    });
    const client = await soapClient(gone.wsdlUrl, { timeoutMs: 10_000 });
    await gone.close();
    const error = await client.call('Add', { a: 1, b: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SoapCallError);
    expect(error).toMatchObject({ operation: 'Add', reason: 'unreachable' });
  });

  it('when a handler does not answer within the timeout, then the call fails as a timeout', async () => {
    let release = () => {};
    const stuck = await startCalculator({
      implementation: {
        ...calculator,
        Add: () => new Promise((resolve) => (release = () => resolve({ sum: 0 }))),
      },
    });
    const client = await soapClient(stuck.wsdlUrl, { timeoutMs: 300 });
    const error = await client.call('Add', { a: 1, b: 1 }).catch((caught: unknown) => caught);
    release();
    await stuck.close();
    expect(error).toBeInstanceOf(SoapCallError);
    expect(error).toMatchObject({ operation: 'Add', reason: 'timeout' });
  });
});
