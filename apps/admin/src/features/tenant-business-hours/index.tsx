import { FieldTimeOutlined } from '@ant-design/icons';
import { defineFeature } from '../feature';
import { CalendarPage } from './calendar-page';
import { CalendarsPage } from './calendars-page';
import { en, zhCN } from './messages';

/**
 * Business hours: the tenant's calendars of open hours that SLA targets, time rules and queue
 * hours count business time on — weekly hours with split shifts, holidays and make-up workdays
 * (China's official ones imported per year), a month view and a due-time preview. Tenant admins
 * change them; supervisors read them.
 */
export const tenantBusinessHoursFeature = defineFeature({
  namespace: 'tenant-business-hours',
  messages: { en, 'zh-CN': zhCN },
  routes: [
    { path: '/tenant/business-hours', element: <CalendarsPage />, areas: ['tenantAdmin', 'supervisor'] },
    { path: '/tenant/business-hours/:id', element: <CalendarPage />, areas: ['tenantAdmin', 'supervisor'] },
  ],
  menu: [
    {
      key: 'tenant-business-hours',
      path: '/tenant/business-hours',
      label: 'nav.businessHours',
      icon: <FieldTimeOutlined />,
      areas: ['tenantAdmin', 'supervisor'],
      order: 43,
    },
  ],
});
