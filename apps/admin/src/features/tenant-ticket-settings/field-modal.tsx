import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Select, Switch, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../api/errors';
import { applyServerIssues } from '../../components/form-errors';
import { ModalFooter } from '../../components/modal-footer';
import { useFeedback } from '../../components/use-feedback';
import { useMutation } from '../../data/use-query';
import { useErrorText } from '../../i18n/error-text';
import { CreateCustomFieldMutation, UpdateCustomFieldMutation } from './documents';
import {
  FIELD_TYPES,
  type FieldFormValues,
  KEY_MAX_LENGTH,
  LABEL_MAX_LENGTH,
  MAX_OPTIONS,
  OPTION_VALUE_MAX_LENGTH,
  type OptionRow,
  createInput,
  fieldOf,
  hasOptions,
  issueMessageKey,
  keyProblem,
  labelProblem,
  optionValueProblem,
  optionsProblem,
  suggestKey,
  updateInput,
} from './field-rules';
import { type CustomField, fieldName } from './types';

/** Two fields side by side, wrapping on a narrow screen. */
const HALF = { flex: '1 1 280px' } as const;

const EMPTY_OPTION: OptionRow = { value: '', labelZh: '', labelEn: '' };

/** What the modal is doing: adding a field (placed at `position`) or editing one. */
export type FieldModalMode = { kind: 'create'; position: number } | { kind: 'edit'; field: CustomField };

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A name (Chinese or English) of the field or of one option, checked as the API checks it. */
function useLabelRule() {
  const { t } = useTranslation('tenant-ticket-settings');
  return {
    validator: async (_rule: unknown, value: unknown) => {
      const problem = labelProblem(textOf(value));
      if (problem === 'required') throw new Error(t('ticketAdmin.rules.labelRequired'));
      if (problem === 'tooLong') throw new Error(t('validation.maxLength', { max: LABEL_MAX_LENGTH }));
      if (problem === 'control') throw new Error(t('ticketAdmin.rules.control'));
    },
  };
}

/** The options of a choice field: value and both names per row, reordered with the arrows. */
function OptionsEditor({ form, editing }: { form: FormInstance<FieldFormValues>; editing: boolean }) {
  const { t } = useTranslation('tenant-ticket-settings');
  const labelRule = useLabelRule();
  return (
    <Form.List
      name="options"
      rules={[
        {
          validator: async (_rule, rows?: OptionRow[]) => {
            const problem = optionsProblem(
              form.getFieldValue('type') as FieldFormValues['type'],
              rows?.length ?? 0,
            );
            if (problem === 'required') throw new Error(t('ticketAdmin.rules.optionsRequired'));
            if (problem === 'tooMany')
              throw new Error(t('ticketAdmin.rules.optionsMax', { max: MAX_OPTIONS }));
          },
        },
      ]}
    >
      {(rows, { add, remove, move }, { errors }) => (
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }} data-testid="field-options">
          <legend>
            <Typography.Text strong>{t('ticketAdmin.form.options')}</Typography.Text>
          </legend>
          <Typography.Paragraph type="secondary" className="small">
            {t('ticketAdmin.form.optionsHelp')}
            {editing ? ` ${t('ticketAdmin.form.optionRemoved')}` : null}
          </Typography.Paragraph>
          {rows.map((row, index) => {
            const n = index + 1;
            const named = (what: string) => `${what} · ${t('ticketAdmin.form.optionRow', { n })}`;
            return (
              <Flex
                key={row.key}
                gap={8}
                align="flex-start"
                role="group"
                aria-label={t('ticketAdmin.form.optionRow', { n })}
                data-testid="field-option"
              >
                <Form.Item
                  name={[row.name, 'value']}
                  style={{ flex: '0 0 170px', marginBottom: 8 }}
                  dependencies={rows
                    .filter((r) => r.key !== row.key)
                    .map((r) => ['options', r.name, 'value'])}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value: unknown) => {
                        const all = ((getFieldValue('options') as OptionRow[] | undefined) ?? []).map((o) =>
                          textOf(o?.value).trim(),
                        );
                        const problem = optionValueProblem(textOf(value).trim(), all);
                        if (problem === 'required')
                          throw new Error(t('ticketAdmin.rules.optionValueRequired'));
                        if (problem === 'format') throw new Error(t('ticketAdmin.rules.optionValueFormat'));
                        if (problem === 'duplicate')
                          throw new Error(t('ticketAdmin.rules.optionValueDuplicate'));
                      },
                    }),
                  ]}
                >
                  <Input
                    className="mono"
                    maxLength={OPTION_VALUE_MAX_LENGTH}
                    placeholder={t('ticketAdmin.form.optionValue')}
                    aria-label={named(t('ticketAdmin.form.optionValue'))}
                    autoComplete="off"
                    data-testid={`option-value-${index}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'labelZh']}
                  style={{ flex: '1 1 0', marginBottom: 8 }}
                  rules={[labelRule]}
                >
                  <Input
                    maxLength={LABEL_MAX_LENGTH}
                    placeholder={t('ticketAdmin.form.optionLabelZh')}
                    aria-label={named(t('ticketAdmin.form.optionLabelZh'))}
                    data-testid={`option-label-zh-${index}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'labelEn']}
                  style={{ flex: '1 1 0', marginBottom: 8 }}
                  rules={[labelRule]}
                >
                  <Input
                    maxLength={LABEL_MAX_LENGTH}
                    placeholder={t('ticketAdmin.form.optionLabelEn')}
                    aria-label={named(t('ticketAdmin.form.optionLabelEn'))}
                    data-testid={`option-label-en-${index}`}
                  />
                </Form.Item>
                <Flex gap={2} style={{ flex: 'none' }}>
                  <Tooltip title={t('ticketAdmin.form.moveOptionUp', { n })}>
                    <Button
                      type="text"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label={t('ticketAdmin.form.moveOptionUp', { n })}
                      data-testid={`option-up-${index}`}
                    />
                  </Tooltip>
                  <Tooltip title={t('ticketAdmin.form.moveOptionDown', { n })}>
                    <Button
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={t('ticketAdmin.form.moveOptionDown', { n })}
                      data-testid={`option-down-${index}`}
                    />
                  </Tooltip>
                  <Tooltip title={t('ticketAdmin.form.removeOption', { n })}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(row.name)}
                      aria-label={t('ticketAdmin.form.removeOption', { n })}
                      data-testid={`option-remove-${index}`}
                    />
                  </Tooltip>
                </Flex>
              </Flex>
            );
          })}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={rows.length >= MAX_OPTIONS}
            onClick={() => add({ ...EMPTY_OPTION })}
            data-testid="option-add"
          >
            {t('ticketAdmin.form.addOption')}
          </Button>
          <div role="alert" data-testid="field-options-errors">
            <Form.ErrorList errors={errors} />
          </div>
        </fieldset>
      )}
    </Form.List>
  );
}

