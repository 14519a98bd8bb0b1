import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, copyMondayToWeekdays, intervalsProblem, weekProblem } from './calendar-rules';
import type { Interval, WeekDraft, Weekday } from './types';

const NEW_INTERVAL: Interval = { start: '09:00', end: '18:00' };

/** One day's open intervals: start and end as "HH:MM", add and remove. */
export function IntervalsEditor({
  value,
  onChange,
  dayLabel,
  testId,
  disabled,
}: {
  value: Interval[];
  onChange: (next: Interval[]) => void;
  /** Names the day in the inputs' accessible names. */
  dayLabel: string;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('tenant-business-hours');
  const set = (index: number, patch: Partial<Interval>) =>
    onChange(value.map((h, i) => (i === index ? { ...h, ...patch } : h)));
  const last = value[value.length - 1];
  const next: Interval =
    last && last.end < '22:00'
      ? { start: last.end, end: last.end < '18:00' ? '18:00' : '24:00' }
      : NEW_INTERVAL;
  return (
    <Flex gap={12} wrap align="center">
      {value.map((h, i) => (
        <Flex key={i} gap={6} align="center" data-testid={`${testId}-interval`}>
          <Input
            className="mono"
            style={{ width: 86 }}
            value={h.start}
            maxLength={5}
            placeholder="09:00"
            disabled={disabled}
            aria-label={t('businessHours.week.start', { day: dayLabel, n: i + 1 })}
            onChange={(e) => set(i, { start: e.target.value })}
            data-testid={`${testId}-start-${i}`}
          />
          <span aria-hidden>–</span>
          <Input
            className="mono"
            style={{ width: 86 }}
            value={h.end}
            maxLength={5}
            placeholder="18:00"
            disabled={disabled}
            aria-label={t('businessHours.week.end', { day: dayLabel, n: i + 1 })}
            onChange={(e) => set(i, { end: e.target.value })}
            data-testid={`${testId}-end-${i}`}
          />
          {disabled ? null : (
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('businessHours.week.removeInterval', { n: i + 1 })}
              onClick={() => onChange(value.filter((_h, j) => j !== i))}
              data-testid={`${testId}-remove-${i}`}
            />
          )}
        </Flex>
      ))}
      {disabled ? null : (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => onChange([...value, next])}
          data-testid={`${testId}-add`}
        >
          {t('businessHours.week.addInterval')}
        </Button>
      )}
    </Flex>
  );
}

/** The message for a week the server would refuse, or null. */
export function useWeekProblemText(): (draft: WeekDraft) => string | null {
  const { t } = useTranslation('tenant-business-hours');
  return (draft) => {
    const problem = weekProblem(draft);
    if (!problem) return null;
    if (problem === 'neverOpen') return t('businessHours.week.problem.neverOpen');
    return t(`businessHours.week.problem.${problem.problem}`, {
      day: t(`businessHours.week.days.${problem.weekday}`),
    });
  };
}

/** All seven weekdays: closed, or open in one or more intervals; Monday can be copied to the other weekdays. */
export function WeekEditor({
  value,
  onChange,
  disabled,
}: {
  value: WeekDraft;
  onChange: (next: WeekDraft) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('tenant-business-hours');
  const setDay = (weekday: Weekday, hours: Interval[]) => onChange({ ...value, [weekday]: hours });
  return (
    <Flex vertical gap={12} data-testid="week-editor">
      <Typography.Text type="secondary">{t('businessHours.week.help')}</Typography.Text>
      {WEEKDAYS.map((weekday) => {
        const day = t(`businessHours.week.days.${weekday}`);
        const hours = value[weekday];
        const problem = intervalsProblem(hours);
        return (
          <Flex
            key={weekday}
            gap={16}
            align="flex-start"
            wrap
            role="group"
            aria-label={day}
            data-testid={`week-${weekday}`}
          >
            <Flex gap={8} align="center" style={{ width: 170, minHeight: 32 }}>
              <Switch
                size="small"
                checked={hours.length > 0}
                disabled={disabled}
                aria-label={t('businessHours.week.openSwitch', { day })}
                onChange={(open) => setDay(weekday, open ? [{ start: '09:00', end: '18:00' }] : [])}
                data-testid={`week-${weekday}-open`}
              />
              <Typography.Text strong>{day}</Typography.Text>
              {hours.length === 0 ? (
                <Typography.Text type="secondary">{t('businessHours.week.closed')}</Typography.Text>
              ) : null}
            </Flex>
            {hours.length > 0 ? (
              <Flex vertical gap={4}>
                <IntervalsEditor
                  value={hours}
                  onChange={(next) => setDay(weekday, next)}
                  dayLabel={day}
                  testId={`week-${weekday}`}
                  disabled={disabled}
                />
                {problem ? (
                  <Typography.Text type="danger" role="alert">
                    {t(`businessHours.week.problem.${problem}`, { day })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ) : null}
            {weekday === 'MONDAY' && !disabled ? (
              <Button
                size="small"
                icon={<CopyOutlined />}
                onClick={() => onChange(copyMondayToWeekdays(value))}
                data-testid="copy-monday"
              >
                {t('businessHours.week.copyMonday')}
              </Button>
            ) : null}
          </Flex>
        );
      })}
    </Flex>
  );
}
