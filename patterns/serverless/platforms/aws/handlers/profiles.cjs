// serverless-offline loads a handler as the Lambda Node.js runtime does, trying only .js, .mjs and .cjs
// files. A worker thread on Node 20 gets tsx's require hook but not its ES module hooks, so this
// CommonJS file is what reaches the TypeScript entry (see platforms/aws/offline.ts). A bundler builds
// profiles.ts itself for a real deployment.
module.exports = require('./profiles.ts');
