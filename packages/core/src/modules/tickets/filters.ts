import mongoose from 'mongoose';
import { z } from 'zod';
import { PlatformError, type Issue } from '../../platform/errors.js';
import { fieldKey, filterValue, type FieldDefinition } from './custom-fields.js';
import { channel, customerId, singleLine, tag, ticketPriority, ticketStatus, userId } from './inputs.js';

/**
 * What a view or a list call filters on. Within a field the values are alternatives (status NEW
 * or OPEN); fields combine with AND. Tags: the ticket has all of them. Assignee: any of the ids,
 * the caller ("me") or nobody. Custom fields: equality (membership for multi-select).
 */
export const ticketFilter = z
  .object({
    statuses: z.array(ticketStatus).max(6).nullish(),
    priorities: z.array(ticketPriority).max(4).nullish(),
    assigneeIds: z.array(userId).max(50).nullish(),
    assignedToMe: z.boolean().nullish(),
    unassigned: z.boolean().nullish(),
    groupIds: z.array(singleLine(60)).max(50).nullish(),
    tags: z.array(tag).max(10).nullish(),
    channels: z.array(channel).max(5).nullish(),
    customerId: customerId.nullish(),
    customFields: z
      .array(z.object({ key: fieldKey, value: singleLine(200) }).strict())
      .max(10)
      .nullish(),
  })
  .strict();
export type TicketFilterInput = z.infer<typeof ticketFilter>;

/** A filter as stored in a view: only what is set. */
export interface StoredFilter {
  statuses?: string[];
  priorities?: string[];
  assigneeIds?: string[];
  assignedToMe?: boolean;
  unassigned?: boolean;
  groupIds?: string[];
  tags?: string[];
  channels?: string[];
  customerId?: string;
  customFields?: { key: string; value: string }[];
}

export function storedFilter(f: TicketFilterInput | null | undefined): StoredFilter {
  const out: StoredFilter = {};
  if (!f) return out;
  for (const [k, v] of Object.entries(f)) {
    if (v === null || v === undefined || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

const $in = <T>(values: readonly T[]) => mongoose.trusted({ $in: [...values] });

/**
 * The Mongo filter of a stored filter, for the caller `me` (null for API keys). Custom field keys
 * and values are checked against the tenant's definitions; a key is a safe path segment by its
 * pattern (no dots, no `$`).
 */
export function filterQuery(
  f: StoredFilter,
  me: string | null,
  defs: readonly FieldDefinition[],
): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  const issues: Issue[] = [];
  if (f.statuses?.length) q.status = $in(f.statuses);
  if (f.priorities?.length) q.priority = $in(f.priorities);
  const assignees: (string | null)[] = [...(f.assigneeIds ?? [])];
  if (f.assignedToMe) {
    if (me) assignees.push(me);
    else issues.push({ path: 'filter.assignedToMe', message: '"Assigned to me" needs a signed-in agent' });
  }
  if (f.unassigned) assignees.push(null);
  if (assignees.length > 0) q.assigneeId = $in(assignees);
  if (f.groupIds?.length) q.groupId = $in(f.groupIds);
  if (f.tags?.length) q.tags = mongoose.trusted({ $all: [...f.tags] });
  if (f.channels?.length) q.channel = $in(f.channels);
  if (f.customerId) q.customerId = f.customerId;
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [i, c] of (f.customFields ?? []).entries()) {
    const def = byKey.get(c.key);
    const value = def ? filterValue(def, c.value) : undefined;
    if (!def)
      issues.push({
        path: `filter.customFields.${i}.key`,
        message: 'Not a custom field of this organisation',
      });
    else if (value === undefined)
      issues.push({
        path: `filter.customFields.${i}.value`,
        message: `Not a value of the ${def.type} field`,
      });
    else q[`customFields.${c.key}`] = value;
  }
  if (issues.length > 0) throw new PlatformError('VALIDATION_FAILED', 'The filter is not valid', { issues });
  return q;
}
