import {
  Alert,
  Checkbox,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/errors';
import { ErrorResult } from '../../components/error-result';
import { applyServerIssues } from '../../components/form-errors';
import { ModalFooter } from '../../components/modal-footer';
import { SecretOnce } from '../../components/secret-once';
import { useFeedback } from '../../components/use-feedback';
import { type QueryState, useMutation, useQuery } from '../../data/use-query';
import { useErrorText } from '../../i18n/error-text';
import { useFormatters } from '../../i18n/format';
import {
  CreateWebhookMutation,
  RotateWebhookSecretMutation,
  UpdateWebhookMutation,
  WebhookEventTypesQuery,
} from './documents';
import { EventLabel, groupKey } from './event-label';
import type { Webhook, WebhookWithSecret } from './types';
import {
  OVERLAP_HOURS,
  WEBHOOK_DESCRIPTION_MAX_LENGTH,
  WEBHOOK_URL_MAX_LENGTH,
  descriptionProblem,
  urlProblem,
  webhookFieldOf,
} from './webhook-rules';

interface WebhookFormValues {
  url: string;
  eventTypes: string[];
  description?: string;
  active?: boolean;
}

/** The catalogue's event types as checkboxes, grouped by their prefix, with "all" on top. */
function EventTypePicker({
  options,
  catalogue,
  value = [],
  onChange,
}: {
  options: readonly string[];
  /** The catalogue's query: a skeleton while it loads, the error and a retry if it failed. */
  catalogue: QueryState<unknown>;
  value?: string[];
  onChange?: (value: string[]) => void;
}) {
  const { t } = useTranslation('tenant-webhooks');
  const groups = useMemo(() => {
    const map = new Map<ReturnType<typeof groupKey>, string[]>();
    for (const name of options) {
      const key = groupKey(name);
      map.set(key, [...(map.get(key) ?? []), name]);
    }
    return [...map];
  }, [options]);
  const chosen = new Set(value);
  const all = options.length > 0 && options.every((o) => chosen.has(o));
  const some = options.some((o) => chosen.has(o));
  // Keep the catalogue's order, whatever order the boxes were ticked in.
  const set = (next: Set<string>) => onChange?.(options.filter((o) => next.has(o)));
  if (catalogue.error && !catalogue.data) {
    return <ErrorResult error={catalogue.error} onRetry={catalogue.refetch} compact />;
  }
  if (!catalogue.data) return <Skeleton active paragraph={{ rows: 3 }} title={false} />;
  return (
    <Flex vertical gap={8} className="event-picker">
      <Checkbox
        checked={all}
        indeterminate={some && !all}
        onChange={(e) => set(new Set(e.target.checked ? options : []))}
        data-testid="webhook-events-all"
      >
        <Typography.Text strong>{t('webhooks.form.allEvents')}</Typography.Text>
      </Checkbox>
      <Divider className="event-picker-divider" />
      {groups.map(([group, names]) => (
        <Flex key={group} gap={12} align="flex-start" className="event-picker-group">
          <Typography.Text type="secondary" className="event-picker-heading">
            {t(group)}
          </Typography.Text>
          <div className="event-picker-items">
            {names.map((name) => (
              <Checkbox
                key={name}
                checked={chosen.has(name)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(name);
                  else next.delete(name);
                  set(next);
                }}
                data-testid={`webhook-event-${name}`}
              >
                <EventLabel name={name} />
              </Checkbox>
            ))}
          </div>
        </Flex>
      ))}
    </Flex>
  );
}

