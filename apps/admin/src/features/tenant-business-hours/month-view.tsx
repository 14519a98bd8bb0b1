import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WEEKDAYS,
  type DayInfo,
  type DayKind,
  dayInfo,
  formatHours,
  monthGrid,
  weekdayOf,
} from './calendar-rules';
import type { BusinessCalendar } from './types';

const TAG_COLOR: Record<DayKind, string | undefined> = {
  open: undefined,
  closed: undefined,
  holiday: 'red',
  partial: 'orange',
  workday: 'blue',
};

/** What a day shows: its kind's word (not for ordinary days) and its hours or "closed". */
function useDayText() {
  const { t } = useTranslation('tenant-business-hours');
  return (info: DayInfo) => {
    const hours = info.hours.length > 0 ? formatHours(info.hours) : t('businessHours.month.closed');
    const kind =
      info.kind === 'holiday'
        ? t('businessHours.month.holiday')
        : info.kind === 'partial'
          ? t('businessHours.month.partial')
          : info.kind === 'workday'
            ? t('businessHours.month.workday')
            : null;
    return { hours, kind };
  };
}

/**
 * A month of the calendar, Monday first: each day's open hours (or closed), holidays in red with
 * their name, make-up workdays highlighted with their hours, partial days. Days are buttons when
 * the viewer may change them.
 */
export function MonthView({
  calendar,
  month,
  onMonth,
  today,
  onPick,
}: {
  calendar: BusinessCalendar;
  /** "YYYY-MM". */
  month: string;
  onMonth: (month: string) => void;
  /** This month in the calendar's zone. */
  today: string;
  /** Null: read-only. */
  onPick: ((date: string) => void) | null;
}) {
  const { t, i18n } = useTranslation('tenant-business-hours');
  const { token } = theme.useToken();
  const text = useDayText();
  const zh = i18n.language.toLowerCase().startsWith('zh');
  const first = dayjs(`${month}-01`).locale(zh ? 'zh-cn' : 'en');
  const heading = first.format(zh ? 'YYYY年M月' : 'MMMM YYYY');
  const cellStyle = (kind: DayKind): CSSProperties => ({
    width: '100%',
    minHeight: 78,
    height: '100%',
    padding: 6,
    textAlign: 'left',
    display: 'flex',
    flexDirection: 'column',
    gap: 2,
    borderRadius: token.borderRadius,
    border: `1px solid ${kind === 'holiday' ? token.colorErrorBorder : kind === 'workday' ? token.colorPrimaryBorder : kind === 'partial' ? token.colorWarningBorder : token.colorBorderSecondary}`,
    background:
      kind === 'holiday'
        ? token.colorErrorBg
        : kind === 'workday'
          ? token.colorPrimaryBg
          : kind === 'partial'
            ? token.colorWarningBg
            : kind === 'closed'
              ? token.colorFillQuaternary
              : token.colorBgContainer,
    cursor: onPick ? 'pointer' : 'default',
    font: 'inherit',
    color: 'inherit',
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="month-heading" data-month={month}>
          {heading}
        </Typography.Title>
        <Flex gap={8}>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('businessHours.month.previous')}
            onClick={() => onMonth(first.subtract(1, 'month').format('YYYY-MM'))}
            data-testid="month-previous"
          />
          <Button onClick={() => onMonth(today)} disabled={month === today} data-testid="month-today">
            {t('businessHours.month.today')}
          </Button>
          <Button
            icon={<RightOutlined />}
            aria-label={t('businessHours.month.next')}
            onClick={() => onMonth(first.add(1, 'month').format('YYYY-MM'))}
            data-testid="month-next"
          />
        </Flex>
      </Flex>
      <Flex gap={8} wrap aria-label={t('businessHours.month.legend')}>
        <Tag color="red">{t('businessHours.month.holiday')}</Tag>
        <Tag color="orange">{t('businessHours.month.partial')}</Tag>
        <Tag color="blue">{t('businessHours.month.workday')}</Tag>
        <Tag>{t('businessHours.month.closed')}</Tag>
      </Flex>
      <table
        style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 4, tableLayout: 'fixed' }}
        data-testid="month-grid"
      >
        <caption style={{ position: 'absolute', left: -10000 }}>{heading}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th
                key={w}
                scope="col"
                abbr={t(`businessHours.week.days.${w}`)}
                style={{ fontWeight: 500, padding: 4 }}
              >
                {t(`businessHours.week.short.${w}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} />;
                const info = dayInfo(calendar, date);
                const { hours, kind } = text(info);
                const state = [kind, info.name, hours].filter(Boolean).join(' · ');
                const label = t('businessHours.month.dayLabel', {
                  date: `${date} ${t(`businessHours.week.days.${weekdayOf(date)}`)}`,
                  state,
                });
                const body = (
                  <>
                    <Flex justify="space-between" align="center">
                      <Typography.Text
                        strong
                        style={info.kind === 'holiday' ? { color: token.colorError } : undefined}
                      >
                        {Number(date.slice(8))}
                      </Typography.Text>
                      {kind ? (
                        <Tag color={TAG_COLOR[info.kind]} style={{ marginInlineEnd: 0, fontSize: 11 }}>
                          {info.kind === 'workday' ? (zh ? '班' : t('businessHours.month.workday')) : kind}
                        </Tag>
                      ) : null}
                    </Flex>
                    {info.name ? (
                      <Typography.Text
                        className="small"
                        ellipsis
                        style={info.kind === 'holiday' ? { color: token.colorError } : undefined}
                        data-testid="day-name-label"
                      >
                        {info.name}
                      </Typography.Text>
                    ) : null}
                    <Typography.Text
                      type={info.hours.length > 0 ? undefined : 'secondary'}
                      className="small mono"
                    >
                      {hours}
                    </Typography.Text>
                  </>
                );
                return (
                  <td key={date} style={{ verticalAlign: 'top', padding: 0 }}>
                    {onPick ? (
                      <button
                        type="button"
                        style={cellStyle(info.kind)}
                        aria-label={label}
                        onClick={() => onPick(date)}
                        data-testid={`day-${date}`}
                        data-kind={info.kind}
                      >
                        {body}
                      </button>
                    ) : (
                      <div
                        style={cellStyle(info.kind)}
                        aria-label={label}
                        role="group"
                        data-testid={`day-${date}`}
                        data-kind={info.kind}
                      >
                        {body}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Flex>
  );
}
