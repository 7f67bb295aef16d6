import { type Static, Type } from '@sinclair/typebox';
import { MAJOR_PATTERN, VERSION_PATTERN } from './version.js';

/**
 * The registry's HTTP contract. The rules are spelled out in `RULES` too, because a schema failure is
 * answered with the field's rule in words rather than a regular expression.
 */
export const RULES = {
  name: 'must be a letter followed by letters, digits, "-" or "_" (64 characters at most)',
  id: 'must be letters, digits, ".", "_", ":" or "-" (128 characters at most)',
  version: 'must be a contract version major.minor, e.g. 1.0',
  major: 'must be the major version you were built against, e.g. ?version=1',
  wsdlUrl: 'must be an http:// or https:// URL (2048 characters at most)',
  endpoint: 'must be an http:// or https:// URL (2048 characters at most)',
  soapVersions: 'must list "1.1", "1.2" or both, once each',
} as const;

const HttpUrl = Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048 });

export const InstanceParams = Type.Object({
  name: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' }),
  version: Type.String({ pattern: VERSION_PATTERN }),
  id: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$' }),
});

export const InstanceBody = Type.Object({
  /** The same version as the path: a PUT carries the whole registration, so a mismatch is a bug. */
  version: Type.String({ pattern: VERSION_PATTERN }),
  wsdlUrl: HttpUrl,
  endpoint: HttpUrl,
  soapVersions: Type.Array(Type.Union([Type.Literal('1.1'), Type.Literal('1.2')]), {
    minItems: 1,
    maxItems: 2,
    uniqueItems: true,
  }),
});
export type InstanceBody = Static<typeof InstanceBody>;

export const ServiceParams = Type.Object({ name: InstanceParams.properties.name });
export const ResolveQuery = Type.Object({ version: Type.String({ pattern: MAJOR_PATTERN }) });

/** One live instance as the registry shows it; the lease is relative, so callers need no synced clock. */
export interface InstanceView {
  id: string;
  version: string;
  endpoint: string;
  wsdlUrl: string;
  soapVersions: ('1.1' | '1.2')[];
  registeredAt: string;
  renewedAt: string;
  leaseLeftMs: number;
}

/** `PUT /services/:name/:version/instances/:id`: 201 when new, 200 for a heartbeat. */
export interface RegistrationAnswer {
  service: string;
  instance: InstanceView;
  /** How long the registration lasts without another heartbeat. */
  leaseMs: number;
}

/** `GET /services` */
export interface ServicesAnswer {
  leaseMs: number;
  services: { name: string; versions: { version: string; instances: InstanceView[] }[] }[];
}

/** `GET /services/:name?version=<major>`: the live instances of the newest minor of that major. */
export interface ResolutionAnswer {
  service: string;
  major: number;
  version: string;
  instances: InstanceView[];
}

/** Every refusal, in the RealWorld shape the rest of the lab uses: `{"errors":{"version":["…"]}}`. */
export interface ErrorAnswer {
  errors: Record<string, string[]>;
}
