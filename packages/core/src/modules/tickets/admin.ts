import { z } from 'zod';
import { isDuplicateKeyError } from '../../platform/db/index.js';
import { notFound, PlatformError } from '../../platform/errors.js';
import { requireContext } from '../../platform/tenancy/context.js';
import { MAX_CUSTOM_FIELDS, type CreateFieldInput, type UpdateFieldInput } from './custom-fields.js';
import { TICKET_SORTS, SORT_DIRECTIONS } from './cursor.js';
import { TicketsError } from './errors.js';
import { storedFilter, ticketFilter } from './filters.js';
import { ticketsIds } from './ids.js';
import { singleLine } from './inputs.js';
import type { CustomFieldRecord, TicketViewRecord } from './model.js';
import { currentUserId, loadSettings, type TicketSettings, type TicketsDeps } from './support.js';

export const viewInput = z
  .object({
    name: singleLine(80),
    /** Shared with every agent of the tenant (supervisors and tenant admins); otherwise personal. */
    shared: z.boolean().nullish(),
    filter: ticketFilter.nullish(),
    sort: z.enum(TICKET_SORTS).nullish(),
    direction: z.enum(SORT_DIRECTIONS).nullish(),
    position: z.number().int().min(0).max(10_000).nullish(),
  })
  .strict();
export type ViewInput = z.infer<typeof viewInput>;

export const settingsInput = z
  .object({
    reopenWindowDays: z.number().int().min(0).max(90).nullish(),
    csatEnabled: z.boolean().nullish(),
  })
  .strict();
export type SettingsInput = z.infer<typeof settingsInput>;

const MAX_VIEWS = 100;

const canShare = (): boolean => {
  const p = requireContext().principal;
  return p.kind === 'user' && (p.tenantRole === 'TENANT_ADMIN' || p.tenantRole === 'SUPERVISOR');
};

/** Custom field definitions, saved views and the tenant's ticket settings. */
export class TicketsAdminService {
  constructor(private readonly d: TicketsDeps) {}

  // --- custom fields (tenant admins) --------------------------------------------------------------

  listFields(): Promise<CustomFieldRecord[]> {
    return this.d.repo.listFields();
  }

  async createField(input: CreateFieldInput): Promise<CustomFieldRecord> {
    if ((await this.d.repo.countFields()) >= MAX_CUSTOM_FIELDS) {
      throw new TicketsError(
        'TICKETS_LIMIT_REACHED',
        `A tenant has at most ${MAX_CUSTOM_FIELDS} custom fields`,
      );
    }
    try {
      const f = await this.d.repo.insertField({
        _id: ticketsIds.next('tcf'),
        key: input.key,
        type: input.type,
        labelEn: input.labelEn,
        labelZh: input.labelZh,
        options: input.options,
        requiredOnSolve: input.requiredOnSolve,
        position: input.position ?? 0,
      });
      await this.d.audit.record({
        action: 'ticket_field.created',
        targetType: 'ticket_field',
        targetId: f._id,
        after: fieldSnapshot(f),
      });
      return f;
    } catch (e) {
      if (isDuplicateKeyError(e))
        throw new TicketsError('CUSTOM_FIELD_KEY_TAKEN', `A custom field "${input.key}" already exists`);
      throw e;
    }
  }

  async getField(id: string): Promise<CustomFieldRecord> {
    const f = await this.d.repo.findField(id);
    if (!f) throw notFound('Custom field');
    return f;
  }

  async updateField(id: string, input: UpdateFieldInput): Promise<CustomFieldRecord> {
    const before = await this.d.repo.findField(id);
    if (!before) throw notFound('Custom field');
    if (
      input.options &&
      (before.type === 'SELECT' || before.type === 'MULTI_SELECT') &&
      input.options.length === 0
    ) {
      throw new PlatformError('VALIDATION_FAILED', 'Some fields are not valid', {
        issues: [{ path: 'input.options', message: 'A select field needs at least one option' }],
      });
    }
    if (
      input.options &&
      before.type !== 'SELECT' &&
      before.type !== 'MULTI_SELECT' &&
      input.options.length > 0
    ) {
      throw new PlatformError('VALIDATION_FAILED', 'Some fields are not valid', {
        issues: [{ path: 'input.options', message: 'Only select fields have options' }],
      });
    }
    const set: Partial<CustomFieldRecord> = {};
    if (input.labelEn != null) set.labelEn = input.labelEn;
    if (input.labelZh != null) set.labelZh = input.labelZh;
    if (input.options != null) set.options = input.options;
    if (input.requiredOnSolve != null) set.requiredOnSolve = input.requiredOnSolve;
    if (input.position != null) set.position = input.position;
    const after = await this.d.repo.updateField(id, set);
    if (!after) throw notFound('Custom field');
    await this.d.audit.record({
      action: 'ticket_field.updated',
      targetType: 'ticket_field',
      targetId: id,
      before: fieldSnapshot(before),
      after: fieldSnapshot(after),
    });
    return after;
  }

