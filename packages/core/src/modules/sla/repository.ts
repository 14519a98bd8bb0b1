import mongoose from 'mongoose';
import type { Database } from '../../platform/db/index.js';
import { CalendarModel, type CalendarRecord, type HoursRecord, type StoredCalendar } from './model.js';

export type CalendarFields = Pick<
  CalendarRecord,
  'name' | 'timeZone' | 'week' | 'dates' | 'imports' | 'isDefault'
>;

const toStored = <T extends { week?: HoursRecord[][] }>(fields: T) => {
  const { week, ...rest } = fields;
  return week ? { ...rest, weekdays: week.map((hours, day) => ({ day, hours })) } : rest;
};

function fromStored(doc: StoredCalendar): CalendarRecord;
function fromStored(doc: StoredCalendar | null): CalendarRecord | null;
function fromStored(doc: StoredCalendar | null): CalendarRecord | null {
  if (!doc) return null;
  const { weekdays, ...rest } = doc;
  const week: HoursRecord[][] = Array.from({ length: 7 }, () => []);
  for (const w of weekdays) week[w.day] = w.hours.map((h) => ({ start: h.start, end: h.end }));
  return { ...rest, week };
}

/** The only code that touches the calendar model; the tenancy plugin scopes every call. */
export class SlaRepository {
  constructor(private readonly db: Database) {}

  private get calendars() {
    return this.db.model(CalendarModel);
  }

  async create(id: string, fields: CalendarFields): Promise<CalendarRecord> {
    const doc = await this.calendars.create({ _id: id, ...toStored(fields), version: 1 });
    return fromStored(doc.toObject<StoredCalendar>());
  }
  count(): Promise<number> {
    return this.calendars.countDocuments({});
  }
  async list(): Promise<CalendarRecord[]> {
    const docs = await this.calendars
      .find({})
      .sort({ isDefault: -1, name: 1 })
      .limit(100)
      .lean<StoredCalendar[]>();
    return docs.map((d) => fromStored(d));
  }
  async find(id: string): Promise<CalendarRecord | null> {
    return fromStored(await this.calendars.findOne({ _id: id }).lean<StoredCalendar>());
  }
  /** The default calendar, else the oldest (a crash between the two writes of a default change leaves none). */
  async findDefault(): Promise<CalendarRecord | null> {
    return fromStored(
      (await this.calendars.findOne({ isDefault: true }).sort({ createdAt: 1 }).lean<StoredCalendar>()) ??
        (await this.calendars.findOne({}).sort({ createdAt: 1, _id: 1 }).lean<StoredCalendar>()),
    );
  }
  /** Writes the changes when `version` is still current; null when it is not (or the calendar is gone). */
  async update(
    id: string,
    version: number,
    changes: Partial<CalendarFields>,
  ): Promise<CalendarRecord | null> {
    const doc = await this.calendars
      .findOneAndUpdate(
        { _id: id, version },
        { $set: toStored(changes), $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<StoredCalendar>();
    return fromStored(doc);
  }
  /** Clears the default flag of every other calendar (before one becomes the default). */
  async clearDefaultExcept(id: string): Promise<void> {
    await this.calendars.updateMany(
      { isDefault: true, _id: mongoose.trusted({ $ne: id }) as unknown as string },
      { $set: { isDefault: false }, $inc: { version: 1 } },
    );
  }
  async remove(id: string): Promise<boolean> {
    const r = await this.calendars.deleteOne({ _id: id });
    return r.deletedCount === 1;
  }
}
