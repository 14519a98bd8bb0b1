import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';
import { withOutbox, type OutboxFields } from '../../platform/events/index.js';
import type { CustomFieldType, FieldValue } from './custom-fields.js';
import type { TicketSort, SortDirection } from './cursor.js';
import type { StoredFilter } from './filters.js';
import type { Attachment, AuthorKind, Channel, TicketPriority, TicketStatus } from './inputs.js';

export interface CsatRecord {
  /** Changes each time a survey is offered; the survey token names it, so older links stop working. */
  nonce: string;
  sentAt: Date;
  score: number | null;
  comment: string | null;
  answeredAt: Date | null;
}

export interface TicketRecord extends OutboxFields {
  _id: string;
  tenantId: string;
  /** Per tenant, from 1, never reused (a failed or duplicate create may leave a gap). */
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  /** The priority as a number, so views sort on a scalar (URGENT = 4). */
  priorityRank: number;
  tags: string[];
  assigneeId: string | null;
  groupId: string | null;
  channel: Channel;
  customerId: string;
  customFields: Record<string, FieldValue>;
  /** Optimistic concurrency: every change is conditional on it and increments it. */
  version: number;
  /** The create's Idempotency-Key (`idem:…`, `intake:…`) or the ticket's own id; unique per tenant. */
  createKey: string;
  /** A hash of the create request, to refuse a reused key with a different request. */
  createHash: string;
  createdBy: { type: string; id: string };
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date | null;
  statusChangedAt: Date;
  solvedAt: Date | null;
  closedAt: Date | null;
  mergedInto: string | null;
  /** Tickets merged into this one (transitively): their conversations show here. */
  mergedFrom: string[];
  links: string[];
  csat: CsatRecord | null;
}

const csatSchema = new Schema<CsatRecord>(
  {
    nonce: { type: String, required: true },
    sentAt: { type: Date, required: true },
    score: { type: Number, default: null },
    comment: { type: String, default: null },
    answeredAt: { type: Date, default: null },
  },
  { _id: false },
);

const ticketSchema = withOutbox(
  new Schema<TicketRecord>(
    {
      _id: { type: String, required: true },
      number: { type: Number, required: true, immutable: true },
      subject: { type: String, required: true },
      status: { type: String, required: true },
      priority: { type: String, required: true },
      priorityRank: { type: Number, required: true },
      tags: { type: [String], default: [] },
      assigneeId: { type: String, default: null },
      groupId: { type: String, default: null },
      channel: { type: String, required: true },
      customerId: { type: String, required: true },
      customFields: { type: Schema.Types.Mixed, default: {} },
      version: { type: Number, required: true },
      createKey: { type: String, required: true, immutable: true },
      createHash: { type: String, required: true },
      createdBy: { type: { type: String, required: true }, id: { type: String, required: true } },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      lastMessageAt: { type: Date, default: null },
      statusChangedAt: { type: Date, required: true },
      solvedAt: { type: Date, default: null },
      closedAt: { type: Date, default: null },
      mergedInto: { type: String, default: null },
      mergedFrom: { type: [String], default: [] },
      links: { type: [String], default: [] },
      csat: { type: csatSchema, default: null },
    },
    { versionKey: false, minimize: false, collection: 'tickets' },
  ),
);
// Every index leads with tenantId; each one serves a view ordering or a lookup.
ticketSchema.index({ tenantId: 1, number: 1 }, { unique: true });
ticketSchema.index({ tenantId: 1, createKey: 1 }, { unique: true });
ticketSchema.index({ tenantId: 1, updatedAt: -1, _id: -1 });
ticketSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
ticketSchema.index({ tenantId: 1, priorityRank: -1, updatedAt: -1, _id: -1 });
ticketSchema.index({ tenantId: 1, status: 1, updatedAt: -1, _id: -1 });
ticketSchema.index({ tenantId: 1, assigneeId: 1, status: 1, updatedAt: -1 });
ticketSchema.index({ tenantId: 1, customerId: 1, channel: 1, status: 1 });
ticketSchema.index({ tenantId: 1, tags: 1 });
export const TicketModel = defineModel('Ticket', ticketSchema, 'tenant');

/** One per tenant: the last ticket number handed out. */
export interface TicketCounterRecord {
  tenantId: string;
  seq: number;
}
const counterSchema = new Schema<TicketCounterRecord>(
  { seq: { type: Number, required: true, default: 0 } },
  { versionKey: false, collection: 'ticket_counters' },
);
counterSchema.index({ tenantId: 1 }, { unique: true });
export const TicketCounterModel = defineModel('TicketCounter', counterSchema, 'tenant');

