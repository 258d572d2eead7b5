/**
 * A finding as the engine keeps it: what the rule gave (element, offending
 * node, message) and the engine's verdicts (severity, acceptance, baseline,
 * whether it fails), with its id, its element's name and its place in the file
 * worked out when a report reads them. A large organisation has a hundred
 * thousand findings that are mostly counted and grouped, and only a few
 * thousand printed (SARIF): locating and naming every one up front was most
 * of the check's memory.
 */
import { locateNode, type ModelOnly } from '../../model/load.js';
import type { Severity } from '../../model/policy.js';
import { formatDocPath, type DocPath } from '../../yaml/diagnostic.js';
import { elementRef, type RuleFinding } from '../rules/types.js';
import type { LocatedAcceptance } from './acceptance.js';
import type { Finding, FindingStatus } from './types.js';

interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

export class RecordedFinding implements Finding {
  private place?: Place;

  constructor(
    private readonly found: RuleFinding,
    private readonly loaded: ModelOnly,
    readonly rule: string,
    readonly severity: Severity,
    readonly status: FindingStatus,
    readonly acceptance: LocatedAcceptance | undefined,
    readonly baseline: 'new' | 'existing' | undefined,
    readonly fails: boolean,
  ) {}

  get id(): string {
    return `${this.rule}@${this.element}`;
  }

  get element(): string {
    return elementRef(this.found.element);
  }

  get message(): string {
    return this.found.message;
  }

  /** The model file, or for an imported model the configuration the node came from. */
  get file(): string {
    return this.place?.file ?? findingFile(this.found, this.loaded);
  }

  get line(): number {
    return this.located().line;
  }

  get column(): number {
    return this.located().column;
  }

  get path(): string {
    return this.located().path;
  }

  /** The finding's fields, not the model it points into (`JSON.stringify`). */
  toJSON(): Finding {
    return plainFinding(this);
  }

  private located(): Place {
    if (this.place) return this.place;
    const path = offendingPath(this.found, this.loaded);
    const { file, line, column } = locateNode(this.loaded, path);
    this.place = { file, line, column, path: formatDocPath(path) };
    return this.place;
  }
}

/** A finding as plain data, every field read once: what can be copied to another thread or written out. */
export function plainFinding(f: Finding): Finding {
  const { id, rule, element, severity, message, file, line, column, path, status, acceptance, baseline, fails } = f;
  return { id, rule, element, severity, message, file, line, column, path, status, acceptance, baseline, fails };
}

/** The node a finding points at: its fallback stands in for a node the file does not write (a default applied). */
function offendingPath(found: RuleFinding, loaded: ModelOnly): DocPath {
  return found.fallback !== undefined && !loaded.sourceMap.has(found.path) ? found.fallback : found.path;
}

/** The file a finding is in, located only for an imported model (whose nodes come from several configurations). */
export function findingFile(found: RuleFinding, loaded: ModelOnly): string {
  return loaded.origins === undefined ? loaded.file : locateNode(loaded, offendingPath(found, loaded)).file;
}