/** URL, events and description: the fields creation and editing share, checked as the API checks them. */
function WebhookFields({ withActive, known }: { withActive?: boolean; known?: readonly string[] }) {
  const { t } = useTranslation('tenant-webhooks');
  const types = useQuery(WebhookEventTypesQuery, {});
  // A subscription may name an event this deployment's catalogue no longer offers: keep it visible.
  const options = useMemo(() => {
    const offered = types.data?.webhookEventTypes ?? [];
    return [...offered, ...(known ?? []).filter((k) => !offered.includes(k))];
  }, [types.data, known]);
  const urlMessages = {
    required: t('webhooks.rules.urlRequired'),
    tooLong: t('validation.maxLength', { max: WEBHOOK_URL_MAX_LENGTH }),
    control: t('webhooks.rules.control'),
    invalid: t('webhooks.rules.urlInvalid'),
    scheme: t('webhooks.rules.urlScheme'),
    credentials: t('webhooks.rules.urlCredentials'),
    internal: t('webhooks.rules.urlInternal'),
  };
  return (
    <>
      <Form.Item
        name="url"
        label={t('webhooks.form.url')}
        extra={t('webhooks.form.urlHelp')}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              const problem = urlProblem(typeof value === 'string' ? value : '');
              if (problem) throw new Error(urlMessages[problem]);
            },
          },
        ]}
      >
        <Input
          className="mono"
          placeholder={t('webhooks.form.urlPlaceholder')}
          autoComplete="off"
          data-testid="webhook-url"
        />
      </Form.Item>
      <Form.Item
        name="eventTypes"
        label={t('webhooks.form.events')}
        extra={t('webhooks.form.eventsHelp')}
        rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.rules.eventsRequired') }]}
      >
        <EventTypePicker options={options} catalogue={types} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('webhooks.form.description')}
        extra={t('webhooks.form.descriptionHelp')}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              const problem = descriptionProblem(typeof value === 'string' ? value : '');
              if (problem === 'tooLong')
                throw new Error(t('validation.maxLength', { max: WEBHOOK_DESCRIPTION_MAX_LENGTH }));
              if (problem === 'control') throw new Error(t('webhooks.rules.control'));
            },
          },
        ]}
      >
        <Input maxLength={WEBHOOK_DESCRIPTION_MAX_LENGTH} showCount data-testid="webhook-description" />
      </Form.Item>
      {withActive ? (
        <Form.Item name="active" label={t('webhooks.form.active')} valuePropName="checked">
          <Switch data-testid="webhook-active" />
        </Form.Item>
      ) : null}
    </>
  );
}

/** Puts a refused save on the form: the URL's refusal on the URL, field issues on their fields, the rest as a toast. */
function useSaveError() {
  const feedback = useFeedback();
  const errorText = useErrorText();
  return (form: FormInstance<WebhookFormValues>, err: unknown) => {
    if (isApiError(err, 'WEBHOOK_URL_NOT_ALLOWED')) {
      form.setFields([{ name: 'url', errors: [errorText(err)] }]);
      return;
    }
    if (applyServerIssues(form, err, webhookFieldOf).length === 0) feedback.error(err);
  };
}

/** The secret just returned (creation or rotation): shown once, and the modal stays until it is saved. */
function SecretResult({
  intro,
  result,
  saved,
  onSaved,
}: {
  intro: string;
  result: WebhookWithSecret;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}) {
  const { t } = useTranslation('tenant-webhooks');
  return (
    <Flex vertical gap={12}>
      <Typography.Text>{intro}</Typography.Text>
      <SecretOnce
        secret={result.secret}
        label={t('webhooks.detail.secret')}
        description={t('webhooks.secret.body')}
        testId="webhook-secret"
        onCopied={() => onSaved(true)}
      />
      <Typography.Text type="secondary" className="small">
        {t('webhooks.list.usage')}
      </Typography.Text>
      <Checkbox checked={saved} onChange={(e) => onSaved(e.target.checked)} data-testid="webhook-secret-ack">
        {t('webhooks.secret.acknowledge')}
      </Checkbox>
    </Flex>
  );
}

export function CreateWebhookModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** Closed; with the new webhook's id once one was created. */
  onClose: (createdId: string | null) => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation('tenant-webhooks');
  const [form] = Form.useForm<WebhookFormValues>();
  const create = useMutation(CreateWebhookMutation);
  const saveError = useSaveError();
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  const [saved, setSaved] = useState(false);
  const close = () => {
    const id = created?.webhook.id ?? null;
    setCreated(null);
    setSaved(false);
    onClose(id);
  };
  const submit = async () => {
    const values = await form.validateFields();
    const description = values.description?.trim() ?? '';
    try {
      const data = await create.run({
        input: {
          url: values.url.trim(),
          eventTypes: values.eventTypes,
          active: values.active ?? true,
          ...(description ? { description } : {}),
        },
      });
      setCreated(data.createWebhook);
      onCreated();
    } catch (err) {
      saveError(form, err);
    }
  };
  return (
    <Modal
      open={open}
      width={760}
      title={created ? t('webhooks.list.createdTitle') : t('webhooks.list.createTitle')}
      onCancel={created && !saved ? undefined : close}
      closable={!created || saved}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <ModalFooter
          done={created !== null}
          onClose={close}
          action={t('webhooks.list.create')}
          onAction={submit}
          loading={create.loading}
          actionTestId="webhook-submit"
          doneDisabled={!saved}
          doneTestId="webhook-done"
        />
      }
    >
      {created ? (
        <SecretResult
          intro={t('webhooks.list.createdBody', { url: created.webhook.url })}
          result={created}
          saved={saved}
          onSaved={setSaved}
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          preserve={false}
          initialValues={{ eventTypes: [], active: true }}
        >
          <WebhookFields withActive />
        </Form>
      )}
    </Modal>
  );
}

