import { quote } from '../../model/messages.js';
import type { Rule, RuleFinding } from './types.js';

export const LR018: Rule = {
  id: 'LR018',
  name: 'LiteralSecretInConfiguration',
  title: 'Secret written literally in a configuration file',
  severity: 'high',
  rationale:
    'A secret written in a configuration file is copied wherever the file goes: the repository and its history, backups, dotfile repositories, screenshots and support bundles. Whoever reads any copy holds the credential, and removing the line later does not remove it from history.',
  fix: 'Rotate the secret, then reference it instead of writing it: an environment variable (`${VAR}`, `${env:VAR}`), an editor input (`${input:id}`), a CI secret (`${{ secrets.NAME }}`) or a secret manager.',
  owasp: { nhi: ['NHI2', 'NHI7'], asi: ['ASI03'] },
  check({ ctx }) {
    const out: RuleFinding[] = [];
    for (const c of ctx.model.credentials) {
      if (!c.source?.literal) continue;
      out.push({
        element: { kind: 'credential', id: c.id },
        path: [...c.path, 'source'],
        fallback: c.path,
        message: `credential ${quote(c.id)} is written literally in ${quote(c.source.file)} at line ${c.source.line}: anyone who reads the file or its history holds it`,
      });
    }
    return out;
  },
};
