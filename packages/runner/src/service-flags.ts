/**
 * V8 flags for the lab's service processes (ADR 18 has the measurements). V8 grows the young
 * generation's semi-spaces up to 16 MiB while a process loads its modules and never gives the room
 * back; capped at 1 MiB, an idle monolith holds ~20 MiB less. `--optimize-for-size` would save a few
 * more MiB but optimises less, which the request path pays for.
 */
export const SERVICE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
