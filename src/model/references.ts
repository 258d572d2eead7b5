/**
 * Cross-reference checks on a schema-valid document: every id is unique in its
 * kind, every reference names something that exists, and each element has the
 * shape its fields promise (a grant names one target, a step is an action or a
 * delegation). All problems are collected, not just the first.
 */
import type { DocPath } from '../yaml/diagnostic.js';
import { DETECTION_DEFAULTS } from './credential-kinds.js';
import { didYouMean, quote } from './messages.js';
import { checkNames } from './names.js';
import type { ModelDocument } from './schema.js';
import type { Problem } from './schema-check.js';

type Collection = 'agents' | 'tools' | 'resources' | 'credentials' | 'workflows';
const KIND: Record<Collection, string> = {
  agents: 'agent',
  tools: 'tool',
  resources: 'resource',
  credentials: 'credential',
  workflows: 'workflow',
};

export function checkReferences(doc: ModelDocument): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message, at = 'value') => problems.push({ path, at, message });
  const ids = {} as Record<Collection, Set<string>>;
  for (const collection of Object.keys(KIND) as Collection[]) ids[collection] = uniqueIds(doc, collection, report);
  const ref: Ref = (collection, id, path, owner) => {
    if (ids[collection].has(id)) return true;
    report(path, `${owner}: unknown ${KIND[collection]} ${quote(id)}${didYouMean(id, ids[collection])}`);
    return false;
  };
  const check: Check = { doc, report, ref };
  checkAgents(check);
  checkTools(check);
  checkResources(check);
  checkCredentials(check);
  checkDerivationLoops(check);
  checkWorkflows(check);
  // Kinds and actions a model makes up: near misses of known ones, and the `kinds:` section.
  problems.push(...checkNames(doc));
  return problems;
}

type Report = (path: DocPath, message: string, at?: 'key' | 'value') => void;
/** Whether `id` names an element of `collection`; reports it when not. */
type Ref = (collection: Collection, id: string, path: DocPath, owner: string) => boolean;
interface Check {
  readonly doc: ModelDocument;
  readonly report: Report;
  readonly ref: Ref;
}

/** An agent's tools, credentials and delegations. */
function checkAgents({ doc, report, ref }: Check): void {
  (doc.agents ?? []).forEach((agent, i) => {
    const owner = `agent ${quote(agent.id)}`;
    (agent.tools ?? []).forEach((tool, k) => ref('tools', tool, ['agents', i, 'tools', k], owner));
    (agent.credentials ?? []).forEach((c, k) => ref('credentials', c, ['agents', i, 'credentials', k], owner));
    const targets = new Set<string>();
    (agent.delegates ?? []).forEach((d, k) => {
      const path: DocPath = ['agents', i, 'delegates', k];
      ref('agents', d.to, [...path, 'to'], owner);
      if (d.to === agent.id) report([...path, 'to'], `${owner}: an agent cannot delegate to itself`);
      if (targets.has(d.to)) report([...path, 'to'], `${owner}: delegates to ${quote(d.to)} twice`);
      targets.add(d.to);
      checkDelegationMode({ doc, report, ref }, owner, d, path);
    });
  });
}

/** Exchange names the credential it mints; passthrough hands on the delegator's own and names none. */
function checkDelegationMode(
  { report, ref }: Check,
  owner: string,
  d: { readonly to: string; readonly mode: string; readonly credential?: string },
  path: DocPath,
): void {
  if (d.mode === 'exchange' && d.credential === undefined) {
    report(
      path,
      `${owner}: delegation to ${quote(d.to)} with mode exchange must name the minted credential (credential: <id>)`,
    );
  }
  if (d.mode === 'passthrough' && d.credential !== undefined) {
    report(
      [...path, 'credential'],
      `${owner}: a passthrough delegation hands on the delegator's own credentials; \`credential\` is only for mode exchange`,
      'key',
    );
  }
  if (d.credential !== undefined) ref('credentials', d.credential, [...path, 'credential'], owner);
}

function checkTools({ doc, ref }: Check): void {
  (doc.tools ?? []).forEach((tool, i) => {
    if (tool.credential !== undefined)
      ref('credentials', tool.credential, ['tools', i, 'credential'], `tool ${quote(tool.id)}`);
  });
}