  /** Removes a definition; values already on tickets stay stored but are no longer shown or checked. */
  async deleteField(id: string): Promise<void> {
    const before = await this.d.repo.findField(id);
    if (!before || !(await this.d.repo.deleteField(id))) throw notFound('Custom field');
    await this.d.audit.record({
      action: 'ticket_field.deleted',
      targetType: 'ticket_field',
      targetId: id,
      before: fieldSnapshot(before),
    });
  }

  // --- views ------------------------------------------------------------------------------------

  /** Shared views, then the caller's own (API keys see the shared ones). */
  listViews(): Promise<TicketViewRecord[]> {
    const me = currentUserId();
    return this.d.repo.listViews(me ? [null, me] : [null]);
  }

  /** A view the caller may use: shared, or their own. Someone else's personal view is not found. */
  async getView(id: string): Promise<TicketViewRecord> {
    const v = await this.d.repo.findView(id);
    if (!v || (v.ownerId !== null && v.ownerId !== currentUserId())) throw notFound('View');
    return v;
  }

  async createView(input: ViewInput): Promise<TicketViewRecord> {
    const me = currentUserId();
    if (!me) throw new PlatformError('FORBIDDEN', 'Views belong to agents');
    if (input.shared && !canShare())
      throw new PlatformError('FORBIDDEN', 'Only supervisors and tenant admins share views');
    const ownerId = input.shared ? null : me;
    if ((await this.d.repo.countViews(ownerId)) >= MAX_VIEWS) {
      throw new TicketsError('TICKETS_LIMIT_REACHED', `At most ${MAX_VIEWS} views`);
    }
    const v = await this.d.repo.insertView({
      _id: ticketsIds.next('tvw'),
      name: input.name,
      ownerId,
      filter: storedFilter(input.filter),
      sort: input.sort ?? 'UPDATED_AT',
      direction: input.direction ?? 'DESC',
      position: input.position ?? 0,
    });
    await this.d.audit.record({
      action: 'ticket_view.created',
      targetType: 'ticket_view',
      targetId: v._id,
      after: viewSnapshot(v),
    });
    return v;
  }

  async updateView(id: string, input: ViewInput): Promise<TicketViewRecord> {
    const before = await this.editableView(id);
    if (input.shared != null && input.shared !== (before.ownerId === null)) {
      throw new PlatformError('VALIDATION_FAILED', 'Some fields are not valid', {
        issues: [{ path: 'input.shared', message: 'Create a new view to share or unshare it' }],
      });
    }
    const after = await this.d.repo.updateView(id, {
      name: input.name,
      filter: storedFilter(input.filter),
      sort: input.sort ?? before.sort,
      direction: input.direction ?? before.direction,
      position: input.position ?? before.position,
    });
    if (!after) throw notFound('View');
    await this.d.audit.record({
      action: 'ticket_view.updated',
      targetType: 'ticket_view',
      targetId: id,
      before: viewSnapshot(before),
      after: viewSnapshot(after),
    });
    return after;
  }

  async deleteView(id: string): Promise<void> {
    const before = await this.editableView(id);
    if (!(await this.d.repo.deleteView(id))) throw notFound('View');
    await this.d.audit.record({
      action: 'ticket_view.deleted',
      targetType: 'ticket_view',
      targetId: id,
      before: viewSnapshot(before),
    });
  }

  private async editableView(id: string): Promise<TicketViewRecord> {
    const v = await this.getView(id);
    if (v.ownerId === null && !canShare())
      throw new PlatformError('FORBIDDEN', 'Only supervisors and tenant admins change shared views');
    return v;
  }

  // --- settings ---------------------------------------------------------------------------------

  settings(): Promise<TicketSettings> {
    return loadSettings(this.d.repo);
  }

  async updateSettings(input: SettingsInput): Promise<TicketSettings> {
    const before = await loadSettings(this.d.repo);
    const next: TicketSettings = {
      reopenWindowDays: input.reopenWindowDays ?? before.reopenWindowDays,
      csatEnabled: input.csatEnabled ?? before.csatEnabled,
    };
    await this.d.repo.upsertSettings(next);
    await this.d.audit.record({
      action: 'ticket_settings.updated',
      targetType: 'ticket_settings',
      targetId: 'tickets',
      before,
      after: next,
    });
    return next;
  }
}

const fieldSnapshot = (f: CustomFieldRecord) => ({
  key: f.key,
  type: f.type,
  labelEn: f.labelEn,
  labelZh: f.labelZh,
  options: f.options.map((o) => o.value),
  requiredOnSolve: f.requiredOnSolve,
});
const viewSnapshot = (v: TicketViewRecord) => ({
  name: v.name,
  shared: v.ownerId === null,
  filter: v.filter,
  sort: v.sort,
  direction: v.direction,
});
