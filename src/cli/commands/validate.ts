import type { CommandModule } from 'yargs';
import { diagnosticsJson, formatDiagnostic } from '../../reports/diagnostics.js';
import { safeInline } from '../../reports/terminal.js';
import type { Diagnostic } from '../../yaml/diagnostic.js';
import { collectModelFiles, loadModelFile } from '../io.js';
import { EXIT, styleFor, type Shell } from '../shell.js';

interface Args {
  inputs: string[];
  format: 'text' | 'json';
}

export function validateCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'validate <inputs..>',
    describe: 'Parse and validate model files (or folders of them); exit 0 when all are valid',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'model files or folders' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' }) as never,
    handler: (args) => {
      const { files, diagnostics: missing } = collectModelFiles(args.inputs);
      const results = files.map((file) => ({ file, result: loadModelFile(file) }));
      const invalid: Diagnostic[] = [...missing];
      for (const { result } of results) if (!result.ok) invalid.push(...result.diagnostics);
      if (args.format === 'json') {
        const report = {
          valid: invalid.length === 0,
          files: results.map(({ file, result }) => ({
            file,
            valid: result.ok,
            diagnostics: result.ok ? [] : diagnosticsJson(result.diagnostics),
          })),
          errors: diagnosticsJson(missing),
        };
        shell.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const style = styleFor(shell);
        for (const d of missing) shell.stderr.write(`${formatDiagnostic(d)}\n`);
        for (const { file, result } of results) {
          if (result.ok) {
            const m = result.loaded.model;
            shell.stdout.write(
              `${safeInline(file)}: ${style.green('valid')} (${m.agents.length} agents, ${m.tools.length} tools, ${m.resources.length} resources, ${m.credentials.length} credentials, ${m.workflows.length} workflows)\n`,
            );
          } else {
            for (const d of result.diagnostics) shell.stderr.write(`${formatDiagnostic(d)}\n`);
          }
        }
        const bad = results.filter((r) => !r.result.ok).length + (missing.length > 0 ? 1 : 0);
        shell.stdout.write(bad === 0 ? `${results.length} file(s) valid\n` : `${style.red(`${invalid.length} error(s)`)} in ${bad} input(s); ${results.length - bad} file(s) valid\n`);
      }
      shell.exitCode = invalid.length === 0 ? EXIT.ok : EXIT.invalid;
    },
  };
}
