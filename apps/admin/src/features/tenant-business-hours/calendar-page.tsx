import { CalendarOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/errors';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import { useFormatters } from '../../i18n/format';
import {
  CALENDAR_NAME_MAX_LENGTH,
  isMonth,
  monthIn,
  sameWeek,
  weekDraftOf,
  weekInput,
} from './calendar-rules';
import { DayModal, ImportModal, useZoneOptions } from './calendar-modals';
import { BusinessCalendarQuery, UpdateBusinessCalendarMutation } from './documents';
import { MonthView } from './month-view';
import { PreviewCard } from './preview-card';
import type { BusinessCalendar, WeekDraft } from './types';
import { useCanEditCalendars } from './use-calendar-role';
import { WeekEditor, useWeekProblemText } from './week-editor';

/** Name, zone and weekly hours, saved with the version read; a stale one reloads and says so. */
function SettingsCard({
  calendar,
  canEdit,
  onSaved,
  onError,
  conflict,
}: {
  calendar: BusinessCalendar;
  canEdit: boolean;
  onSaved: (c: BusinessCalendar) => void;
  onError: (err: unknown) => void;
  conflict: boolean;
}) {
  const { t } = useTranslation('tenant-business-hours');
  const feedback = useFeedback();
  const zones = useZoneOptions();
  const update = useMutation(UpdateBusinessCalendarMutation);
  const weekProblemText = useWeekProblemText();
  const [name, setName] = useState(calendar.name);
  const [zone, setZone] = useState(calendar.timeZone);
  const [week, setWeek] = useState<WeekDraft>(() => weekDraftOf(calendar));
  const [weekError, setWeekError] = useState<string | null>(null);
  // What the drafts started from: a newer calendar replaces drafts nobody touched (and all of them after a conflict).
  const base = useRef({ name: calendar.name, zone: calendar.timeZone, week: weekDraftOf(calendar) });
  useEffect(() => {
    const next = { name: calendar.name, zone: calendar.timeZone, week: weekDraftOf(calendar) };
    const prev = base.current;
    base.current = next;
    if (conflict || name === prev.name) setName(next.name);
    if (conflict || zone === prev.zone) setZone(next.zone);
    if (conflict || sameWeek(week, prev.week)) setWeek(next.week);
    // Only a newer calendar from the server resets the drafts.
  }, [calendar]);
  const changes = {
    ...(name.trim() !== calendar.name ? { name: name.trim() } : {}),
    ...(zone !== calendar.timeZone ? { timeZone: zone } : {}),
    ...(!sameWeek(week, weekDraftOf(calendar)) ? { week: weekInput(week) } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const save = async () => {
    if (!name.trim()) return;
    const problem = weekProblemText(week);
    setWeekError(problem);
    if (problem) return;
    try {
      const data = await update.run({ id: calendar.id, version: calendar.version, input: changes });
      feedback.success(t('businessHours.week.saved'));
      onSaved(data.updateBusinessCalendar);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Card title={t('businessHours.week.title')} data-testid="settings-card">
      <Flex vertical gap={16}>
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('businessHours.week.conflict')}
            data-testid="calendar-conflict"
          />
        ) : null}
        <Flex gap={16} wrap>
          <Flex vertical gap={4} style={{ minWidth: 260 }}>
            <Typography.Text strong>
              <label htmlFor="calendar-name">{t('businessHours.form.name')}</label>
            </Typography.Text>
            <Input
              id="calendar-name"
              value={name}
              maxLength={CALENDAR_NAME_MAX_LENGTH}
              disabled={!canEdit}
              status={name.trim() ? undefined : 'error'}
              onChange={(e) => setName(e.target.value)}
              data-testid="calendar-edit-name"
            />
            {name.trim() ? null : (
              <Typography.Text type="danger">{t('businessHours.form.nameRequired')}</Typography.Text>
            )}
          </Flex>
          <Flex vertical gap={4} style={{ minWidth: 300 }}>
            <Typography.Text strong id="calendar-zone-label">
              {t('businessHours.form.zone')}
            </Typography.Text>
            <Select
              showSearch
              value={zone}
              options={zones}
              optionFilterProp="label"
              disabled={!canEdit}
              aria-labelledby="calendar-zone-label"
              onChange={setZone}
              data-testid="calendar-edit-zone"
            />
          </Flex>
        </Flex>
        <WeekEditor value={week} onChange={setWeek} disabled={!canEdit} />
        {weekError ? <Alert type="error" showIcon role="alert" title={weekError} /> : null}
        {canEdit ? (
          <Space>
            <Button
              type="primary"
              disabled={!dirty}
              loading={update.loading}
              onClick={() => void save()}
              data-testid="calendar-save"
            >
              {t('businessHours.week.save')}
            </Button>
            {dirty ? (
              <Typography.Text type="warning">{t('businessHours.week.unsaved')}</Typography.Text>
            ) : null}
          </Space>
        ) : null}
      </Flex>
    </Card>
  );
}

function CalendarView({ initial, reload }: { initial: BusinessCalendar; reload: () => void }) {
  const { t } = useTranslation('tenant-business-hours');
  const fmt = useFormatters();
  const feedback = useFeedback();
  const canEdit = useCanEditCalendars();
  const update = useMutation(UpdateBusinessCalendarMutation);
  const [calendar, setCalendar] = useState(initial);
  const [conflict, setConflict] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [search, setSearch] = useSearchParams();
  useEffect(() => setCalendar(initial), [initial]);
  const thisMonth = monthIn(calendar.timeZone);
  const monthParam = search.get('month');
  const month = isMonth(monthParam) ? monthParam : thisMonth;
  const setMonth = (m: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('month', m);
        return next;
      },
      { replace: true },
    );
  const saved = (c: BusinessCalendar) => {
    setConflict(false);
    setCalendar(c);
  };
  const onError = (err: unknown) => {
    if (isApiError(err, 'CONFLICT')) {
      setConflict(true);
      setPicked(null);
      setImporting(false);
      reload();
      return;
    }
    feedback.error(err);
  };
  const makeDefault = async () => {
    try {
      const data = await update.run({
        id: calendar.id,
        version: calendar.version,
        input: { isDefault: true },
      });
      feedback.success(t('businessHours.list.madeDefault', { name: data.updateBusinessCalendar.name }));
      saved(data.updateBusinessCalendar);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <>
      <PageHeader
        title={calendar.name}
        subtitle={t('businessHours.detail.zone', { zone: calendar.timeZone })}
        crumbs={[{ title: t('businessHours.detail.back'), to: '/tenant/business-hours' }]}
        tags={calendar.isDefault ? <Tag color="gold">{t('businessHours.list.default')}</Tag> : null}
        extra={
          canEdit && !calendar.isDefault ? (
            <Button
              icon={<StarOutlined />}
              loading={update.loading}
              onClick={() => void makeDefault()}
              data-testid="calendar-make-default"
            >
              {t('businessHours.list.makeDefault')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {canEdit ? null : <Alert type="info" showIcon title={t('businessHours.list.readOnly')} />}
        <SettingsCard
          calendar={calendar}
          canEdit={canEdit}
          onSaved={saved}
          onError={onError}
          conflict={conflict}
        />
        <Card
          title={t('businessHours.month.title')}
          extra={
            canEdit ? (
              <Button
                icon={<CalendarOutlined />}
                onClick={() => setImporting(true)}
                data-testid="import-holidays"
              >
                {t('businessHours.import.button')}
              </Button>
            ) : null
          }
          data-testid="month-card"
        >
          <Flex vertical gap={12}>
            {canEdit ? (
              <Typography.Text type="secondary">{t('businessHours.month.help')}</Typography.Text>
            ) : null}
            {calendar.imports.length > 0 ? (
              <Flex gap={8} wrap data-testid="calendar-imports">
                {[...calendar.imports]
                  .sort((a, b) => a.year - b.year)
                  .map((i) => (
                    <Tag key={i.year} title={fmt.dateTime(i.importedAt)}>
                      {t('businessHours.list.importedYear', { year: i.year, version: i.dataVersion })}
                    </Tag>
                  ))}
              </Flex>
            ) : null}
            <MonthView
              calendar={calendar}
              month={month}
              onMonth={setMonth}
              today={thisMonth}
              onPick={canEdit ? setPicked : null}
            />
          </Flex>
        </Card>
        <PreviewCard calendar={calendar} />
      </Flex>
      {picked ? (
        <DayModal
          key={`${picked}-${calendar.version}`}
          calendar={calendar}
          date={picked}
          onClose={() => setPicked(null)}
          onSaved={(c) => {
            saved(c);
            setPicked(null);
          }}
          onError={onError}
        />
      ) : null}
      {canEdit ? (
        <ImportModal
          calendar={calendar}
          open={importing}
          thisYear={Number(thisMonth.slice(0, 4))}
          onClose={() => setImporting(false)}
          onImported={(c) => {
            saved(c);
            setImporting(false);
          }}
          onError={onError}
        />
      ) : null}
    </>
  );
}

export function CalendarPage() {
  const { id = '' } = useParams();
  const state = useQuery(BusinessCalendarQuery, { id });
  return (
    <QueryView state={state}>
      {(data) => <CalendarView initial={data.businessCalendar} reload={state.refetch} />}
    </QueryView>
  );
}
