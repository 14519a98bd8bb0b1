import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { multiline } from '../../platform/control-chars.js';
import { newEvent, withEvents } from '../../platform/events/index.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import { runAsSystem, withTenant } from '../../platform/tenancy/context.js';
import { TicketsError } from './errors.js';
import type { TicketRecord } from './model.js';
import type { TicketsDeps } from './support.js';

/** How long a survey link works after the ticket was solved. */
export const CSAT_VALID_DAYS = 30;

export const csatAnswer = z
  .object({
    token: z.string().min(10).max(200),
    score: z.number().int().min(1, 'A score is 1 to 5').max(5, 'A score is 1 to 5'),
    comment: multiline(
      z
        .string()
        .trim()
        .max(2000)

        .refine(
          (s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s),
          'Control characters are not allowed',
        ),
    )
      .nullish()
      .transform((c) => (c ? c : null)),
  })
  .strict();
export type CsatAnswer = z.infer<typeof csatAnswer>;

const TOKEN = /^(tn_[0-9A-Za-z]{20})\.(tkt_[0-9A-Za-z]{20})\.([0-9A-Za-z]{16})\.([A-Za-z0-9_-]{32})$/;

/**
 * Satisfaction surveys. A survey is offered when a ticket is solved (a fresh nonce on the ticket);
 * its token names tenant, ticket and nonce, signed with a key derived from the master key, so the
 * public answer finds its tenant without any lookup table and a re-solved ticket's old link stops
 * working. Answering is public (the token is the credential) and happens once.
 */
export class CsatService {
  constructor(
    private readonly d: TicketsDeps,
    private readonly directory: TenantDirectory,
  ) {}

  private mac(payload: string): string {
    return createHmac('sha256', this.d.csatKey).update(payload).digest('base64url').slice(0, 32);
  }

  /** The survey token of a ticket's current survey, for the channel that sends the link. */
  surveyToken(tenantId: string, t: Pick<TicketRecord, '_id' | 'csat'>): string | null {
    if (!t.csat) return null;
    const payload = `${tenantId}.${t._id}.${t.csat.nonce}`;
    return `${payload}.${this.mac(payload)}`;
  }

  async submit(answer: CsatAnswer): Promise<void> {
    const invalid = () =>
      new TicketsError('CSAT_SURVEY_INVALID', 'This survey link is not valid or has expired');
    const m = TOKEN.exec(answer.token);
    if (!m) throw invalid();
    const [, tenantId, ticketId, nonce, mac] = m as unknown as [string, string, string, string, string];
    const expected = Buffer.from(this.mac(`${tenantId}.${ticketId}.${nonce}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    const tenant = await runAsSystem('tickets.csat-tenant', () => this.directory.get(tenantId));
    if (!tenant || tenant.status !== 'ACTIVE') throw invalid();
    await runAsSystem('tickets.csat-answer', () =>
      withTenant({ id: tenant.id, tier: tenant.tier }, async () => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const t = await this.d.repo.findTicket(ticketId);
          const c = t?.csat;
          if (!t || !c || c.nonce !== nonce) throw invalid();
          if (Date.now() - c.sentAt.getTime() > CSAT_VALID_DAYS * 86_400_000) throw invalid();
          if (c.answeredAt)
            throw new TicketsError('CSAT_ALREADY_ANSWERED', 'This survey has already been answered');
          const now = new Date();
          const event = newEvent(
            'csat.received',
            { ticketId: t._id, number: t.number, score: answer.score, comment: answer.comment },
            { at: now },
          );
          const written = await this.d.repo.updateTicket(
            t._id,
            t.version,
            withEvents(
              {
                $set: {
                  'csat.score': answer.score,
                  'csat.comment': answer.comment,
                  'csat.answeredAt': now,
                  updatedAt: now,
                },
                $inc: { version: 1 },
              },
              [event],
              now,
            ),
          );
          if (!written) continue;
          await this.d.events.flushAfterWrite('Ticket', t._id);
          await this.d.audit.record({
            action: 'ticket.csat_received',
            targetType: 'ticket',
            targetId: t._id,
            after: { score: answer.score, comment: answer.comment },
          });
          return;
        }
        throw new TicketsError('CSAT_ALREADY_ANSWERED', 'This survey has already been answered');
      }),
    );
  }
}
