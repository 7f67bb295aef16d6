export { callContextOf, requireViewer } from './call-context.js';
export { type EnterpriseData, type OpenEnterpriseData, openEnterpriseData } from './enterprise-data.js';
export { idempotent } from './idempotent.js';
