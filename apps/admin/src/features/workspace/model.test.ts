import { describe, expect, it } from 'vitest';
import { shortTime } from './short-time';
import { BUILT_IN_VIEWS, isSendChord, isTypingTarget, parseView, step, ticketIdOf, viewParam } from './model';

describe('workspace views', () => {
  it('reads the view parameter: built-in keys, saved views, and the default for anything else', () => {
    expect(parseView('unassigned')).toEqual({ kind: 'builtIn', view: BUILT_IN_VIEWS[1] });
    expect(parseView('v:tv_123')).toEqual({ kind: 'saved', id: 'tv_123' });
    expect(parseView(null)).toEqual({ kind: 'builtIn', view: BUILT_IN_VIEWS[0] });
    expect(parseView('v:')).toEqual({ kind: 'builtIn', view: BUILT_IN_VIEWS[0] });
    expect(parseView('nonsense')).toEqual({ kind: 'builtIn', view: BUILT_IN_VIEWS[0] });
    expect(viewParam(parseView('v:tv_9'))).toBe('v:tv_9');
    expect(viewParam(parseView('open'))).toBe('open');
  });

  it('keeps only unsolved tickets in the working views', () => {
    for (const key of ['mine', 'unassigned', 'open']) {
      const view = BUILT_IN_VIEWS.find((v) => v.key === key);
      expect(view?.where.statuses).toEqual(['NEW', 'OPEN', 'PENDING', 'ON_HOLD']);
    }
  });
});

describe('workspace keyboard', () => {
  it('leaves keys to fields one types into', () => {
    const el = (tagName: string, extra: Record<string, unknown> = {}) => ({
      tagName,
      getAttribute: () => null,
      ...extra,
    });
    expect(isTypingTarget(el('INPUT') as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget(el('textarea') as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget(el('DIV', { isContentEditable: true }) as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', getAttribute: () => 'combobox' } as unknown as EventTarget)).toBe(
      true,
    );
    expect(isTypingTarget(el('BUTTON') as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('sends on ctrl or cmd + Enter only', () => {
    expect(isSendChord({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isSendChord({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSendChord({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
    expect(isSendChord({ key: 'j', ctrlKey: true, metaKey: false })).toBe(false);
  });

  it('moves through the list without leaving it', () => {
    expect(step(-1, 1, 3)).toBe(0);
    expect(step(-1, -1, 3)).toBe(2);
    expect(step(2, 1, 3)).toBe(2);
    expect(step(0, -1, 3)).toBe(0);
    expect(step(0, 1, 0)).toBe(-1);
  });

  it('finds the ticket an event is about', () => {
    expect(ticketIdOf({ ticketId: 'tkt_1', number: 3 })).toBe('tkt_1');
    expect(ticketIdOf({ customerId: 'cus_1' })).toBeNull();
    expect(ticketIdOf(null)).toBeNull();
  });
});

describe('list times', () => {
  it('shows the time today, the day this year, the date before, in the tenant’s zone', () => {
    const now = new Date('2026-12-01T20:00:00Z'); // 04:00 on 2 December in Shanghai
    expect(shortTime('2026-12-01T17:05:00Z', 'Asia/Shanghai', 'en', now)).toBe('01:05');
    expect(shortTime('2026-12-01T15:05:00Z', 'Asia/Shanghai', 'en', now)).toBe('12/01, 23:05');
    expect(shortTime('2025-03-04T01:00:00Z', 'Asia/Shanghai', 'en', now)).toBe('03/04/2025');
    expect(shortTime('not a date', 'Asia/Shanghai', 'en', now)).toBe('');
  });
});
