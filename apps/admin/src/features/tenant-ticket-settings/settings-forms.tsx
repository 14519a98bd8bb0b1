import { Button, Card, Checkbox, Flex, Form, InputNumber, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerIssues } from '../../components/form-errors';
import { QueryView } from '../../components/query-view';
import { useFeedback } from '../../components/use-feedback';
import { useMutation, useQuery } from '../../data/use-query';
import {
  CustomerSettingsQuery,
  TicketSettingsQuery,
  UpdateCustomerSettingsMutation,
  UpdateTicketSettingsMutation,
} from './documents';
import { type CustomerPiiField, PII_FIELDS, REOPEN_WINDOW_DAYS } from './field-rules';

interface TicketSettingsValues {
  reopenWindowDays: number;
  csatEnabled: boolean;
}

/** Save, and a note while the form differs from what was last loaded or saved. */
function SaveBar({ dirty, loading, testId }: { dirty: boolean; loading: boolean; testId: string }) {
  const { t } = useTranslation('tenant-ticket-settings');
  return (
    <Flex gap={12} align="center">
      <Button type="primary" htmlType="submit" loading={loading} disabled={!dirty} data-testid={testId}>
        {t('common.save')}
      </Button>
      {dirty ? (
        <Typography.Text type="secondary" aria-live="polite">
          {t('ticketAdmin.unsaved')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function TicketSettingsForm({ saved: initial }: { saved: TicketSettingsValues }) {
  const { t } = useTranslation('tenant-ticket-settings');
  const [form] = Form.useForm<TicketSettingsValues>();
  const update = useMutation(UpdateTicketSettingsMutation);
  const feedback = useFeedback();
  const [saved, setSaved] = useState(initial);
  const values = Form.useWatch([], form);
  const dirty =
    values !== undefined &&
    (values.reopenWindowDays !== saved.reopenWindowDays || values.csatEnabled !== saved.csatEnabled);

  const submit = async (next: TicketSettingsValues) => {
    try {
      const data = await update.run({
        input: { reopenWindowDays: next.reopenWindowDays, csatEnabled: next.csatEnabled },
      });
      setSaved(data.updateTicketSettings);
      form.setFieldsValue(data.updateTicketSettings);
      feedback.success(t('ticketAdmin.tickets.saved'));
    } catch (err) {
      const marked = applyServerIssues(form, err, (path) => {
        const field = path.replace(/^input\./, '');
        return field === 'reopenWindowDays' || field === 'csatEnabled' ? [field] : null;
      });
      if (marked.length === 0) feedback.error(err);
    }
  };

  return (
    <Form<TicketSettingsValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={initial}
      onFinish={(next) => void submit(next)}
      data-testid="ticket-settings-form"
      style={{ maxWidth: 640 }}
    >
      <Form.Item
        name="reopenWindowDays"
        label={t('ticketAdmin.tickets.reopenWindow')}
        extra={t('ticketAdmin.tickets.reopenWindowHelp')}
        rules={[
          {
            required: true,
            type: 'integer',
            min: REOPEN_WINDOW_DAYS.min,
            max: REOPEN_WINDOW_DAYS.max,
            message: t('validation.intRange', { min: REOPEN_WINDOW_DAYS.min, max: REOPEN_WINDOW_DAYS.max }),
          },
        ]}
      >
        <InputNumber
          min={REOPEN_WINDOW_DAYS.min}
          max={REOPEN_WINDOW_DAYS.max}
          precision={0}
          suffix={t('ticketAdmin.tickets.days')}
          style={{ width: 180 }}
          data-testid="reopen-window-days"
        />
      </Form.Item>
      <Form.Item
        name="csatEnabled"
        label={t('ticketAdmin.tickets.csat')}
        extra={t('ticketAdmin.tickets.csatHelp')}
        valuePropName="checked"
      >
        <Switch data-testid="csat-enabled" />
      </Form.Item>
      <SaveBar dirty={dirty} loading={update.loading} testId="ticket-settings-save" />
    </Form>
  );
}

/** How solved tickets reopen and whether customers are surveyed. */
export function TicketSettingsTab() {
  const { t } = useTranslation('tenant-ticket-settings');
  const state = useQuery(TicketSettingsQuery, {});
  return (
    <QueryView state={state} skeletonRows={4}>
      {({ ticketSettings }) => (
        <Card title={t('ticketAdmin.tickets.title')}>
          <TicketSettingsForm saved={ticketSettings} />
        </Card>
      )}
    </QueryView>
  );
}

interface CustomerSettingsValues {
  agentRevealFields: CustomerPiiField[];
}

const sameFields = (a: readonly CustomerPiiField[], b: readonly CustomerPiiField[]) =>
  a.length === b.length && a.every((f) => b.includes(f));

function CustomerSettingsForm({ saved: initial }: { saved: CustomerSettingsValues }) {
  const { t } = useTranslation('tenant-ticket-settings');
  const [form] = Form.useForm<CustomerSettingsValues>();
  const update = useMutation(UpdateCustomerSettingsMutation);
  const feedback = useFeedback();
  const [saved, setSaved] = useState(initial);
  const chosen = Form.useWatch('agentRevealFields', form);
  const dirty = chosen !== undefined && !sameFields(chosen, saved.agentRevealFields);

  const submit = async (next: CustomerSettingsValues) => {
    // in the form's order, whatever order they were ticked in
    const agentRevealFields = PII_FIELDS.filter((f) => next.agentRevealFields.includes(f));
    try {
      const data = await update.run({ agentRevealFields });
      setSaved(data.updateCustomerSettings);
      form.setFieldsValue(data.updateCustomerSettings);
      feedback.success(t('ticketAdmin.customers.saved'));
    } catch (err) {
      const marked = applyServerIssues(form, err, (path) =>
        path.startsWith('agentRevealFields') ? ['agentRevealFields'] : null,
      );
      if (marked.length === 0) feedback.error(err);
    }
  };

  return (
    <Form<CustomerSettingsValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={initial}
      onFinish={(next) => void submit(next)}
      data-testid="customer-settings-form"
      style={{ maxWidth: 640 }}
    >
      <Typography.Paragraph type="secondary">{t('ticketAdmin.customers.intro')}</Typography.Paragraph>
      <Form.Item
        name="agentRevealFields"
        label={t('ticketAdmin.customers.revealFields')}
        extra={t('ticketAdmin.customers.revealHelp')}
      >
        <Checkbox.Group>
          <Flex vertical gap={8}>
            {PII_FIELDS.map((field) => (
              <Checkbox key={field} value={field} data-testid={`reveal-${field}`}>
                {t(`ticketAdmin.customers.field.${field}`)}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </Form.Item>
      <SaveBar dirty={dirty} loading={update.loading} testId="customer-settings-save" />
    </Form>
  );
}

/** Which personal data fields agents may reveal (admins and supervisors always may). */
export function CustomerSettingsTab() {
  const { t } = useTranslation('tenant-ticket-settings');
  const state = useQuery(CustomerSettingsQuery, {});
  return (
    <QueryView state={state} skeletonRows={4}>
      {({ customerSettings }) => (
        <Card title={t('ticketAdmin.customers.title')}>
          <CustomerSettingsForm saved={{ agentRevealFields: [...customerSettings.agentRevealFields] }} />
        </Card>
      )}
    </QueryView>
  );
}
