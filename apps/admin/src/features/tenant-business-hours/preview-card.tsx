import { Alert, Button, Card, DatePicker, Flex, Form, InputNumber, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/error-result';
import { useQuery } from '../../data/use-query';
import { formatZoned, isoLocal, zonedInstant } from './calendar-rules';
import { BusinessTimePreviewQuery } from './documents';
import type { BusinessCalendar } from './types';

type Unit = 'minutes' | 'hours';

interface PreviewValues {
  from: Dayjs | null;
  amount: number | null;
  unit: Unit;
}

interface Asked {
  from: string;
  minutes: number;
  amount: number;
  unit: Unit;
}

/** "A ticket arriving … with an N-business-minute target is due …", on the calendar as saved. */
export function PreviewCard({ calendar }: { calendar: BusinessCalendar }) {
  const { t, i18n } = useTranslation('tenant-business-hours');
  const [form] = Form.useForm<PreviewValues>();
  const [asked, setAsked] = useState<Asked | null>(null);
  const zone = calendar.timeZone;
  const state = useQuery(
    BusinessTimePreviewQuery,
    { calendarId: calendar.id, from: asked?.from ?? '', minutes: asked?.minutes ?? 0 },
    { skip: !asked },
  );
  // Recount when the calendar changes under a shown answer.
  const { refetch } = state;
  const shown = asked !== null;
  const seenVersion = useRef(calendar.version);
  useEffect(() => {
    if (seenVersion.current === calendar.version) return;
    seenVersion.current = calendar.version;
    if (shown) refetch();
  }, [calendar.version, shown, refetch]);
  const submit = async () => {
    const values = await form.validateFields();
    if (!values.from || !values.amount) return;
    const from = zonedInstant(values.from.format('YYYY-MM-DD HH:mm'), zone);
    if (!from) return;
    const minutes = values.unit === 'hours' ? Math.round(values.amount * 60) : Math.round(values.amount);
    setAsked({ from, minutes, amount: values.amount, unit: values.unit });
  };
  const result = asked && state.data ? state.data.businessTimePreview : null;
  const unitText = (unit: Unit) => t(`businessHours.preview.${unit}`);
  return (
    <Card title={t('businessHours.preview.title')} data-testid="preview-card">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('businessHours.preview.help')}</Typography.Text>
        <Form
          form={form}
          layout="inline"
          requiredMark={false}
          initialValues={{ amount: 30, unit: 'minutes' }}
          onFinish={() => void submit()}
        >
          <Form.Item
            name="from"
            label={t('businessHours.preview.from', { zone })}
            rules={[{ required: true, message: t('businessHours.preview.fromRequired') }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              needConfirm={false}
              data-testid="preview-from"
            />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('businessHours.preview.amount')}
            rules={[
              { required: true, type: 'number', min: 1, message: t('businessHours.preview.amountRequired') },
            ]}
          >
            <InputNumber min={1} max={100000} data-testid="preview-amount" />
          </Form.Item>
          <Form.Item name="unit" label={t('businessHours.preview.unit')}>
            <Select<Unit>
              style={{ width: 180 }}
              options={(['minutes', 'hours'] as const).map((u) => ({ value: u, label: unitText(u) }))}
              data-testid="preview-unit"
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={state.loading && !!asked}
              data-testid="preview-run"
            >
              {t('businessHours.preview.run')}
            </Button>
          </Form.Item>
        </Form>
        {asked && state.error ? <ErrorResult error={state.error} onRetry={state.refetch} compact /> : null}
        {asked && result && !state.error ? (
          <Alert
            type="success"
            role="status"
            data-testid="preview-result"
            data-due={isoLocal(result.due, zone)}
            title={t('businessHours.preview.result', {
              from: formatZoned(result.from, zone, i18n.language),
              amount: asked.amount,
              unit: unitText(asked.unit),
              due: formatZoned(result.due, zone, i18n.language),
            })}
            description={
              !result.openAtStart && result.nextOpen
                ? t('businessHours.preview.closedAtStart', {
                    next: formatZoned(result.nextOpen, zone, i18n.language),
                  })
                : undefined
            }
          />
        ) : null}
      </Flex>
    </Card>
  );
}