function checkResources({ doc, ref }: Check): void {
  (doc.resources ?? []).forEach((resource, i) => {
    (resource.holds ?? []).forEach((c, k) =>
      ref('credentials', c, ['resources', i, 'holds', k], `resource ${quote(resource.id)}`),
    );
  });
}

/** A credential's channels, parent and grants. */
function checkCredentials(check: Check): void {
  const { doc, report, ref } = check;
  const channels = knownChannels(doc);
  (doc.credentials ?? []).forEach((credential, i) => {
    const owner = `credential ${quote(credential.id)}`;
    // An unlisted channel is allowed (it uses detection.default), but a near miss is a typo.
    (credential.exposure ?? []).forEach((channel, k) => {
      const hint = channels.has(channel) ? '' : didYouMean(channel, channels);
      if (hint !== '')
        report(
          ['credentials', i, 'exposure', k],
          `${owner}: exposure channel ${quote(channel)} is not in detection.channels${hint}`,
        );
    });
    if (credential.derivedFrom !== undefined) {
      if (credential.derivedFrom === credential.id)
        report(['credentials', i, 'derivedFrom'], `${owner}: a credential cannot be derived from itself`);
      else ref('credentials', credential.derivedFrom, ['credentials', i, 'derivedFrom'], owner);
    }
    if (credential.revokedWithParent !== undefined && credential.derivedFrom === undefined) {
      report(
        ['credentials', i, 'revokedWithParent'],
        `${owner}: revokedWithParent needs derivedFrom (the parent credential)`,
        'key',
      );
    }
    (credential.grants ?? []).forEach((grant, k) => checkGrant(check, owner, grant, ['credentials', i, 'grants', k]));
  });
}

/** A grant names one target; a grant on an agent allows only invoke; approval names granted actions. */
function checkGrant(
  { report, ref }: Check,
  owner: string,
  grant: NonNullable<NonNullable<ModelDocument['credentials']>[number]['grants']>[number],
  path: DocPath,
): void {
  if ((grant.resource === undefined) === (grant.agent === undefined)) {
    report(path, `${owner}: a grant names exactly one target, either \`resource\` or \`agent\``);
    return;
  }
  if (grant.resource !== undefined) ref('resources', grant.resource, [...path, 'resource'], owner);
  if (grant.agent !== undefined) {
    ref('agents', grant.agent, [...path, 'agent'], owner);
    const other = grant.actions.filter((a) => a !== 'invoke');
    if (other.length > 0)
      report(
        [...path, 'actions'],
        `${owner}: a grant on an agent allows only invoke; found ${other.map((a) => quote(a)).join(', ')}`,
      );
  }
  (grant.approval ?? []).forEach((a, n) => {
    if (!grant.actions.includes(a))
      report(
        [...path, 'approval', n],
        `${owner}: approval names ${quote(a)}, which the grant's actions do not include`,
      );
  });
}

/**
 * A credential cannot be derived from itself, however many hops the loop
 * takes: each member of a `derivedFrom` loop is reported at its own field.
 * Each credential has at most one parent, so following parents from any
 * credential either ends or enters one loop; every credential is walked once.
 */
/** Loop members named in a message; a longer loop is shortened with an ellipsis. */
const LOOP_SHOWN = 6;

function checkDerivationLoops({ doc, report }: Check): void {
  const credentials = doc.credentials ?? [];
  const position = new Map<string, number>();
  credentials.forEach((c, i) => {
    if (!position.has(c.id)) position.set(c.id, i);
  });
  const parentOf = (i: number) => {
    const parent = credentials[i].derivedFrom;
    return parent === undefined ? undefined : position.get(parent);
  };
  const state = new Uint8Array(credentials.length); // 0 unseen, 1 on the current walk, 2 done
  for (let first = 0; first < credentials.length; first++) {
    const walk: number[] = [];
    let i: number | undefined = first;
    while (i !== undefined && state[i] === 0) {
      state[i] = 1;
      walk.push(i);
      i = parentOf(i);
    }
    if (i !== undefined && state[i] === 1 && parentOf(i) !== i) {
      const loop = walk.slice(walk.indexOf(i));
      loop.forEach((k, n) => {
        const around = [...loop.slice(n), ...loop.slice(0, n)].map((m) => quote(credentials[m].id));
        const chain = around.length <= LOOP_SHOWN ? around : [...around.slice(0, LOOP_SHOWN - 1), '…'];
        report(
          ['credentials', k, 'derivedFrom'],
          `credential ${chain[0]}: a credential cannot be derived from itself, and this one is, through a loop of ${loop.length}: ${[...chain, chain[0]].join(' derived from ')}`,
        );
      });
    }
    for (const k of walk) state[k] = 2;
  }
}

