#!/usr/bin/env node
// Thin entry: the benchmark lives in dist/cli/bench.js (built from src/cli/bench.ts by `npm install`).
import('../dist/cli/bench.js').then(
  (bench) => bench.main(process.argv.slice(2)),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('leakradius bench: the build is missing; run `npm install` (or `npm run build`) first\n');
      process.exit(2);
    }
    throw error;
  },
);
