import { formatDuration } from '../../model/duration.js';
import { quote } from '../../model/messages.js';
import { maxTtlFor } from '../../model/policy.js';
import type { Rule, RuleFinding } from './types.js';
import { agentsActingWith, lifeText, quotedList, usableLife } from './helpers.js';

export const LR001: Rule = {
  id: 'LR001',
  name: 'LongLivedCredential',
  title: 'Long-lived or static credential held by an autonomous agent',
  severity: 'high',
  rationale:
    'An agent acting on its own copies its credentials into prompts, logs and tool calls. The longer a copy stays valid, the longer a leak is usable: a token that never expires turns one leak into standing access.',
  fix: 'Issue the agent short-lived credentials per task or per session (workload identity exchanged for a token of minutes), or lower the ttl below the policy maximum for the environment.',
  owasp: { nhi: ['NHI7'], asi: ['ASI03'] },
  check({ ctx, thresholds }) {
    const actors = agentsActingWith(ctx);
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      const autonomous = (actors.get(c.id) ?? []).filter((a) => ctx.relations.agent.get(a)?.autonomy === 'autonomous');
      if (autonomous.length === 0) continue;
      const life = usableLife(c);
      const environments =
        c.environments.length > 0 ? [...c.environments] : agentEnvironments(autonomous, ctx.relations.agent);
      const limits = (environments.length > 0 ? environments : [undefined]).map((env) => ({
        env,
        max: maxTtlFor(thresholds, env),
      }));
      const strictest = limits.reduce((a, b) => (b.max < a.max ? b : a));
      if (life <= strictest.max) continue;
      const refreshable = c.maxLifetime !== undefined && c.maxLifetime > c.ttl;
      const lives = refreshable
        ? `can be refreshed for ${lifeText(life)}`
        : life === Number.POSITIVE_INFINITY
          ? 'never expires'
          : `lives ${formatDuration(life)}`;
      const where = strictest.env === undefined ? 'the default maximum' : `the maximum for ${quote(strictest.env)}`;
      out.push({
        element: { kind: 'credential', id: c.id },
        path: [...c.path, refreshable ? 'maxLifetime' : 'ttl'],
        message: `credential ${quote(c.id)} ${lives}, above ${where} (${formatDuration(strictest.max)}); ${autonomous.length === 1 ? 'autonomous agent' : 'autonomous agents'} ${quotedList(autonomous)} ${autonomous.length === 1 ? 'acts' : 'act'} with it`,
      });
    }
    return out;
  },
};

function agentEnvironments(agents: readonly string[], byId: ReadonlyMap<string, { environment?: string }>): string[] {
  const out = new Set<string>();
  for (const a of agents) {
    const env = byId.get(a)?.environment;
    if (env !== undefined) out.add(env);
  }
  return [...out].sort();
}