/**
 * Puts a refused save on the form: a taken key on the key, field issues on their fields (in the
 * user's language where the console knows the server's sentence), the rest as a toast.
 */
function useSaveError() {
  const { t } = useTranslation('tenant-ticket-settings');
  const feedback = useFeedback();
  const errorText = useErrorText();
  return (form: FormInstance<FieldFormValues>, err: unknown) => {
    if (isApiError(err, 'CUSTOM_FIELD_KEY_TAKEN')) {
      form.setFields([{ name: 'key', errors: [errorText(err)] }]);
      return;
    }
    const localized =
      err instanceof ApiError
        ? new ApiError(
            err.code,
            err.message,
            err.issues.map((issue) => {
              const key = issueMessageKey(issue.message);
              return key ? { path: issue.path, message: t(`ticketAdmin.rules.${key}`) } : issue;
            }),
          )
        : err;
    if (applyServerIssues(form, localized, fieldOf).length === 0) feedback.error(err);
  };
}

/**
 * Adds or edits a custom field. Each opening gets a form of its own: a form store reused after a
 * closed dialog would keep the previous field's option rows.
 */
export function FieldModal({
  mode,
  onClose,
  onSaved,
}: {
  mode: FieldModalMode | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  if (!mode) return null;
  return (
    <FieldDialog
      key={mode.kind === 'edit' ? mode.field.id : 'create'}
      mode={mode}
      onClose={onClose}
      onSaved={onSaved}
    />
  );
}

function FieldDialog({
  mode,
  onClose,
  onSaved,
}: {
  mode: FieldModalMode;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation('tenant-ticket-settings');
  const [form] = Form.useForm<FieldFormValues>();
  const create = useMutation(CreateCustomFieldMutation);
  const update = useMutation(UpdateCustomFieldMutation);
  const feedback = useFeedback();
  const saveError = useSaveError();
  const labelRule = useLabelRule();
  const type = Form.useWatch('type', form);
  const editing = mode.kind === 'edit' ? mode.field : null;

  const submit = async () => {
    const values = await form.validateFields();
    try {
      if (mode.kind === 'create') {
        const data = await create.run({ input: createInput(values, mode.position) });
        feedback.success(
          t('ticketAdmin.fields.created', { name: fieldName(data.createCustomField, i18n.language) }),
        );
      } else {
        await update.run({ id: mode.field.id, input: updateInput(mode.field.type, values) });
        feedback.success(t('ticketAdmin.fields.saved'));
      }
      onSaved();
    } catch (err) {
      saveError(form, err);
    }
  };

  const initialValues: FieldFormValues = editing
    ? {
        labelZh: editing.labelZh,
        labelEn: editing.labelEn,
        key: editing.key,
        type: editing.type,
        requiredOnSolve: editing.requiredOnSolve,
        options: editing.options.map((o) => ({ value: o.value, labelZh: o.labelZh, labelEn: o.labelEn })),
      }
    : { labelZh: '', labelEn: '', key: '', type: 'TEXT', requiredOnSolve: false, options: [] };

  const shownType = editing?.type ?? type ?? 'TEXT';

  return (
    <Modal
      open
      width={820}
      title={
        editing
          ? t('ticketAdmin.fields.editTitle', { name: fieldName(editing, i18n.language) })
          : t('ticketAdmin.fields.createTitle')
      }
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <ModalFooter
          onClose={onClose}
          action={editing ? t('common.save') : t('ticketAdmin.fields.create')}
          onAction={submit}
          loading={create.loading || update.loading}
          actionTestId="field-submit"
        />
      }
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        // kept: list rows remounted with the dialog would lose their values (each opening has its own form)
        initialValues={initialValues}
        data-testid="field-form"
        onValuesChange={(changed: Partial<FieldFormValues>, all: Partial<FieldFormValues>) => {
          // a new field's key follows its English name until the key is typed in
          if (!editing && changed.labelEn !== undefined && !form.isFieldTouched('key')) {
            form.setFieldValue('key', suggestKey(changed.labelEn));
          }
          // a choice field starts with one empty option to fill in
          // (the options are not among the values while a type without them is chosen)
          if (changed.type !== undefined && hasOptions(changed.type) && (all.options ?? []).length === 0) {
            form.setFieldValue('options', [{ ...EMPTY_OPTION }]);
          }
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item name="labelZh" label={t('ticketAdmin.form.labelZh')} style={HALF} rules={[labelRule]}>
            <Input maxLength={LABEL_MAX_LENGTH} data-testid="field-label-zh" />
          </Form.Item>
          <Form.Item name="labelEn" label={t('ticketAdmin.form.labelEn')} style={HALF} rules={[labelRule]}>
            <Input maxLength={LABEL_MAX_LENGTH} data-testid="field-label-en" />
          </Form.Item>
        </Flex>
        {editing ? (
          <Alert className="modal-alert" type="info" showIcon title={t('ticketAdmin.form.keyFixed')} />
        ) : null}
        <Flex gap={16} wrap>
          <Form.Item
            name="key"
            label={t('ticketAdmin.form.key')}
            extra={editing ? undefined : t('ticketAdmin.form.keyHelp')}
            style={HALF}
            rules={[
              {
                validator: async (_rule, value: unknown) => {
                  if (editing) return;
                  const problem = keyProblem(textOf(value).trim());
                  if (problem === 'required') throw new Error(t('ticketAdmin.rules.keyRequired'));
                  if (problem === 'format') throw new Error(t('ticketAdmin.rules.keyFormat'));
                },
              },
            ]}
          >
            <Input
              className="mono"
              maxLength={KEY_MAX_LENGTH}
              disabled={editing !== null}
              autoComplete="off"
              data-testid="field-key"
            />
          </Form.Item>
          <Form.Item
            name="type"
            label={t('ticketAdmin.form.type')}
            extra={t(`ticketAdmin.fields.typeHelp.${shownType}`)}
            style={HALF}
          >
            <Select
              disabled={editing !== null}
              options={FIELD_TYPES.map((value) => ({
                value,
                label: (
                  <span data-testid={`field-type-${value}`}>{t(`ticketAdmin.fields.type.${value}`)}</span>
                ),
              }))}
              data-testid="field-type"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="requiredOnSolve"
          label={t('ticketAdmin.form.requiredOnSolve')}
          extra={t('ticketAdmin.form.requiredOnSolveHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="field-required" />
        </Form.Item>
        {hasOptions(shownType) ? <OptionsEditor form={form} editing={editing !== null} /> : null}
        <Typography.Paragraph type="secondary" className="small">
          {t('ticketAdmin.form.noDefault')}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
