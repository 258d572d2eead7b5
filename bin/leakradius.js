#!/usr/bin/env node
// Thin entry: the command-line shell lives in dist/cli (built from src/cli by `npm run build`).
const argv = process.argv.slice(2);
// The version alone loads one small module: it answers as fast as node starts.
const entry =
  argv.length === 1 && argv[0] === '--version'
    ? import('../dist/cli/version.js').then((v) => ({ main: () => process.stdout.write(`${v.packageVersion()}\n`) }))
    : import('../dist/cli/main.js');
entry.then(
  (cli) => cli.main(argv),
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
