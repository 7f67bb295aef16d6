export { callContextOf, requireViewer } from './call-context.js';
export { type EnterpriseData, type OpenEnterpriseData, openEnterpriseData } from './enterprise-data.js';
export { idempotent } from './idempotent.js';
export { DEFAULT_ENTERPRISE_DATABASE, DEFAULT_SERVICE_PORTS, runSoapService } from './run-soap-service.js';
export {
  buildSoapService,
  type EndpointsOf,
  endpointPath,
  type ServiceEndpoint,
  type SoapServiceOptions,
} from './soap-service.js';
