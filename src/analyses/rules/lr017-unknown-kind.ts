import { assumptionPositions } from '../../model/assumptions.js';
import { kindOrigin } from '../../model/credential-kinds.js';
import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';

export const LR017: Rule = {
  id: 'LR017',
  name: 'UnknownCredentialKind',
  title: 'Credential of a kind neither the catalogue nor the model describes',
  severity: 'low',
  rationale:
    "leakradius knows nothing of a kind outside its catalogue: the figures the credential leaves out take general defaults (issued once, bearer, revoked by hand at once), which are assumed, not the provider's, and nothing says which bindings, issuance or revocation its provider offers, so advice about it can only be conditional.",
  fix: 'Use the catalogue kind it is (`leakradius kinds`; a near miss is already an error), or declare the kind under `kinds` with what its provider can do, and write the figures of the credential that matter: ttl, issuance, binding, revocation.',
  owasp: { nhi: [], asi: [] },
  check({ ctx }) {
    const { model } = ctx;
    const out: RuleFinding[] = [];
    for (const c of model.credentials) {
      if (c.kind === undefined || kindOrigin(c.kind, model) !== 'unknown') continue;
      const assumed = assumptionPositions(model, `credential:${c.id}`).map((i) => model.assumptions[i]);
      const figures =
        assumed.length > 0
          ? `figures assumed (${assumed.map((a) => `${a.field} ${a.value}`).join(', ')})`
          : 'its figures are all written';
      out.push({
        element: { kind: 'credential', id: c.id },
        path: [...c.path, 'kind'],
        message: `credential ${quote(c.id)}: kind ${quote(c.kind)} is in neither the catalogue nor the model's kinds: ${figures}, and what its provider can do is unknown`,
      });
    }
    return out;
  },
};
