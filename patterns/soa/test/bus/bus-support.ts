import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwtTokens, createLogger, type Logger } from '@journey/platform';
import { type BusOptions, buildBus } from '@journey/soa-bus';
import {
  type Article,
  type Comment,
  contractFile,
  contractOf,
  type FaultCode,
  type Profile,
  type ServiceName,
  serviceFault,
} from '@journey/soa-contracts';
import { type Registration, registerInstance } from '@journey/soa-registry/client';
import { type OperationContext, type OperationHandler, serveSoap, soapFault } from '@journey/soa-soap-kit';

export const JWT_SECRET = 'soa-bus-test-secret';
export const tokenOf = (userId: number) => createJwtTokens(JWT_SECRET).issue(userId);

/** What a fake service received: the operation, its input and the CallContext header. */
export interface ReceivedCall {
  operation: string;
  input: Record<string, unknown>;
  callContext: { viewerId?: number; idempotencyKey?: string } | undefined;
}

export interface FakeService {
  url: string;
  wsdlUrl: string;
  calls: ReceivedCall[];
  /** Registers this instance (again) under `id`, at `endpoint` (default: its own URL). */
  register(options?: { id?: string; endpoint?: string }): Promise<Registration>;
  close(): Promise<void>;
}

/** A handler a test did not stub answers an INTERNAL fault, so an unexpected call shows as a 500. */
const notStubbed: OperationHandler = (_input, context) => {
  throw soapFault(
    'INTERNAL',
    `${context.operation} is not stubbed`,
    serviceFault('INTERNAL', { body: ['not stubbed'] }),
  );
};

/**
 * A contract served by the real SOAP kit with stub handlers, in this process: what the bus sees is a
 * real SOAP endpoint at `/soap/<service>/v<major>`, registered with the registry like the real ones.
 */
export async function startFakeService(
  registryUrl: string,
  service: ServiceName,
  major: number,
  handlers: Record<string, OperationHandler>,
): Promise<FakeService> {
  const calls: ReceivedCall[] = [];
  const implementation = Object.fromEntries(
    contractOf(service, major).operations.map((operation) => {
      const handler = handlers[operation] ?? notStubbed;
      return [
        operation,
        (input: Record<string, unknown>, context: OperationContext) => {
          calls.push({
            operation,
            input,
            callContext: context.headers.CallContext as ReceivedCall['callContext'],
          });
          return handler(input, context);
        },
      ];
    }),
  );
  const served = await serveSoap({
    wsdlFile: contractFile(service, major),
    implementation,
    path: `/soap/${service}/v${major}`,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger(`fake-${service}`, 'silent'),
  });
  const registrations: Registration[] = [];
  return {
    url: served.url,
    wsdlUrl: served.wsdlUrl,
    calls,
    async register({ id = `${service}-v${major}-${new URL(served.url).port}`, endpoint = served.url } = {}) {
      const registration = await registerInstance(registryUrl, {
        name: service,
        version: `${major}.0`,
        id,
        endpoint,
        wsdlUrl: served.wsdlUrl,
        soapVersions: ['1.1', '1.2'],
      });
      registrations.push(registration);
      return registration;
    },
    async close() {
      await Promise.all(registrations.map((registration) => registration.close()));
      await served.close();
    },
  };
}

/** Starts a fake service and registers it at once. */
export async function startRegisteredService(
  registryUrl: string,
  service: ServiceName,
  major: number,
  handlers: Record<string, OperationHandler> = {},
): Promise<FakeService> {
  const fake = await startFakeService(registryUrl, service, major, handlers);
  await fake.register();
  return fake;
}

// biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read field by field by the assertions
type JsonAnswer = any;

/** A request to the bus's REST API (`/api…`), JSON in and out. */
export type Send = (
  method: string,
  path: string,
  options?: { token?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; body: JsonAnswer }>;

export const jsonClient =
  (url: string): Send =>
  async (method, path, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Token ${token}` }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };

export interface StartedBus {
  url: string;
  logger: Logger;
  close(): Promise<void>;
  send: Send;
}

/** The bus in this process on a free port, seeing registry changes at once (no resolver cache). */
export async function startBus(registryUrl: string, options: Partial<BusOptions> = {}): Promise<StartedBus> {
  const logger = options.logger ?? createLogger('bus-test', 'silent');
  const bus = await buildBus({ logger, jwtSecret: JWT_SECRET, registryUrl, registryCacheMs: 0, ...options });
  const url = await bus.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    logger,
    close: bus.close,
    send: jsonClient(url),
  };
}

/**
 * An HTTP hop in front of a service endpoint: it records each request's HTTP headers and can drop the
 * first `drop` requests (their connection destroyed unanswered, as a crash or a lost answer would).
 */
export async function startRecordingProxy(target: string, { drop = 0 } = {}) {
  const seen: IncomingHttpHeaders[] = [];
  let toDrop = drop;
  const server = createServer((incoming, outgoing) => {
    seen.push(incoming.headers);
    if (toDrop > 0) {
      toDrop--;
      incoming.socket.destroy();
      return;
    }
    const forwarded = httpRequest(
      new URL(incoming.url ?? '/', target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const targetUrl = new URL(target);
  return {
    /** The target's URL with this proxy's host and port. */
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- canonical answers the stubs give -------------------------------------------------------

export const profile = (username: string, following = false): Profile => ({
  username,
  bio: `${username}'s bio`,
  following,
});

export const article = (slug: string, author: string, overrides: Partial<Article> = {}): Article => ({
  slug,
  title: `Title of ${slug}`,
  description: 'a description',
  body: 'a body',
  tagList: { tag: ['soa'] },
  createdAt: '2026-12-06T10:00:00.000Z',
  updatedAt: '2026-12-06T10:00:00.000Z',
  favorited: false,
  favoritesCount: 0,
  author: profile(author),
  ...overrides,
});

export const comment = (id: number, author: string): Comment => ({
  id,
  createdAt: '2026-12-06T10:00:00.000Z',
  updatedAt: '2026-12-06T10:00:00.000Z',
  body: `comment ${id}`,
  author: profile(author),
});

/** A handler that answers a declared fault, as a real service's rule would. */
export const faulting = (code: FaultCode, errors: Record<string, readonly string[]>) => (): never => {
  throw soapFault(code, `${code} from the stub`, serviceFault(code, errors));
};