export function EditWebhookModal({
  webhook,
  onClose,
  onSaved,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('tenant-webhooks');
  const [form] = Form.useForm<WebhookFormValues>();
  const update = useMutation(UpdateWebhookMutation);
  const feedback = useFeedback();
  const saveError = useSaveError();
  const submit = async () => {
    if (!webhook) return;
    const values = await form.validateFields();
    try {
      await update.run({
        id: webhook.id,
        input: {
          url: values.url.trim(),
          eventTypes: values.eventTypes,
          description: values.description?.trim() ?? '',
        },
      });
      feedback.success(t('webhooks.detail.saved'));
      onSaved();
    } catch (err) {
      saveError(form, err);
    }
  };
  return (
    <Modal
      open={webhook !== null}
      width={760}
      title={t('webhooks.detail.editTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onClose={onClose}
          action={t('common.save')}
          onAction={submit}
          loading={update.loading}
          actionTestId="webhook-save"
        />
      }
    >
      {webhook ? (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          preserve={false}
          initialValues={{
            url: webhook.url,
            eventTypes: webhook.eventTypes,
            description: webhook.description,
          }}
        >
          <WebhookFields known={webhook.eventTypes} />
        </Form>
      ) : null}
    </Modal>
  );
}

export function RotateSecretModal({
  webhook,
  onClose,
  onRotated,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onRotated: () => void;
}) {
  const { t } = useTranslation('tenant-webhooks');
  const fmt = useFormatters();
  const [form] = Form.useForm<{ overlapHours: number }>();
  const rotate = useMutation(RotateWebhookSecretMutation);
  const feedback = useFeedback();
  const [rotated, setRotated] = useState<WebhookWithSecret | null>(null);
  const [saved, setSaved] = useState(false);
  const close = () => {
    setRotated(null);
    setSaved(false);
    onClose();
  };
  const submit = async () => {
    if (!webhook) return;
    const values = await form.validateFields();
    try {
      const data = await rotate.run({ id: webhook.id, overlapHours: values.overlapHours });
      setRotated(data.rotateWebhookSecret);
      onRotated();
    } catch (err) {
      if (
        applyServerIssues(form, err, (path) => (path === 'overlapHours' ? ['overlapHours'] : null)).length ===
        0
      )
        feedback.error(err);
    }
  };
  const until = rotated?.webhook.previousSecretExpiresAt;
  return (
    <Modal
      open={webhook !== null}
      width={640}
      title={rotated ? t('webhooks.detail.rotatedTitle') : t('webhooks.detail.rotateTitle')}
      onCancel={rotated && !saved ? undefined : close}
      closable={!rotated || saved}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <ModalFooter
          done={rotated !== null}
          onClose={close}
          action={t('webhooks.detail.rotate')}
          onAction={submit}
          loading={rotate.loading}
          actionTestId="webhook-rotate-submit"
          doneDisabled={!saved}
          doneTestId="webhook-rotate-done"
        />
      }
    >
      {rotated ? (
        <SecretResult
          intro={
            until
              ? t('webhooks.detail.rotatedOverlap', { at: fmt.dateTime(until) })
              : t('webhooks.detail.rotatedNow')
          }
          result={rotated}
          saved={saved}
          onSaved={setSaved}
        />
      ) : (
        <>
          <Alert className="modal-alert" type="info" showIcon title={t('webhooks.detail.rotateBody')} />
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            preserve={false}
            initialValues={{ overlapHours: OVERLAP_HOURS.default }}
          >
            <Form.Item
              name="overlapHours"
              label={t('webhooks.detail.overlap')}
              extra={t('webhooks.detail.overlapHelp')}
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: OVERLAP_HOURS.min,
                  max: OVERLAP_HOURS.max,
                  message: t('validation.intRange', { min: OVERLAP_HOURS.min, max: OVERLAP_HOURS.max }),
                },
              ]}
            >
              <InputNumber
                min={OVERLAP_HOURS.min}
                max={OVERLAP_HOURS.max}
                precision={0}
                style={{ width: 160 }}
                data-testid="webhook-overlap"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
