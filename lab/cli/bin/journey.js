#!/usr/bin/env node
// The lab runs its TypeScript directly; tsx's loader is registered before the CLI is imported.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
