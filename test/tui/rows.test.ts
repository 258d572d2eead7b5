/** The detail pane of the inventory: who holds, uses and grants what, short even when thousands do. */
import { describe, expect, it } from 'vitest';
import { detailLines } from '../../src/tui/rows.js';
import { load } from '../helpers/model.js';

// 20 agents share one key and one tool; the key and a per-agent key grant on the same resource.
const AGENTS = 20;
const ids = Array.from({ length: AGENTS }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
const MODEL = `version: 1
agents:
${ids.map((id) => `  - { id: ${id}, owner: team, purpose: work, tools: [crm], credentials: [shared-key, ${id}-key] }`).join('\n')}
tools:
  - { id: crm, kind: mcp, credential: shared-key }
resources:
  - { id: db, kind: database, sensitivity: high }
credentials:
  - { id: shared-key, ttl: never, grants: [{ resource: db, actions: [read] }] }
${ids.map((id) => `  - { id: ${id}-key, ttl: 1h, grants: [{ resource: db, actions: [read] }] }`).join('\n')}
`;

describe('inventory details', () => {
  const { model, relations } = load(MODEL);

  it('names the first 12 holders of a shared credential and counts the rest', () => {
    const held = detailLines(model, relations, 'credentials', 'shared-key').find((l) => l.includes('held by'))!;
    expect(held).toContain(`held by ${ids.slice(0, 12).join(', ')} and 8 more`); // 20 − 12 = 8
    expect(held).not.toContain('agent-13');
  });

  it('lists the users of a tool and the credentials granting on a resource, in model order, cut the same way', () => {
    expect(detailLines(model, relations, 'tools', 'crm')).toContain(
      `used by ${ids.slice(0, 12).join(', ')} and 8 more`,
    );
    // shared-key first, then the 20 per-agent keys: 21 in all, 12 named, 9 counted.
    const granted = detailLines(model, relations, 'resources', 'db').find((l) => l.startsWith('granted by'))!;
    expect(granted).toBe(
      `granted by shared-key, ${ids
        .slice(0, 11)
        .map((id) => `${id}-key`)
        .join(', ')} and 9 more`,
    );
  });

  it('shows the defaults a credential was given, and only its own', () => {
    const assumed = detailLines(model, relations, 'credentials', 'agent-01-key').find((l) => l.startsWith('assumed'));
    expect(assumed).toBeDefined();
    const fields = model.assumptions.filter((a) => a.element === 'credential:agent-01-key').map((a) => a.field);
    expect(fields.length).toBeGreaterThan(0);
    expect(assumed).toBe(`assumed (not written in the model): ${fields.join(', ')}`);
  });
});
