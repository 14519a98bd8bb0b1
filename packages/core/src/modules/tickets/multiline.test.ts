import { describe, expect, it } from 'vitest';
import { assertNoControlChars } from '../../platform/control-chars.js';
import { csatAnswer } from './csat.js';
import { noteInput, replyInput } from './conversation.js';
import { customFieldValueInput, messageBody } from './inputs.js';

// The boundary refuses line breaks in single-line strings; the tickets' multi-line texts
// (message and note text, a TEXT custom field's value, a CSAT comment) are marked multiline().
const check = (value: unknown, schema: Parameters<typeof assertNoControlChars>[1]) => () =>
  assertNoControlChars(value, schema, 'arguments');

describe('multi-line ticket texts at the boundary', () => {
  it('message text, custom field text and CSAT comments keep their line breaks', () => {
    expect(check({ text: 'Hello,\r\n\tsecond line', attachments: [] }, messageBody)).not.toThrow();
    expect(check({ text: 'reply\nbody', status: 'PENDING', version: 2 }, replyInput)).not.toThrow();
    expect(check({ text: 'internal\nnote' }, noteInput)).not.toThrow();
    expect(check({ key: 'notes', text: 'a\nb' }, customFieldValueInput)).not.toThrow();
    expect(check({ token: 'x'.repeat(20), score: 5, comment: 'great\nthanks' }, csatAnswer)).not.toThrow();
  });

  it('NUL stays refused in them, and line breaks elsewhere', () => {
    expect(check({ text: 'a\u0000b' }, messageBody)).toThrow(/Control characters/);
    expect(check({ key: 'no\ntes', text: 'a' }, customFieldValueInput)).toThrow(/Control characters/);
  });
});
