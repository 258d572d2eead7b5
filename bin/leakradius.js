#!/usr/bin/env node
// Thin entry: the command-line shell lives in dist/cli (built from src/cli by `npm run build`).
import('../dist/cli/main.js').then(
  (cli) => cli.main(process.argv.slice(2)),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write(
        'leakradius: the build (dist/) is missing. In a clone of leakradius, run `npm run build`; in another\n' +
          'project, install a packed leakradius (npm pack), which ships it: see docs/ci.md.\n',
      );
      process.exit(2);
    }
    throw error;
  },
);
