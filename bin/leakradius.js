#!/usr/bin/env node
// Thin entry: the command-line shell lives in dist/cli (built from src/cli by `npm run build`).
import('../dist/cli/main.js').then(
  (cli) => cli.main(process.argv.slice(2)),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write('leakradius: the build is missing; run `npm run build` first\n');
      process.exit(2);
    }
    throw error;
  },
);
