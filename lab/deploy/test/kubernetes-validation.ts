import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

type Model = new (data: never) => { validate(): void };

/** Kubernetes' own kinds, checked by kubernetes-models against the API's OpenAPI schemas. */
const MODELS: Record<string, Model> = {
  'v1 Namespace': Namespace,
  'v1 ServiceAccount': ServiceAccount,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
  'v1 PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

/** Why an API server would refuse the object; a kind no model checks is refused too. */
export function kubernetesProblems(object: { apiVersion?: unknown; kind?: unknown }): string[] {
  const Model = MODELS[`${String(object.apiVersion)} ${String(object.kind)}`];
  if (!Model) return [`no model for ${String(object.apiVersion)} ${String(object.kind)}`];
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
