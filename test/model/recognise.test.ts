/** Which YAML files in a folder are leakradius's: models by shape or modeline, scenarios and policies by kind. */
import { describe, expect, it } from 'vitest';
import { recogniseDocument } from '../../src/model/recognise.js';

const WORKFLOW = `name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`;

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: agent-settings
data:
  version: "1"
`;

// docker compose files carry a version too, and CircleCI's a version and workflows.
const COMPOSE = `version: "3.8"\nservices:\n  web:\n    image: nginx\n`;
const CIRCLECI = `version: 2.1\njobs:\n  build:\n    docker: [{ image: node }]\nworkflows:\n  main:\n    jobs: [build]\n`;

const MODEL = `# Agents of the support team
version: 1
name: support
agents:
  - { id: bot, owner: ops, purpose: answers tickets }
credentials: []
`;

describe('recogniseDocument', () => {
  it('takes a file with version 1 and the model\u2019s sections for a model', () => {
    expect(recogniseDocument(MODEL)).toBe('model');
    expect(recogniseDocument(`version: '1'\r\ncredentials:\r\n  - id: k\r\n`)).toBe('model');
  });

  it('still takes a model with a misspelt section for one, so that loading it reports the mistake', () => {
    expect(recogniseDocument('version: 1\nagents: []\ncredentails: []\ntools: []\n')).toBe('model');
  });

  it('leaves out what other tools wrote', () => {
    expect(recogniseDocument(WORKFLOW)).toBe('other');
    expect(recogniseDocument(CONFIG_MAP)).toBe('other');
    expect(recogniseDocument(COMPOSE)).toBe('other');
    expect(recogniseDocument(CIRCLECI)).toBe('other');
    expect(recogniseDocument('- a list\n- of things\n')).toBe('other');
    expect(recogniseDocument('')).toBe('other');
  });

  it('needs more of the model\u2019s fields than other fields at the top', () => {
    // version and workflows are model fields, jobs and orbs are not: two against two is not a model.
    expect(recogniseDocument('version: 1\norbs: {}\njobs: {}\nworkflows: {}\n')).toBe('other');
  });

  it('reads a document written as JSON', () => {
    expect(recogniseDocument('{"version": 1, "agents": [], "credentials": []}\n')).toBe('model');
    expect(recogniseDocument('{"apiVersion": "v1", "kind": "Secret"}\n')).toBe('other');
  });

  it('takes a schema modeline at its word', () => {
    const odd = 'whatever: 1\n';
    expect(recogniseDocument(`# yaml-language-server: $schema=../docs/model.schema.json\n${odd}`)).toBe('model');
    expect(
      recogniseDocument(`# yaml-language-server: $schema=https://leakradius.dev/schema/model-v1.json\n${odd}`),
    ).toBe('model');
    expect(recogniseDocument(`# yaml-language-server: $schema=../docs/scenario.schema.json\n${odd}`)).toBe('scenario');
    // Another tool's schema says nothing about leakradius.
    expect(
      recogniseDocument(
        `# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json\n${WORKFLOW}`,
      ),
    ).toBe('other');
  });

  it('knows scenarios and policies by their kind', () => {
    expect(recogniseDocument('kind: scenario\nversion: 1\nmodel: m.yaml\n')).toBe('scenario');
    expect(recogniseDocument('# policy\nkind: "policy"\nversion: 1\n')).toBe('policy');
  });
});
