import type { CommandModule } from 'yargs';
import { buildGraph } from '../../graph/build.js';
import { exportGraph, type GraphFormat } from '../../reports/graph-export.js';
import { Outputs, requireModel } from '../io.js';
import { emit, type Shell } from '../shell.js';

interface Args {
  model: string;
  format: GraphFormat;
  output?: string;
}

export function graphCommand(shell: Shell): CommandModule<object, Args> {
  return {
    command: 'graph <model>',
    describe: 'Write the credential/tool graph as JSON, Graphviz DOT, Mermaid, BloodHound OpenGraph or GEXF',
    builder: (y) =>
      y
        .positional('model', { type: 'string', demandOption: true, describe: 'a model file' })
        .option('format', {
          choices: ['json', 'dot', 'mermaid', 'opengraph', 'gexf'] as const,
          default: 'json' as const,
          describe: 'output format (opengraph: BloodHound OpenGraph JSON; gexf: Gephi)',
        })
        .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' })
        .example(
          '$0 graph models/coding-agent.yaml --format mermaid',
          'a diagram for a README or a pull request',
        ) as never,
    handler: (args) => {
      const outputs = new Outputs([args.model]);
      outputs.claim(args.output, '--output', { what: 'the report' });
      const loaded = requireModel(args.model);
      emit(shell, outputs, exportGraph(buildGraph(loaded.model), args.format, loaded.model.name), args.output);
    },
  };
}
