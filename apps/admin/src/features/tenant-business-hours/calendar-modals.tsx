import { Alert, Checkbox, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerIssues } from '../../components/form-errors';
import { ModalFooter } from '../../components/modal-footer';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { allTimeZones, offsetLabel } from '../../data/time-zones';
import { useFormatters } from '../../i18n/format';
import {
  CALENDAR_NAME_MAX_LENGTH,
  DATE_NAME_MAX_LENGTH,
  dayInfo,
  defaultWeek,
  formatHours,
  importYears,
  intervalsProblem,
  weekInput,
  weekdayOf,
} from './calendar-rules';
import {
  ChinaHolidayDataQuery,
  CreateBusinessCalendarMutation,
  ImportChinaHolidaysMutation,
  SetCalendarDatesMutation,
} from './documents';
import type { BusinessCalendar, Interval, WeekDraft } from './types';
import { IntervalsEditor, WeekEditor, useWeekProblemText } from './week-editor';

/** Server issue paths ("input.week.2.hours") onto the form's fields. */
export function calendarFieldOf(path: string): (string | number)[] | null {
  const field = path.replace(/^input\./, '').split('.')[0];
  if (field === 'name' || field === 'timeZone') return [field];
  if (field === 'week') return ['week'];
  return null;
}

/** Time zones with their current offset, common ones first. */
export function useZoneOptions() {
  return useMemo(() => allTimeZones().map((z) => ({ value: z, label: `${z}  (${offsetLabel(z)})` })), []);
}

interface CreateValues {
  name: string;
  timeZone: string;
  isDefault?: boolean;
}

export function CreateCalendarModal({
  open,
  first,
  defaultZone,
  onClose,
}: {
  open: boolean;
  /** No calendar yet: this one becomes the default anyway. */
  first: boolean;
  defaultZone: string;
  /** Closed; with the new calendar once one was created. */
  onClose: (created: BusinessCalendar | null) => void;
}) {
  const { t } = useTranslation('tenant-business-hours');
  const [form] = Form.useForm<CreateValues>();
  const create = useMutation(CreateBusinessCalendarMutation);
  const feedback = useFeedback();
  const zones = useZoneOptions();
  const [week, setWeek] = useState<WeekDraft>(defaultWeek);
  const [weekError, setWeekError] = useState<string | null>(null);
  const weekProblemText = useWeekProblemText();
  const close = (created: BusinessCalendar | null) => {
    setWeek(defaultWeek());
    setWeekError(null);
    onClose(created);
  };
  const submit = async () => {
    const values = await form.validateFields();
    const problem = weekProblemText(week);
    setWeekError(problem);
    if (problem) return;
    try {
      const data = await create.run({
        input: {
          name: values.name.trim(),
          timeZone: values.timeZone,
          week: weekInput(week),
          ...(values.isDefault ? { isDefault: true } : {}),
        },
      });
      feedback.success(t('businessHours.list.created', { name: data.createBusinessCalendar.name }));
      close(data.createBusinessCalendar);
    } catch (err) {
      if (applyServerIssues(form, err, calendarFieldOf).length === 0) feedback.error(err);
    }
  };
  return (
    <Modal
      open={open}
      width={900}
      title={t('businessHours.list.createTitle')}
      onCancel={() => close(null)}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <ModalFooter
          onClose={() => close(null)}
          action={t('businessHours.list.create')}
          onAction={submit}
          loading={create.loading}
          actionTestId="calendar-submit"
        />
      }
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        initialValues={{ timeZone: defaultZone, isDefault: first }}
      >
        <Form.Item
          name="name"
          label={t('businessHours.form.name')}
          rules={[{ required: true, whitespace: true, message: t('businessHours.form.nameRequired') }]}
        >
          <Input
            maxLength={CALENDAR_NAME_MAX_LENGTH}
            placeholder={t('businessHours.form.namePlaceholder')}
            data-testid="calendar-name"
          />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('businessHours.form.zone')}
          extra={t('businessHours.form.zoneHelp')}
          rules={[{ required: true, message: t('businessHours.form.zoneRequired') }]}
        >
          <Select showSearch options={zones} optionFilterProp="label" data-testid="calendar-zone" />
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox disabled={first} data-testid="calendar-default">
            {t('businessHours.form.isDefault')}
          </Checkbox>
        </Form.Item>
        <Form.Item
          label={t('businessHours.form.week')}
          validateStatus={weekError ? 'error' : undefined}
          help={weekError ?? undefined}
        >
          <WeekEditor value={week} onChange={setWeek} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type DayChoice = 'normal' | 'holidayClosed' | 'holidayPartial' | 'workday';

