/** What-if edits change the document; the model is derived again by the loader's own steps. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load.js';
import { UNBOUNDED } from '../../src/model/duration.js';
import { modelYaml } from '../../src/reports/model-yaml.js';
import {
  applyChanges,
  cycled,
  deriveModel,
  describeChanges,
  steppedTtl,
  withChange,
  kindAllows,
  nextAllowed,
  BINDINGS,
  ISSUANCES,
} from '../../src/tui/whatif.js';
import { D, load } from '../helpers/model.js';
import { TOKEN_MODEL } from './models.js';

describe('what-if edits', () => {
  const loaded = load(TOKEN_MODEL);
  const token = loaded.model.credentials[0];

  it('steps the TTL along the ladder, both ways, and stops at its ends', () => {
    expect(steppedTtl(30 * D, -1)).toBe('7d');
    expect(steppedTtl(30 * D, 1)).toBe('90d');
    expect(steppedTtl(2 * D, -1)).toBe('1d'); // from a value between two steps
    expect(steppedTtl(300, -1)).toBeUndefined();
    expect(steppedTtl(UNBOUNDED, 1)).toBeUndefined();
    expect(cycled(BINDINGS, 'workload-bound')).toBe('bearer');
  });

  it('records changes, and forgets one set back to the value as written', () => {
    let changes = withChange(new Map(), token, 'ttl', '1d');
    changes = withChange(changes, token, 'binding', 'sender-constrained');
    expect(describeChanges(loaded.model, changes)).toEqual([
      'ttl of token: 30d → 1d',
      'binding of token: bearer → sender-constrained',
    ]);
    changes = withChange(changes, token, 'ttl', '30d');
    expect(describeChanges(loaded.model, changes)).toEqual(['binding of token: bearer → sender-constrained']);
    expect(withChange(changes, token, 'binding', 'bearer').size).toBe(0);
  });

  it('writes the changes into the document and derives the changed model', () => {
    const doc = applyChanges(loaded.document, new Map([['token', { ttl: '1d', revocation: 'automated' as const }]]));
    expect(doc.credentials?.[0]).toMatchObject({ ttl: '1d', revocation: { mode: 'automated', propagation: '0s' } });
    expect(loaded.document.credentials?.[0].ttl).toBe('30d'); // the original is untouched
    const derived = deriveModel(doc, 'x');
    if (!derived.ok) throw new Error(derived.problems.join('\n'));
    expect(derived.model.credentials[0].ttl).toBe(D);
  });

  it('refuses a change the loader would refuse', () => {
    const sts = load(`version: 1
credentials:
  - { id: s, kind: aws-sts-session, ttl: 1h }
`);
    const derived = deriveModel(applyChanges(sts.document, new Map([['s', { ttl: '1d' }]])), 'x');
    expect(derived.ok).toBe(false);
    if (!derived.ok) expect(derived.problems[0]).toContain('above the 12h maximum');
  });

  it('saves YAML that loads back to the same model, with a header', () => {
    const text = modelYaml(loaded.document, ['What-if variant', 'ttl of token: 30d → 1d']);
    expect(text.startsWith('# What-if variant\n# ttl of token: 30d → 1d\n')).toBe(true);
    const again = loadModel('again.yaml', text);
    if (!again.ok) throw new Error(again.diagnostics.map((d) => d.message).join('\n'));
    expect(again.loaded.model.credentials).toEqual(loaded.model.credentials);
    expect(again.loaded.model.agents[0].name).toBe('\u001b]0;pwned\u0007');
  });
});

describe('what-if settings the kind allows', () => {
  const coding = load(readFileSync('models/coding-agent.yaml', 'utf8'));
  const pat = coding.model.credentials.find((c) => c.id === 'gh-pat-dana');
  if (!pat) throw new Error('models/coding-agent.yaml has no gh-pat-dana');

  // The catalogue: a GitHub classic PAT is bearer only and issued static only (docs/credential-kinds.md).
  it('offers a classic PAT neither a binding nor an issuance other than static, and says why', () => {
    expect(kindAllows(pat, coding.model, 'issuance', 'per-session')).toBe('no');
    expect(kindAllows(pat, coding.model, 'issuance', 'per-task')).toBe('no');
    expect(kindAllows(pat, coding.model, 'binding', 'sender-constrained')).toBe('no');
    const issuance = nextAllowed(pat, coding.model, 'issuance', ISSUANCES, 'static');
    expect(issuance.value).toBeUndefined();
    expect(issuance.note).toContain('github-classic-pat offers issuance static only');
  });
});
