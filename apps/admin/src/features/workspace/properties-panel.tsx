import { Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CustomFieldValueInput,
  TicketFieldsFragment,
  TicketPatch,
  TicketPriority,
  TicketStatus,
  WorkspaceTicketCustomFieldsQuery,
} from '../../api/generated/graphql';
import type { Assignee } from './directory';
import { PRIORITIES, SETTABLE_STATUSES, STATUSES } from './model';

type Definition = WorkspaceTicketCustomFieldsQuery['ticketCustomFields'][number];
type Value = TicketFieldsFragment['customFields'][number];

/** A text box that saves when it loses focus (or on Enter), not on every key. */
function CommitInput({
  value,
  onCommit,
  placeholder,
  id,
  testId,
}: {
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
  id: string;
  testId?: string;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <Input
      id={id}
      value={draft}
      placeholder={placeholder}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onPressEnter={commit}
      data-testid={testId}
    />
  );
}

function CustomFieldEditor({
  definition,
  value,
  language,
  onChange,
}: {
  definition: Definition;
  value: Value | undefined;
  language: string;
  onChange: (input: CustomFieldValueInput) => void;
}) {
  const id = `cf-${definition.key}`;
  const key = definition.key;
  const options = definition.options.map((o) => ({
    value: o.value,
    label: language.startsWith('zh') ? o.labelZh : o.labelEn,
  }));
  switch (definition.type) {
    case 'TEXT':
      return (
        <CommitInput
          id={id}
          value={value?.text ?? ''}
          onCommit={(text) => onChange(text ? { key, text } : { key })}
          testId={id}
        />
      );
    case 'NUMBER':
      return (
        <InputNumber
          id={id}
          style={{ width: '100%' }}
          defaultValue={value?.number ?? undefined}
          key={String(value?.number ?? '')}
          onBlur={(e) => {
            const raw = e.target.value.trim();
            const n = raw === '' ? null : Number(raw);
            if (n === (value?.number ?? null)) return;
            onChange(n === null || Number.isNaN(n) ? { key } : { key, number: n });
          }}
          data-testid={id}
        />
      );
    case 'SELECT':
      return (
        <Select
          id={id}
          allowClear
          value={value?.option ?? null}
          options={options}
          onChange={(v: string | null | undefined) => onChange(v ? { key, option: v } : { key })}
          data-testid={id}
        />
      );
    case 'MULTI_SELECT':
      return (
        <Select
          id={id}
          mode="multiple"
          allowClear
          value={value?.options ?? []}
          options={options}
          onChange={(v: string[]) => onChange(v.length ? { key, options: v } : { key })}
          data-testid={id}
        />
      );
    case 'DATE':
      return (
        <DatePicker
          id={id}
          style={{ width: '100%' }}
          value={value?.date ? dayjs(value.date) : null}
          onChange={(d) => onChange(d ? { key, date: d.format('YYYY-MM-DD') } : { key })}
          data-testid={id}
        />
      );
    case 'CHECKBOX':
      return (
        <Checkbox
          id={id}
          checked={value?.checkbox ?? false}
          onChange={(e) => onChange({ key, checkbox: e.target.checked })}
          data-testid={id}
        />
      );
    default:
      return null;
  }
}

/** Status, priority, assignee, group, tags and the tenant's custom fields; each change saves at once. */
export function PropertiesPanel({
  ticket,
  definitions,
  assignees,
  nameOf,
  disabled,
  onPatch,
}: {
  ticket: TicketFieldsFragment;
  definitions: readonly Definition[];
  assignees: readonly Assignee[];
  nameOf: (id: string | null | undefined) => string;
  disabled: boolean;
  onPatch: (patch: TicketPatch) => void;
}) {
  const { t, i18n } = useTranslation('workspace');
  const statusOptions = STATUSES.filter((s) => SETTABLE_STATUSES.includes(s) || s === ticket.status).map(
    (s) => ({ value: s, label: t(`status.${s}`), disabled: !SETTABLE_STATUSES.includes(s) }),
  );
  const assigneeOptions = [
    { value: '', label: t('tickets.unassigned') },
    ...assignees.map((a) => ({ value: a.id, label: nameOf(a.id) })),
    ...(ticket.assigneeId && !assignees.some((a) => a.id === ticket.assigneeId)
      ? [{ value: ticket.assigneeId, label: nameOf(ticket.assigneeId) }]
      : []),
  ];
  const sortedDefs = [...definitions].sort((a, b) => a.position - b.position);
  return (
    <Card size="small" title={t('ticket.properties')} data-testid="ticket-properties">
      <Form layout="vertical" size="small" disabled={disabled} className="ws-props">
        <Form.Item label={t('ticket.status')} htmlFor="ticket-status">
          <Select<TicketStatus>
            id="ticket-status"
            value={ticket.status}
            options={statusOptions}
            onChange={(status) => onPatch({ status })}
            data-testid="prop-status"
          />
        </Form.Item>
        <Form.Item label={t('ticket.priority')} htmlFor="ticket-priority">
          <Select<TicketPriority>
            id="ticket-priority"
            value={ticket.priority}
            options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            onChange={(priority) => onPatch({ priority })}
            data-testid="prop-priority"
          />
        </Form.Item>
        <Form.Item label={t('ticket.assignee')} htmlFor="ticket-assignee">
          <Select<string>
            id="ticket-assignee"
            value={ticket.assigneeId ?? ''}
            options={assigneeOptions}
            onChange={(id) => onPatch({ assigneeId: id === '' ? null : id })}
            data-testid="prop-assignee"
          />
        </Form.Item>
        <Form.Item label={t('ticket.group')} htmlFor="ticket-group">
          <CommitInput
            id="ticket-group"
            value={ticket.groupId ?? ''}
            placeholder={t('ticket.groupPlaceholder')}
            onCommit={(groupId) => onPatch({ groupId: groupId || null })}
          />
        </Form.Item>
        <Form.Item label={t('ticket.tags')} htmlFor="ticket-tags">
          <Select<string[]>
            id="ticket-tags"
            mode="tags"
            value={ticket.tags}
            placeholder={t('ticket.tagsPlaceholder')}
            onChange={(tags) => onPatch({ tags })}
            tokenSeparators={[',', '，']}
            data-testid="prop-tags"
          />
        </Form.Item>
        <Typography.Text strong>{t('ticket.customFields')}</Typography.Text>
        {sortedDefs.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('ticket.noCustomFields')}</Typography.Paragraph>
        ) : (
          sortedDefs.map((d) => (
            <Form.Item
              key={d.id}
              label={i18n.language.startsWith('zh') ? d.labelZh : d.labelEn}
              htmlFor={`cf-${d.key}`}
              required={d.requiredOnSolve}
            >
              <CustomFieldEditor
                definition={d}
                value={ticket.customFields.find((v) => v.key === d.key)}
                language={i18n.language}
                onChange={(input) => onPatch({ customFields: [input] })}
              />
            </Form.Item>
          ))
        )}
      </Form>
    </Card>
  );
}
