import { defineModule } from '../../platform/module.js';
import { auditModule } from '../audit/index.js';
import { CalendarsService } from './calendars-service.js';
import { SLA_ERRORS } from './errors.js';
import { slaResolvers, slaTypeDefs, slaTypePolicies, type SlaServices } from './graphql.js';
import { slaIds } from './ids.js';
import { CalendarModel } from './model.js';
import { SlaRepository } from './repository.js';

export { BusinessCalendar, type BusinessCalendarSpec, type OpenInterval } from './calendar/business-time.js';
export { chinaOverrides, chinaHolidayData } from './calendar/china-holidays.js';
export type { CalendarRecord } from './model.js';
export { SlaError, type SlaErrorCode } from './errors.js';

/**
 * Service levels on business time. Today: business-hours calendars (split shifts, holidays,
 * make-up workdays, China's official calendar imported) and the business-time engine every
 * module counts time with; SLA policies and timers build on them.
 */
export const slaModule = defineModule({
  create: ({ platform, use, port }): SlaServices => ({
    calendars: new CalendarsService(
      new SlaRepository(platform.db),
      use(auditModule),
      port('tenantDirectory'),
    ),
  }),
  name: 'sla',
  summary:
    'Service levels on business time: business-hours calendars with China’s holidays, the business-time engine',
  ids: slaIds,
  models: [CalendarModel],
  errors: SLA_ERRORS,
  scopes: {
    SLA_READ: "Read the tenant's business calendars and compute business time on them",
    SLA_WRITE: "Create, change, import holidays into and delete the tenant's business calendars",
  },
  graphql: { typeDefs: slaTypeDefs, typePolicies: slaTypePolicies, resolvers: slaResolvers },
  tenantData: { kind: 'models' },
});
