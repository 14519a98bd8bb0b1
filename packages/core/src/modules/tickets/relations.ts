import { notFound } from '../../platform/errors.js';
import { newEvent, withEvents, type OutboxEntry } from '../../platform/events/index.js';
import { TicketsError } from './errors.js';
import type { TicketRecord } from './model.js';
import { staleVersion, type TicketsDeps } from './support.js';
import type { TicketsService } from './tickets-service.js';

/** Merging and linking tickets. */
export class RelationsService {
  constructor(
    private readonly d: TicketsDeps,
    private readonly tickets: TicketsService,
  ) {}

  /**
   * Merges `source` into `target`: the source is solved and points at the target, whose
   * conversation shows the source's messages from then on. Both versions are checked before
   * anything is written. The source is written first (conditional on its version); adding it to
   * the target commutes with anything else, so a retry after a crash completes the merge.
   */
  async merge(
    sourceId: string,
    sourceVersion: number,
    targetId: string,
    targetVersion: number,
  ): Promise<TicketRecord> {
    const [s, t] = [await this.tickets.get(sourceId), await this.tickets.get(targetId)];
    if (s._id === t._id) {
      throw new TicketsError('TICKET_MERGE_NOT_ALLOWED', 'A ticket cannot be merged into itself');
    }
    if (t.mergedInto)
      throw new TicketsError('TICKET_MERGED', 'The target ticket was itself merged into another ticket');
    if (s.mergedInto && s.mergedInto !== t._id)
      throw new TicketsError('TICKET_MERGED', 'This ticket was already merged into another ticket');
    if (t.status === 'CLOSED' || (s.status === 'CLOSED' && !s.mergedInto)) {
      throw new TicketsError('TICKET_MERGE_NOT_ALLOWED', 'Closed tickets cannot be merged');
    }
    if (!s.mergedInto && s.version !== sourceVersion) throw staleVersion(s);
    if (t.version !== targetVersion) throw staleVersion(t);
    const now = new Date();
    let source = s;
    if (!s.mergedInto) {
      const ref = { ticketId: s._id, number: s.number };
      const events: OutboxEntry[] = [
        newEvent('ticket.merged', { ...ref, intoTicketId: t._id }, { at: now }),
        newEvent(
          'ticket.updated',
          { ...ref, changed: ['mergedInto', 'status'], version: s.version + 1 },
          { at: now },
        ),
      ];
      if (s.status !== 'SOLVED')
        events.push(newEvent('ticket.status_changed', { ...ref, from: s.status, to: 'SOLVED' }, { at: now }));
      const set = {
        mergedInto: t._id,
        status: 'SOLVED',
        statusChangedAt: s.status === 'SOLVED' ? s.statusChangedAt : now,
        solvedAt: now,
        updatedAt: now,
      };
      const written = await this.d.repo.updateTicket(
        s._id,
        s.version,
        withEvents({ $set: set, $inc: { version: 1 } }, events, now),
      );
      if (!written) throw staleVersion((await this.d.repo.findTicket(s._id)) ?? s);
      source = written;
      await this.d.events.flushAfterWrite('Ticket', s._id);
    }
    const from = [source._id, ...source.mergedFrom].filter((id) => !t.mergedFrom.includes(id));
    const target = await this.d.repo.updateTicketAnyVersion(
      t._id,
      withEvents(
        {
          $addToSet: { mergedFrom: { $each: [source._id, ...source.mergedFrom] } },
          $set: { updatedAt: now },
          $inc: { version: 1 },
        },
        from.length > 0
          ? [
              newEvent(
                'ticket.updated',
                { ticketId: t._id, number: t.number, changed: ['mergedFrom'], version: t.version + 1 },
                { at: now },
              ),
            ]
          : [],
        now,
      ),
    );
    if (!target) throw notFound('Ticket');
    await this.d.events.flushAfterWrite('Ticket', t._id);
    await this.d.audit.record({
      action: 'ticket.merged',
      targetType: 'ticket',
      targetId: s._id,
      before: { status: s.status, mergedInto: null },
      after: { status: 'SOLVED', mergedInto: t._id, targetNumber: t.number },
    });
    return target;
  }

  /** Links two tickets both ways ("related"); links are a set, so no version is needed. */
  async link(ticketId: string, otherId: string, linked: boolean): Promise<TicketRecord> {
    const [a, b] = [await this.tickets.get(ticketId), await this.tickets.get(otherId)];
    if (a._id === b._id) {
      throw new TicketsError('TICKET_MERGE_NOT_ALLOWED', 'A ticket cannot be linked to itself');
    }
    const now = new Date();
    const write = async (t: TicketRecord, other: string) => {
      const has = t.links.includes(other);
      if (has === linked) return t;
      const update = linked ? { $addToSet: { links: other } } : { $pull: { links: other } };
      const event = newEvent(
        'ticket.updated',
        { ticketId: t._id, number: t.number, changed: ['links'], version: t.version + 1 },
        { at: now },
      );
      const r = await this.d.repo.updateTicketAnyVersion(
        t._id,
        withEvents({ ...update, $set: { updatedAt: now }, $inc: { version: 1 } }, [event], now),
      );
      await this.d.events.flushAfterWrite('Ticket', t._id);
      return r ?? t;
    };
    const updated = await write(a, b._id);
    await write(b, a._id);
    await this.d.audit.record({
      action: linked ? 'ticket.linked' : 'ticket.unlinked',
      targetType: 'ticket',
      targetId: a._id,
      after: { other: b._id },
    });
    return updated;
  }
}
