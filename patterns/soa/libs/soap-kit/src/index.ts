export { type ServeSoapOptions, type SoapService, serveSoap } from './serve-soap.js';
export {
  SoapCallError,
  type SoapCallOptions,
  type SoapClient,
  type SoapClientOptions,
  SoapFaultError,
  type SoapMessages,
  soapClient,
} from './soap-client.js';
export { createSoapEndpoint, type SoapEndpoint, type SoapEndpointOptions } from './soap-endpoint.js';
export type { OperationContext, OperationHandler, SoapImplementation } from './soap-engine.js';
export { type FaultDetail, type FaultSide, SoapFault, soapFault } from './soap-fault.js';
export { ENVELOPE_NAMESPACE, MEDIA_TYPE, type SoapVersion } from './soap-version.js';
export { DEFAULT_XML_LIMITS, type GuardRule, type XmlLimits, XmlRefused } from './xml-guard.js';