/** Edits one date: a closed holiday, a partly open holiday, a special workday with hours, or back to normal. */
export function DayModal({
  calendar,
  date,
  onClose,
  onSaved,
  onError,
}: {
  calendar: BusinessCalendar;
  date: string | null;
  onClose: () => void;
  onSaved: (calendar: BusinessCalendar) => void;
  /** A refused save (a stale version reloads the page). */
  onError: (err: unknown) => void;
}) {
  const { t } = useTranslation('tenant-business-hours');
  const feedback = useFeedback();
  const save = useMutation(SetCalendarDatesMutation);
  const info = date ? dayInfo(calendar, date) : null;
  const initialChoice: DayChoice =
    info?.kind === 'holiday'
      ? 'holidayClosed'
      : info?.kind === 'partial'
        ? 'holidayPartial'
        : info?.kind === 'workday'
          ? 'workday'
          : 'normal';
  const [choice, setChoice] = useState<DayChoice>(initialChoice);
  const [name, setName] = useState(info?.name ?? '');
  const [hours, setHours] = useState<Interval[]>(
    info?.set && info.hours.length > 0 ? info.hours : [{ start: '09:00', end: '12:00' }],
  );
  const [problem, setProblem] = useState<string | null>(null);
  if (!date || !info) return null;
  const weekday = weekdayOf(date);
  const weekdayName = t(`businessHours.week.days.${weekday}`);
  const weekly = calendar.week.find((w) => w.weekday === weekday)?.hours ?? [];
  const submit = async () => {
    const withHours = choice === 'holidayPartial' || choice === 'workday';
    if (withHours) {
      const p = hours.length === 0 ? 'required' : intervalsProblem(hours);
      if (p) {
        setProblem(
          p === 'required'
            ? t('businessHours.day.hoursRequired')
            : t(`businessHours.week.problem.${p}`, { day: date }),
        );
        return;
      }
    }
    setProblem(null);
    try {
      const data = await save.run(
        choice === 'normal'
          ? { id: calendar.id, version: calendar.version, dates: [], remove: [date] }
          : {
              id: calendar.id,
              version: calendar.version,
              dates: [
                {
                  date,
                  kind: choice === 'workday' ? 'WORKDAY' : 'HOLIDAY',
                  name: name.trim(),
                  hours: withHours ? hours.map((h) => ({ start: h.start.trim(), end: h.end.trim() })) : [],
                },
              ],
            },
      );
      feedback.success(t('businessHours.day.saved', { date }));
      onSaved(data.setCalendarDates);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Modal
      open
      title={t('businessHours.day.title', { date: `${date} ${weekdayName}` })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onClose={onClose}
          action={t('businessHours.week.save')}
          onAction={submit}
          loading={save.loading}
          actionTestId="day-submit"
        />
      }
    >
      <Flex vertical gap={12} data-testid="day-modal">
        <Typography.Text type="secondary">
          {t('businessHours.day.weekly', {
            weekday: weekdayName,
            hours: weekly.length > 0 ? formatHours(weekly) : t('businessHours.month.closed'),
          })}
        </Typography.Text>
        {info.set?.source === 'CHINA_IMPORT' ? (
          <Alert type="info" showIcon title={t('businessHours.day.imported')} />
        ) : null}
        <Flex vertical gap={4}>
          <Typography.Text strong id="day-kind-label">
            {t('businessHours.day.kind')}
          </Typography.Text>
          <Radio.Group
            value={choice}
            onChange={(e) => setChoice(e.target.value as DayChoice)}
            aria-labelledby="day-kind-label"
            data-testid="day-kind"
          >
            <Flex vertical gap={4}>
              <Radio value="normal" data-testid="day-kind-normal">
                {t('businessHours.day.normal')}
              </Radio>
              <Radio value="holidayClosed" data-testid="day-kind-holidayClosed">
                {t('businessHours.day.holidayClosed')}
              </Radio>
              <Radio value="holidayPartial" data-testid="day-kind-holidayPartial">
                {t('businessHours.day.holidayPartial')}
              </Radio>
              <Radio value="workday" data-testid="day-kind-workday">
                {t('businessHours.day.workday')}
              </Radio>
            </Flex>
          </Radio.Group>
        </Flex>
        {choice !== 'normal' ? (
          <Flex vertical gap={4}>
            <Typography.Text strong>
              <label htmlFor="day-name">{t('businessHours.day.name')}</label>
            </Typography.Text>
            <Input
              id="day-name"
              value={name}
              maxLength={DATE_NAME_MAX_LENGTH}
              placeholder={t('businessHours.day.namePlaceholder')}
              onChange={(e) => setName(e.target.value)}
              data-testid="day-name"
            />
          </Flex>
        ) : null}
        {choice === 'holidayPartial' || choice === 'workday' ? (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('businessHours.day.hours')}</Typography.Text>
            <IntervalsEditor value={hours} onChange={setHours} dayLabel={date} testId="day" />
          </Flex>
        ) : null}
        {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
      </Flex>
    </Modal>
  );
}

/** Imports a year of mainland China's official holidays and make-up workdays. */
export function ImportModal({
  calendar,
  open,
  thisYear,
  onClose,
  onImported,
  onError,
}: {
  calendar: BusinessCalendar;
  open: boolean;
  thisYear: number;
  onClose: () => void;
  onImported: (calendar: BusinessCalendar) => void;
  onError: (err: unknown) => void;
}) {
  const { t } = useTranslation('tenant-business-hours');
  const fmt = useFormatters();
  const feedback = useFeedback();
  const data = useQuery(ChinaHolidayDataQuery, {}, { skip: !open });
  const run = useMutation(ImportChinaHolidaysMutation);
  const years = importYears(data.data?.chinaHolidayData.years ?? [], thisYear);
  const available = years.filter((y) => y.available).map((y) => y.year);
  const fallback = available.includes(thisYear) ? thisYear : (available[available.length - 1] ?? null);
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked ?? fallback;
  const previous = calendar.imports.find((i) => i.year === year);
  const missingNext = years.find((y) => !y.available);
  const submit = async () => {
    if (year === null) return;
    try {
      const result = await run.run({ id: calendar.id, year });
      const imported = result.importChinaHolidays.imports.find((i) => i.year === year);
      feedback.success(
        t('businessHours.import.done', {
          year,
          holidays: imported?.holidays ?? 0,
          workdays: imported?.workdays ?? 0,
        }),
      );
      onImported(result.importChinaHolidays);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Modal
      open={open}
      title={t('businessHours.import.title')}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setPicked(null)}
      footer={
        <ModalFooter
          onClose={onClose}
          action={t('businessHours.import.submit')}
          onAction={submit}
          loading={run.loading}
          disabled={year === null}
          actionTestId="import-submit"
        />
      }
    >
      <Flex vertical gap={12} data-testid="import-modal">
        <Typography.Text>{t('businessHours.import.body')}</Typography.Text>
        <Flex vertical gap={4}>
          <Typography.Text strong id="import-year-label">
            {t('businessHours.import.year')}
          </Typography.Text>
          <Select<number>
            value={year ?? undefined}
            loading={data.loading}
            aria-labelledby="import-year-label"
            onChange={setPicked}
            style={{ width: 240 }}
            options={years.map((y) => ({
              value: y.year,
              disabled: !y.available,
              label: y.available ? String(y.year) : `${y.year} · ${t('businessHours.import.notPublished')}`,
            }))}
            data-testid="import-year"
          />
          {missingNext ? (
            <Typography.Text type="secondary" className="small">
              {t('businessHours.import.notPublishedHelp')}
            </Typography.Text>
          ) : null}
        </Flex>
        {data.data ? (
          <Typography.Text type="secondary" data-testid="import-data-version">
            {t('businessHours.import.dataVersion', { version: data.data.chinaHolidayData.dataVersion })}
          </Typography.Text>
        ) : null}
        {previous ? (
          <Alert
            type="warning"
            showIcon
            data-testid="import-reimport"
            title={t('businessHours.import.reimport', {
              year: previous.year,
              at: fmt.dateTime(previous.importedAt, calendar.timeZone),
              version: previous.dataVersion,
            })}
          />
        ) : null}
      </Flex>
    </Modal>
  );
}
