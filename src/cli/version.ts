/**
 * leakradius's own version, read from its package.json (never the host
 * project's, when installed as a dependency). A module of its own, importing
 * nothing else, so that `leakradius --version` starts as fast as node does.
 */
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
