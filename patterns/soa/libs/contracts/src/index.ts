/**
 * The enterprise contracts of the SOA variant: where each WSDL and XSD is, what each contract
 * offers, and the canonical model as TypeScript types. Read README.md for the versioning rule and
 * the CallContext header.
 */
export type {
  Article,
  CallContext,
  Comment,
  FaultCode,
  FieldError,
  Id,
  Page,
  PageRequest,
  Profile,
  ServiceFault,
  TagList,
  User,
} from './canonical.js';
export { faultCodes } from './canonical.js';
export { httpStatusOfFault, realWorldErrors, serviceFault } from './faults.js';
export {
  CANONICAL_NAMESPACE,
  type Contract,
  canonicalSchemaFile,
  contractFile,
  contractOf,
  contracts,
  type EngagementOperation,
  type IdentityOperation,
  latestContract,
  type PublishingOperation,
  type ServiceName,
  soapActionOf,
} from './inventory.js';
export type { ArticlePage, EngagementV1, EngagementV2, IdentityV1, PublishingV1 } from './messages.js';
