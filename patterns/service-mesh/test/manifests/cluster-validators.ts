import { readdirSync, readFileSync } from 'node:fs';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import { VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import { AuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import { Ajv } from 'ajv';

/**
 * What a cluster's API server would check, offline: Istio's and the Gateway API's objects with their
 * model packages, Kubernetes' own kinds, Linkerd's and Consul's CRDs with the JSON schemas beside this
 * file (written from the CRDs and their admission webhooks).
 */
type Validator = (object: object) => string[];

const SCHEMAS = new URL('./schemas/', import.meta.url);
// strictRequired off: a oneOf or allOf branch requires fields its parent schema defines, as the CRDs do.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
for (const file of readdirSync(SCHEMAS).filter((name) => name.endsWith('.schema.json')))
  ajv.addSchema(JSON.parse(readFileSync(new URL(file, SCHEMAS), 'utf8')) as object);

function bySchema(id: string): Validator {
  const validate = ajv.getSchema(id);
  if (!validate) throw new Error(`no schema ${id} in ${SCHEMAS.pathname}`);
  return (object) =>
    validate(object)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

function byModel(Model: new (data: never) => { validate(): void }): Validator {
  return (object) => {
    try {
      new Model(object as never).validate();
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  };
}

/** By `<apiVersion> <kind>`: every kind the generators emit, and only those. */
export const VALIDATORS: Record<string, Validator> = {
  'v1 Namespace': bySchema('kubernetes-namespace.schema.json'),
  'v1 ServiceAccount': bySchema('kubernetes-service-account.schema.json'),
  'v1 Service': bySchema('kubernetes-service.schema.json'),
  'networking.istio.io/v1 DestinationRule': byModel(DestinationRule),
  'networking.istio.io/v1 VirtualService': byModel(VirtualService),
  'security.istio.io/v1 AuthorizationPolicy': byModel(AuthorizationPolicy),
  'security.istio.io/v1 PeerAuthentication': byModel(PeerAuthentication),
  'gateway.networking.k8s.io/v1 HTTPRoute': byModel(HTTPRoute),
  'policy.linkerd.io/v1beta3 Server': bySchema('linkerd-server.schema.json'),
  'policy.linkerd.io/v1alpha1 AuthorizationPolicy': bySchema('linkerd-authorization-policy.schema.json'),
  'policy.linkerd.io/v1alpha1 MeshTLSAuthentication': bySchema('linkerd-meshtls-authentication.schema.json'),
  'consul.hashicorp.com/v1alpha1 ServiceDefaults': bySchema('consul-service-defaults.schema.json'),
  'consul.hashicorp.com/v1alpha1 ServiceResolver': bySchema('consul-service-resolver.schema.json'),
  'consul.hashicorp.com/v1alpha1 ServiceSplitter': bySchema('consul-service-splitter.schema.json'),
  'consul.hashicorp.com/v1alpha1 ServiceRouter': bySchema('consul-service-router.schema.json'),
  'consul.hashicorp.com/v1alpha1 ServiceIntentions': bySchema('consul-service-intentions.schema.json'),
};

export const kindOf = (object: object) => {
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  return `${String(apiVersion)} ${String(kind)}`;
};

/** Why a cluster would refuse the object; empty when it would take it. A kind nobody checks is refused. */
export function problemsOf(object: object): string[] {
  const validator = VALIDATORS[kindOf(object)];
  return validator ? validator(object) : [`no validator for ${kindOf(object)}`];
}