/** A workflow's agent and each of its steps. */
function checkWorkflows(check: Check): void {
  const { doc, ref } = check;
  // First definition of each agent id, so each workflow finds its agent without a scan.
  const agentById = new Map<string, NonNullable<ModelDocument['agents']>[number]>();
  for (const a of doc.agents ?? []) if (!agentById.has(a.id)) agentById.set(a.id, a);
  (doc.workflows ?? []).forEach((workflow, i) => {
    const owner = `workflow ${quote(workflow.id)}`;
    const agentKnown = ref('agents', workflow.agent, ['workflows', i, 'agent'], owner);
    const agent = agentKnown ? agentById.get(workflow.agent) : undefined;
    workflow.steps.forEach((step, k) =>
      checkStep(check, agent, step, ['workflows', i, 'steps', k], `${owner} step ${k + 1}`),
    );
  });
}

/** A step is a delegation to one of the agent's delegates, or an action on a resource through one of its tools. */
function checkStep(
  { report, ref }: Check,
  agent: NonNullable<ModelDocument['agents']>[number] | undefined,
  step: NonNullable<ModelDocument['workflows']>[number]['steps'][number],
  path: DocPath,
  where: string,
): void {
  if (step.delegate !== undefined) {
    if (
      step.tool !== undefined ||
      step.resource !== undefined ||
      step.action !== undefined ||
      step.credential !== undefined
    )
      report(path, `${where}: a delegation step has only \`delegate\``);
    if (
      ref('agents', step.delegate, [...path, 'delegate'], where) &&
      agent &&
      !(agent.delegates ?? []).some((d) => d.to === step.delegate)
    ) {
      report(
        [...path, 'delegate'],
        `${where}: agent ${quote(agent.id)} does not list ${quote(step.delegate)} in its delegates`,
      );
    }
    return;
  }
  if (step.resource === undefined || step.action === undefined)
    report(path, `${where}: a step needs \`resource\` and \`action\` (or \`delegate\` alone)`);
  if (step.resource !== undefined) ref('resources', step.resource, [...path, 'resource'], where);
  if (step.credential !== undefined) ref('credentials', step.credential, [...path, 'credential'], where);
  if (
    step.tool !== undefined &&
    ref('tools', step.tool, [...path, 'tool'], where) &&
    agent &&
    !(agent.tools ?? []).includes(step.tool)
  ) {
    report([...path, 'tool'], `${where}: agent ${quote(agent.id)} does not list tool ${quote(step.tool)} in its tools`);
  }
}

/** Channels with a detection time of their own: the model's, and the published ones when the model sets no default. */
export function knownChannels(doc: ModelDocument): Set<string> {
  const names = new Set(Object.keys(doc.detection?.channels ?? {}));
  if (doc.detection?.default === undefined)
    for (const name of Object.keys(DETECTION_DEFAULTS.channels)) names.add(name);
  return names;
}

function uniqueIds(doc: ModelDocument, collection: Collection, report: Report): Set<string> {
  const seen = new Map<string, number>();
  (doc[collection] ?? []).forEach((element, i) => {
    const first = seen.get(element.id);
    if (first !== undefined) {
      report(
        [collection, i, 'id'],
        `duplicate ${KIND[collection]} id ${quote(element.id)} (first defined as ${collection}[${first}])`,
      );
    } else {
      seen.set(element.id, i);
    }
  });
  return new Set(seen.keys());
}
