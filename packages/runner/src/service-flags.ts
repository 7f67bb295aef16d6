/** V8 flags for the lab's service processes (ADR 18 has the measurements behind them). */
export const SERVICE_FLAGS: string[] = [];
