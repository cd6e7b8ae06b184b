#!/usr/bin/env node
// The `sluice` command: runs the compiled CLI in dist/ (built by `npm install` / `npm ci` via "prepare",
// or by `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('sluice is not built yet: run `npm run build` (npm install/ci does it automatically)');
  process.exit(70);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
