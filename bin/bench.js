#!/usr/bin/env node
// Thin entry: the benchmark lives in dist/bench (built from src/bench by `npm run build`); it is not shipped.
import('../dist/bench/main.js').then(
  (bench) => bench.main(process.argv.slice(2)),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('leakradius bench: the build is missing; run `npm run build` first\n');
      process.exit(2);
    }
    throw error;
  },
);
