export * from './app.js';
export * from './lab-port.js';
export * from './local-lab.js';
export * from './start-dashboard.js';
