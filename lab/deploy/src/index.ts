export * from './deploy-options.js';
export { clusterImage, localImage } from './images.js';
export { localAdminPorts, localPorts } from './local-ports.js';
export { renderKubernetes } from './render-kubernetes.js';
export { writeDeployment } from './write-deployment.js';
