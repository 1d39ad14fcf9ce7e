import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../parsers';
import { LIMITS, normaliseCode, utf8Bytes } from '../protocol';

describe('class protocol', () => {
  it('takes well-formed messages and refuses the rest with a code and a reason', () => {
    expect(parseClientMessage('{"type":"join","code":"ABC234","student":"x1"}')).toEqual({
      ok: true,
      value: { type: 'join', code: 'ABC234', student: 'x1' },
    });
    expect(parseClientMessage('{"type":"join","code":"ABC10O","student":"x1"}')).toMatchObject({
      ok: false,
      code: 'bad-message',
    });
    expect(parseClientMessage('nope')).toMatchObject({ ok: false, code: 'bad-json' });
    expect(parseClientMessage('[1]')).toMatchObject({ ok: false, code: 'bad-message' });
    expect(parseClientMessage('{"type":"close","x":1}')).toMatchObject({ ok: false, code: 'bad-message' });
    const open = (options: unknown) =>
      parseClientMessage(JSON.stringify({ type: 'open', checkpoint: 'c', question: 'q?', options }));
    expect(open([{ value: 'a', label: 'A' }])).toMatchObject({ ok: false, message: /at least two/ });
    expect(
      open([
        { value: 'a', label: 'A' },
        { value: 'a', label: 'B' },
      ]),
    ).toMatchObject({ ok: false, message: /must differ/ });
    expect(
      parseClientMessage(
        JSON.stringify({ type: 'answer', checkpoint: 'c', option: 'é'.repeat(LIMITS.messageBytes / 2) }),
      ),
    ).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('checks what the server sends too', () => {
    expect(parseServerMessage('{"type":"counts","checkpoint":"c","total":2,"counts":[1,1]}').ok).toBe(true);
    expect(parseServerMessage('{"type":"counts","checkpoint":"c","total":-1,"counts":null}').ok).toBe(false);
    expect(parseServerMessage('{"type":"error","code":"made-up","message":"x"}').ok).toBe(false);
  });

  it('counts UTF-8 bytes and reads a typed code', () => {
    expect(utf8Bytes('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(normaliseCode(' abc-234 ')).toBe('ABC234');
    expect(normaliseCode('abc')).toBeNull();
  });
});
