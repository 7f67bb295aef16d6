export * from './deploy-options.js';
export { DEPLOY_BROKERS, postgresDatabase } from './deployment-plan.js';
export { clusterImage, localImage } from './images.js';
export { namespaceOf, renderKubernetes } from './kubernetes-objects.js';
export { localAdminPorts, localPorts } from './local-ports.js';
export { writeDeployment } from './write-deployment.js';
