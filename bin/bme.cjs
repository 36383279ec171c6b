#!/usr/bin/env node
// The `bme` command: runs the CLI that `npm install` built into dist/ (see scripts/build.mjs).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const built = join(__dirname, '..', 'dist', 'cli', 'bme.cjs');
if (!existsSync(built)) {
  process.stderr.write(`bme: ${built} is missing. Run 'npm install' (or 'npm run build') in ${join(__dirname, '..')} first.\n`);
  process.exit(1);
}
require(built).main(process.argv.slice(2));
