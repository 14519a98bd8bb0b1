import { Schema } from 'mongoose';
import { defineModel } from '../../platform/db/index.js';

export const DATE_KINDS = ['HOLIDAY', 'WORKDAY'] as const;
export type DateKind = (typeof DATE_KINDS)[number];
export const DATE_SOURCES = ['MANUAL', 'CHINA_IMPORT'] as const;
export type DateSource = (typeof DATE_SOURCES)[number];

/** Minutes since local midnight, [start, end). */
export interface HoursRecord {
  start: number;
  end: number;
}

/** A date whose hours differ from its weekday's: a holiday (closed or partly open) or a special workday. */
export interface CalendarDateRecord {
  date: string;
  kind: DateKind;
  name: string;
  hours: HoursRecord[];
  source: DateSource;
}

export interface ChinaImportRecord {
  year: number;
  dataVersion: string;
  importedAt: Date;
  holidays: number;
  workdays: number;
}

/** A tenant's business-hours calendar: the one definition SLA, automations and routing count time on. */
export interface CalendarRecord {
  _id: string;
  tenantId: string;
  name: string;
  timeZone: string;
  isDefault: boolean;
  /** Index 0 = Sunday … 6 = Saturday. */
  week: HoursRecord[][];
  dates: CalendarDateRecord[];
  imports: ChinaImportRecord[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** As stored: the week as seven documents (the database takes no arrays of arrays). */
export interface StoredCalendar extends Omit<CalendarRecord, 'week'> {
  weekdays: { day: number; hours: HoursRecord[] }[];
}

const hours = new Schema<HoursRecord>({ start: Number, end: Number }, { _id: false });

const calendarSchema = new Schema<StoredCalendar>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    timeZone: { type: String, required: true },
    isDefault: { type: Boolean, required: true },
    weekdays: {
      type: [
        new Schema(
          { day: { type: Number, required: true }, hours: { type: [hours], default: [] } },
          { _id: false },
        ),
      ],
      required: true,
    },
    dates: {
      type: [
        new Schema<CalendarDateRecord>(
          {
            date: { type: String, required: true },
            kind: { type: String, enum: DATE_KINDS, required: true },
            name: { type: String, default: '' },
            hours: { type: [hours], default: [] },
            source: { type: String, enum: DATE_SOURCES, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    imports: {
      type: [
        new Schema<ChinaImportRecord>(
          { year: Number, dataVersion: String, importedAt: Date, holidays: Number, workdays: Number },
          { _id: false },
        ),
      ],
      default: [],
    },
    version: { type: Number, required: true },
  },
  { timestamps: true, versionKey: false, collection: 'business_calendars' },
);
calendarSchema.index({ tenantId: 1, name: 1 }, { unique: true });
calendarSchema.index({ tenantId: 1, isDefault: 1 });

export const CalendarModel = defineModel('BusinessCalendar', calendarSchema, 'tenant');
