/** The one way a changed model is written back: the file's text patched (comments, layout and line endings kept), or afresh. */
import { describe, expect, it } from 'vitest';
import { changedModelText } from '../../src/reports/model-yaml.js';
import type { ModelDocument } from '../../src/model/schema.js';

const SOURCE = [
  '# yaml-language-server: $schema=model.schema.json',
  '# Our agents',
  '',
  'version: 1',
  'credentials:',
  '  - id: pat # the old one',
  '    ttl: 90d',
  '',
].join('\r\n');

const CHANGED = { version: 1, credentials: [{ id: 'pat', ttl: '1h' }] } as unknown as ModelDocument;
const PATCH = [
  { op: 'test', path: '/credentials/0/ttl', value: '90d' },
  { op: 'replace', path: '/credentials/0/ttl', value: '1h' },
] as const;

describe('a changed model written back', () => {
  it('patches the text: the note after the leading comments, the inline comment and CRLF kept', () => {
    const { text, commentsKept } = changedModelText(SOURCE, CHANGED, PATCH, ['ttl of pat: 90d → 1h']);
    expect(commentsKept).toBe(true);
    expect(text).toBe(
      [
        '# yaml-language-server: $schema=model.schema.json',
        '# Our agents',
        '#',
        '# ttl of pat: 90d → 1h',
        '', // the blank line that closed the leading block
        'version: 1',
        'credentials:',
        '  - id: pat # the old one',
        '    ttl: 1h',
        '',
      ].join('\r\n'),
    );
  });

  it('writes the document afresh when the patch does not give it, and says comments are lost', () => {
    const other = { version: 1, credentials: [{ id: 'pat', ttl: '2h' }] } as unknown as ModelDocument;
    const { text, commentsKept } = changedModelText(SOURCE, other, PATCH, ['by hand']);
    expect(commentsKept).toBe(false);
    expect(text).not.toContain('# the old one');
    expect(text.split('\r\n').slice(0, 5)).toEqual([
      '# yaml-language-server: $schema=model.schema.json',
      '# Our agents',
      '#',
      '# by hand',
      '# Comments of the original below its leading block are not kept.',
    ]);
    expect(text).toContain('ttl: 2h\r\n');
  });
});
