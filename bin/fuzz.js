#!/usr/bin/env node
// Thin entry: the fuzzer lives in dist/cli/fuzz.js (built from src/cli/fuzz.ts by `npm install`).
import('../dist/cli/fuzz.js').then(
  (fuzz) => fuzz.main(process.argv.slice(2)),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('leakradius fuzz: the build is missing; run `npm install` (or `npm run build`) first\n');
      process.exit(2);
    }
    throw error;
  },
);
