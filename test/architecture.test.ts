/** The data flow is one way and the core is pure: checked on the source itself. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['yaml', 'model', 'graph', 'analyses', 'import'];
const ORDER = ['yaml', 'model', 'graph', 'analyses', 'import', 'reports', 'tui', 'cli'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

describe('architecture', () => {
  for (const stage of CORE) {
    it(`src/${stage} is pure: no I/O, no process, no UI or CLI libraries`, () => {
      for (const file of files(join('src', stage))) {
        const text = readFileSync(file, 'utf8');
        for (const spec of imports(file)) {
          expect(spec, `${file} imports ${spec}`).not.toMatch(
            /^(node:)?(fs|child_process|net|http|https|os|process|path)(\/|$)|^(ink|react|yargs)(\/|$)/,
          );
        }
        expect(/\bprocess\./.test(text), `${file} uses process`).toBe(false);
      }
    });
  }

  it('no stage imports a later one', () => {
    for (const stage of ORDER) {
      const rank = ORDER.indexOf(stage);
      let dir: string;
      try {
        dir = join('src', stage);
        statSync(dir);
      } catch {
        continue;
      }
      for (const file of files(dir)) {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = ORDER.find((s) => new RegExp(`(^|/)\\.\\./(\\.\\./)*${s}/`).test(spec));
          if (target) expect(ORDER.indexOf(target), `${file} imports ${spec}`).toBeLessThanOrEqual(rank);
        }
      }
    }
  });
});
