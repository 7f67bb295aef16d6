export { type BusOptions, buildBus } from './app.js';
export { type CallBudgets, DEFAULT_CALL_BUDGETS } from './policies/budgets.js';
export { type ConsumedContracts, DEFAULT_CONSUMED_CONTRACTS } from './routing/consumed-contracts.js';
