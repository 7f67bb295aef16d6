import type { Clock } from '../../application/ports/driven/index.js';

export const systemClock = (): Clock => ({ now: () => new Date() });
