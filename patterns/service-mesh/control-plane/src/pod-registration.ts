/**
 * What a pod tells the control plane when it starts (`POST /pods`), and the answer it starts its
 * sidecar with. The pod picks its private ports itself; the control plane issues its certificate and
 * writes its sidecar configuration, and from then on changes both without the pod's help.
 */
export interface PodRegistration {
  process: string;
  service: string;
  version: string;
  /** The public process: its sidecar takes plaintext from clients. */
  ingress: boolean;
  /** The pod's port (mTLS, or plaintext at the ingress). */
  inboundPort: number;
  adminPort: number;
  app: { port: number; healthPath: string };
  /** The upstreams' pods as the lab gave them (`<PROCESS>_URL`), and the local port the pod picked for each service. */
  upstreams: { service: string; version: string; process: string; host: string; port: number }[];
  outboundPorts: Record<string, number>;
}

export interface PodConfigured {
  /** The rendered HAProxy configuration to start with: `haproxy -W -db -S <masterSocket> -f <configFile>`. */
  configFile: string;
  masterSocket: string;
  runtimeSocket: string;
}
