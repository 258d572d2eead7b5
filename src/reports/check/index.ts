/** The check report in each output format. */
import type { CheckReport } from '../../analyses/check/types.js';
import type { Style } from '../terminal.js';
import { checkGithub } from './github.js';
import { checkJson } from './json.js';
import { checkJunit } from './junit.js';
import { checkMarkdown } from './markdown.js';
import { checkSarif, type SarifOptions } from './sarif.js';
import { checkText } from './text.js';
import { jsonReport } from '../json.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function renderCheck(
  report: CheckReport,
  format: CheckFormat,
  options: { style: Style; pathFor?: (file: string) => string } & SarifOptions,
): string {
  switch (format) {
    // Compact: a machine reads these, and a large organisation's JSON report is tens of megabytes.
    case 'json':
      return jsonReport(checkJson(report), { compact: true });
    case 'sarif':
      return jsonReport(checkSarif(report, options), { compact: true });
    case 'junit':
      return checkJunit(report);
    case 'markdown':
      return checkMarkdown(report);
    case 'github':
      return checkGithub(report, options.pathFor);
    default:
      return checkText(report, options.style);
  }
}
