import type { PatternRules } from '../types.js';
import { eventDrivenRules } from './event-driven.rules.js';
import { hexagonalRules } from './hexagonal.rules.js';
import { layeredRules } from './layered.rules.js';
import { microservicesRules } from './microservices.rules.js';
import { monolithRules } from './monolith.rules.js';

/** Every pattern that has dependency rules, by slug. A new pattern adds its `<slug>.rules.ts` here. */
export const PATTERN_RULES: Record<string, PatternRules> = {
  monolith: monolithRules,
  layered: layeredRules,
  hexagonal: hexagonalRules,
  microservices: microservicesRules,
  'event-driven': eventDrivenRules,
};
