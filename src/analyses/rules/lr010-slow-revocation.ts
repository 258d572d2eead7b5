import { formatDuration } from '../../model/duration.js';
import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';
import { lifeText } from './helpers.js';

export const LR010: Rule = {
  id: 'LR010',
  name: 'SlowRevocation',
  title: 'Revocation manual or none while the exposure window exceeds the limit',
  severity: 'high',
  rationale:
    'When revoking a credential waits for a person, or cannot be done at all, a leak lasts until detection plus the response time, or until the credential expires. Leaked secrets are typically found days later and used within minutes.',
  fix: 'Automate revocation (revoke on a secret-scanning or anomaly alert, or on task end), shorten the ttl so expiry bounds the window, or bind the credential so a leaked copy cannot be replayed.',
  owasp: { nhi: ['NHI1', 'NHI7'], asi: ['ASI03'] },
  check({ ctx, thresholds, worstCases }) {
    const cases = worstCases();
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      if (c.revocation.mode !== 'manual' && c.revocation.mode !== 'none') continue;
      const window = cases.get(c.id)?.exposureWindow ?? 0;
      if (window <= thresholds.maxExposureWindow) continue;
      const how = c.revocation.mode === 'none' ? 'cannot be revoked' : 'is revoked by hand';
      out.push({
        element: { kind: 'credential', id: c.id },
        path: [...c.path, 'revocation', 'mode'],
        fallback: c.path,
        message: `credential ${quote(c.id)} ${how}; a leak stays usable for ${window === Number.POSITIVE_INFINITY ? 'ever' : lifeText(window)} (limit ${formatDuration(thresholds.maxExposureWindow)})`,
      });
    }
    return out;
  },
};
