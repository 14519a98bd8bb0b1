import type { FieldValue } from './custom-fields.js';
import type { StoredFilter } from './filters.js';
import type { CustomFieldRecord, TicketMessageRecord, TicketRecord, TicketViewRecord } from './model.js';

/** API shapes: ids as strings, no outbox, no survey nonce; custom fields as typed members. */
export function customFieldValueDto(key: string, v: FieldValue, type: CustomFieldRecord['type'] | undefined) {
  const base = { key, text: null, number: null, checkbox: null, date: null, option: null, options: null };
  switch (type) {
    case 'NUMBER':
      return { ...base, number: v as number };
    case 'CHECKBOX':
      return { ...base, checkbox: v as boolean };
    case 'DATE':
      return { ...base, date: v as string };
    case 'SELECT':
      return { ...base, option: v as string };
    case 'MULTI_SELECT':
      return { ...base, options: v as string[] };
    default:
      return { ...base, text: String(v) };
  }
}

export function ticketDto(
  t: TicketRecord,
  fieldTypes: ReadonlyMap<string, CustomFieldRecord['type']>,
  surveyToken: string | null,
) {
  return {
    id: t._id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    tags: t.tags,
    assigneeId: t.assigneeId,
    groupId: t.groupId,
    channel: t.channel,
    customerId: t.customerId,
    // Values of deleted definitions stay stored but are not shown.
    customFields: Object.entries(t.customFields)
      .filter(([k]) => fieldTypes.has(k))
      .map(([k, v]) => customFieldValueDto(k, v, fieldTypes.get(k))),
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    lastMessageAt: t.lastMessageAt,
    statusChangedAt: t.statusChangedAt,
    solvedAt: t.solvedAt,
    closedAt: t.closedAt,
    mergedIntoId: t.mergedInto,
    mergedFromIds: t.mergedFrom,
    linkedTicketIds: t.links,
    csat: t.csat
      ? {
          sentAt: t.csat.sentAt,
          score: t.csat.score,
          comment: t.csat.comment,
          answeredAt: t.csat.answeredAt,
          surveyToken: t.csat.answeredAt ? null : surveyToken,
        }
      : null,
  };
}

export function messageDto(m: TicketMessageRecord) {
  return {
    id: m._id,
    ticketId: m.ticketId,
    kind: m.kind,
    author: m.author,
    channel: m.channel,
    text: m.text,
    attachments: m.attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      url: a.url ?? null,
    })),
    createdAt: m.createdAt,
  };
}

export function viewDto(v: TicketViewRecord) {
  const f: StoredFilter = v.filter;
  return {
    id: v._id,
    name: v.name,
    shared: v.ownerId === null,
    filter: {
      statuses: f.statuses ?? null,
      priorities: f.priorities ?? null,
      assigneeIds: f.assigneeIds ?? null,
      assignedToMe: f.assignedToMe ?? null,
      unassigned: f.unassigned ?? null,
      groupIds: f.groupIds ?? null,
      tags: f.tags ?? null,
      channels: f.channels ?? null,
      customerId: f.customerId ?? null,
      customFields: f.customFields ?? null,
    },
    sort: v.sort,
    direction: v.direction,
    position: v.position,
  };
}

export function fieldDto(f: CustomFieldRecord) {
  return {
    id: f._id,
    key: f.key,
    type: f.type,
    labelEn: f.labelEn,
    labelZh: f.labelZh,
    options: f.options.map((o) => ({ value: o.value, labelEn: o.labelEn, labelZh: o.labelZh })),
    requiredOnSolve: f.requiredOnSolve,
    position: f.position,
    createdAt: f.createdAt,
  };
}
