import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '@tandem/sdk/events';
import {
  statusAfterAgentReply,
  statusAfterCustomerMessage,
  transitionRefusal,
  TRANSITIONS,
} from './status.js';

const now = new Date('2026-03-10T12:00:00Z');
const ctx = { solvedAt: null, reopenWindowDays: 7, now };
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600 * 1000);

describe('the ticket status table', () => {
  it('names every status, and closed is final', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(TRANSITIONS.CLOSED).toEqual([]);
  });

  it('never leads back to NEW, and reaches CLOSED only from SOLVED', () => {
    for (const s of TICKET_STATUSES) {
      expect(TRANSITIONS[s]).not.toContain('NEW');
      if (s !== 'SOLVED') expect(TRANSITIONS[s]).not.toContain('CLOSED');
    }
  });

  it.each([
    ['NEW', 'OPEN'],
    ['NEW', 'SOLVED'],
    ['OPEN', 'PENDING'],
    ['PENDING', 'ON_HOLD'],
    ['ON_HOLD', 'OPEN'],
    ['SOLVED', 'CLOSED'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(transitionRefusal(from, to, ctx)).toBeNull();
  });

  it.each([
    ['OPEN', 'NEW', 'TICKET_TRANSITION_NOT_ALLOWED'],
    ['OPEN', 'CLOSED', 'TICKET_TRANSITION_NOT_ALLOWED'],
    ['SOLVED', 'PENDING', 'TICKET_TRANSITION_NOT_ALLOWED'],
    ['CLOSED', 'OPEN', 'TICKET_CLOSED'],
    ['CLOSED', 'SOLVED', 'TICKET_CLOSED'],
  ] as const)('refuses %s → %s with %s', (from, to, code) => {
    expect(transitionRefusal(from, to, ctx)?.code).toBe(code);
  });

  it('treats setting the same status as no change, even when closed', () => {
    for (const s of TICKET_STATUSES) expect(transitionRefusal(s, s, ctx)).toBeNull();
  });

  it('reopens a solved ticket within the window only', () => {
    expect(transitionRefusal('SOLVED', 'OPEN', { ...ctx, solvedAt: daysAgo(6.9) })).toBeNull();
    expect(transitionRefusal('SOLVED', 'OPEN', { ...ctx, solvedAt: daysAgo(7.1) })?.code).toBe(
      'TICKET_REOPEN_WINDOW_PASSED',
    );
    expect(
      transitionRefusal('SOLVED', 'OPEN', { ...ctx, solvedAt: daysAgo(20), reopenWindowDays: 30 }),
    ).toBeNull();
  });
});

describe('status rules of the conversation', () => {
  it('a customer reply brings a waiting or solved ticket back to OPEN', () => {
    expect(statusAfterCustomerMessage('PENDING')).toBe('OPEN');
    expect(statusAfterCustomerMessage('ON_HOLD')).toBe('OPEN');
    expect(statusAfterCustomerMessage('SOLVED')).toBe('OPEN');
    expect(statusAfterCustomerMessage('NEW')).toBe('NEW');
    expect(statusAfterCustomerMessage('OPEN')).toBe('OPEN');
  });

  it('an agent reply opens a NEW ticket and leaves the others alone', () => {
    expect(statusAfterAgentReply('NEW')).toBe('OPEN');
    expect(statusAfterAgentReply('PENDING')).toBe('PENDING');
    expect(statusAfterAgentReply('SOLVED')).toBe('SOLVED');
  });
});
