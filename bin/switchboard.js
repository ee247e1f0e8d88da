#!/usr/bin/env node
// The installed `switchboard` command: runs the TypeScript sources through tsx (see docs/adr/0003).
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
