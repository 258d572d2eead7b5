/**
 * What the importers share: a configuration file as the shell hands it in, a
 * parsed document that can say where each of its values sits, and the formats.
 */
import type { DocPath } from '../yaml/diagnostic.js';

/** A configuration file read by the shell; `user` marks a per-user file (not in a repository). */
export interface ConfigFile {
  readonly file: string;
  readonly text: string;
  readonly scope?: 'repository' | 'user';
}

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One parsed document of a configuration file (a YAML file may hold several). */
export interface ParsedConfig {
  readonly file: string;
  readonly scope: 'repository' | 'user';
  readonly value: unknown;
  /** Where the value at `path` starts, or its deepest existing ancestor. */
  at(path: DocPath): Location;
}

export const FORMATS = [
  'claude-desktop',
  'claude-code',
  'cursor',
  'vscode',
  'windsurf',
  'continue',
  'github-workflow',
  'kubernetes',
  'agent-card',
] as const;
export type FormatId = (typeof FORMATS)[number];

/** A file the import looked at and left out, with the reason. */
export interface Skipped {
  readonly file: string;
  readonly reason: string;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const v = value[key];
  return typeof v === 'string' ? v : undefined;
}
