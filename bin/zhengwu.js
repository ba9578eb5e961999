#!/usr/bin/env node
// CLI entry. The code is TypeScript; tsx compiles it on the fly so the CLI
// works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