export type MessageKind = 'MESSAGE' | 'NOTE';

export interface TicketMessageRecord extends OutboxFields {
  _id: string;
  tenantId: string;
  ticketId: string;
  /** Public messages and internal notes share the timeline; notes never leave the staff side. */
  kind: MessageKind;
  author: { kind: AuthorKind; id: string | null };
  channel: Channel;
  text: string;
  attachments: Attachment[];
  /**
   * Unique per tenant: `<channel>:<externalMessageId>` for intake (a retried delivery is one
   * message), `<ticketId>:first` for a ticket's first message, the message's own id otherwise.
   */
  dedupeKey: string;
  externalMessageId: string | null;
  createdAt: Date;
}

const attachmentSchema = new Schema<Attachment>(
  {
    name: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    url: { type: String, default: null },
  },
  { _id: false },
);

const messageSchema = withOutbox(
  new Schema<TicketMessageRecord>(
    {
      _id: { type: String, required: true },
      ticketId: { type: String, required: true, immutable: true },
      kind: { type: String, required: true, immutable: true },
      author: { kind: { type: String, required: true }, id: { type: String, default: null } },
      channel: { type: String, required: true },
      text: { type: String, default: '' },
      attachments: { type: [attachmentSchema], default: [] },
      dedupeKey: { type: String, required: true, immutable: true },
      externalMessageId: { type: String, default: null },
      createdAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'ticket_messages' },
  ),
);
messageSchema.index({ tenantId: 1, ticketId: 1, createdAt: 1, _id: 1 });
messageSchema.index({ tenantId: 1, dedupeKey: 1 }, { unique: true });
export const TicketMessageModel = defineModel('TicketMessage', messageSchema, 'tenant');

export interface TicketViewRecord {
  _id: string;
  tenantId: string;
  name: string;
  /** null: shared with the whole tenant; otherwise the agent whose personal view it is. */
  ownerId: string | null;
  filter: StoredFilter;
  sort: TicketSort;
  direction: SortDirection;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}
const viewSchema = new Schema<TicketViewRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    ownerId: { type: String, default: null },
    filter: { type: Schema.Types.Mixed, default: {} },
    sort: { type: String, required: true },
    direction: { type: String, required: true },
    position: { type: Number, default: 0 },
  },
  { versionKey: false, minimize: false, timestamps: true, collection: 'ticket_views' },
);
viewSchema.index({ tenantId: 1, ownerId: 1, position: 1 });
export const TicketViewModel = defineModel('TicketView', viewSchema, 'tenant');

export interface FieldOptionRecord {
  value: string;
  labelEn: string;
  labelZh: string;
}
export interface CustomFieldRecord {
  _id: string;
  tenantId: string;
  key: string;
  type: CustomFieldType;
  labelEn: string;
  labelZh: string;
  options: FieldOptionRecord[];
  requiredOnSolve: boolean;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}
const fieldSchema = new Schema<CustomFieldRecord>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true, immutable: true },
    type: { type: String, required: true, immutable: true },
    labelEn: { type: String, required: true },
    labelZh: { type: String, required: true },
    options: {
      type: [
        new Schema<FieldOptionRecord>({ value: String, labelEn: String, labelZh: String }, { _id: false }),
      ],
      default: [],
    },
    requiredOnSolve: { type: Boolean, default: false },
    position: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true, collection: 'ticket_custom_fields' },
);
fieldSchema.index({ tenantId: 1, key: 1 }, { unique: true });
export const CustomFieldModel = defineModel('TicketCustomField', fieldSchema, 'tenant');

export interface TicketSettingsRecord {
  tenantId: string;
  /** How long after solving a ticket may be reopened (by an agent or a customer's reply). */
  reopenWindowDays: number;
  /** Offer a satisfaction survey when a ticket is solved. */
  csatEnabled: boolean;
}
const settingsSchema = new Schema<TicketSettingsRecord>(
  {
    reopenWindowDays: { type: Number, required: true },
    csatEnabled: { type: Boolean, required: true },
  },
  { versionKey: false, collection: 'ticket_settings' },
);
settingsSchema.index({ tenantId: 1 }, { unique: true });
export const TicketSettingsModel = defineModel('TicketSettings', settingsSchema, 'tenant');

export const DEFAULT_SETTINGS = { reopenWindowDays: 7, csatEnabled: true } as const;

export const TICKET_MODELS = [
  TicketModel,
  TicketCounterModel,
  TicketMessageModel,
  TicketViewModel,
  CustomFieldModel,
  TicketSettingsModel,
] as const;
