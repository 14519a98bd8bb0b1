import { Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  TicketFilter,
  TicketPriority,
  TicketSortDirection,
  TicketSortField,
  TicketStatus,
  WorkspaceTicketViewsQuery,
} from '../../api/generated/graphql';
import { ModalFooter } from '../../components/modal-footer';
import { useFeedback } from '../../components/use-feedback';
import { useMutation } from '../../data/use-query';
import { useViewer } from '../../session/session-context';
import { CreateTicketViewMutation, UpdateTicketViewMutation } from './documents';
import { PRIORITIES, STATUSES } from './model';

export type SavedView = WorkspaceTicketViewsQuery['ticketViews'][number];

interface Values {
  name: string;
  shared: boolean;
  statuses: TicketStatus[];
  priorities: TicketPriority[];
  assignment: 'any' | 'me' | 'none';
  tags: string[];
  sort: TicketSortField;
  direction: TicketSortDirection;
}

function initialValues(view: SavedView | null): Values {
  const f = view?.filter;
  return {
    name: view?.name ?? '',
    shared: view?.shared ?? false,
    statuses: f?.statuses ?? ['NEW', 'OPEN', 'PENDING', 'ON_HOLD'],
    priorities: f?.priorities ?? [],
    assignment: f?.assignedToMe ? 'me' : f?.unassigned ? 'none' : 'any',
    tags: f?.tags ?? [],
    sort: view?.sort ?? 'UPDATED_AT',
    direction: view?.direction ?? 'DESC',
  };
}

/** Creates or edits a saved view: a filter the tickets query understands, and its order. */
export function ViewModal({
  open,
  view,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new view. */
  view: SavedView | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation('workspace');
  const viewer = useViewer();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const create = useMutation(CreateTicketViewMutation);
  const update = useMutation(UpdateTicketViewMutation);
  const mayShare = viewer.role === 'SUPERVISOR' || viewer.role === 'TENANT_ADMIN';

  const submit = async () => {
    const v = await form.validateFields();
    const filter: TicketFilter = {
      ...(v.statuses.length ? { statuses: v.statuses } : {}),
      ...(v.priorities.length ? { priorities: v.priorities } : {}),
      ...(v.assignment === 'me' ? { assignedToMe: true } : {}),
      ...(v.assignment === 'none' ? { unassigned: true } : {}),
      ...(v.tags.length ? { tags: v.tags } : {}),
    };
    const input = {
      name: v.name.trim(),
      filter,
      sort: v.sort,
      direction: v.direction,
      ...(mayShare ? { shared: v.shared } : {}),
    };
    try {
      const id = view
        ? (await update.run({ id: view.id, input })).updateTicketView.id
        : (await create.run({ input })).createTicketView.id;
      feedback.success(t('viewForm.saved'));
      onSaved(id);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Modal
      open={open}
      title={view ? t('viewForm.edit') : t('viewForm.create')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onClose={onClose}
          action={t('viewForm.submit')}
          onAction={submit}
          loading={create.loading || update.loading}
          actionTestId="view-submit"
        />
      }
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={initialValues(view)}>
        <Form.Item
          name="name"
          label={t('viewForm.name')}
          rules={[{ required: true, whitespace: true, message: t('viewForm.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="view-name" />
        </Form.Item>
        {mayShare ? (
          <Form.Item name="shared" valuePropName="checked" extra={t('viewForm.sharedHelp')}>
            <Checkbox>{t('viewForm.shared')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item name="statuses" label={t('viewForm.statuses')}>
          <Select mode="multiple" options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="priorities" label={t('viewForm.priorities')}>
          <Select
            mode="multiple"
            options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            data-testid="view-priorities"
          />
        </Form.Item>
        <Form.Item name="assignment" label={t('viewForm.assignment')}>
          <Radio.Group
            options={[
              { value: 'any', label: t('viewForm.anyone') },
              { value: 'me', label: t('viewForm.mine') },
              { value: 'none', label: t('viewForm.unassigned') },
            ]}
          />
        </Form.Item>
        <Form.Item name="tags" label={t('viewForm.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="sort" label={t('viewForm.sort')}>
          <Select<TicketSortField>
            options={(['UPDATED_AT', 'CREATED_AT', 'PRIORITY'] as const).map((s) => ({
              value: s,
              label: t(`tickets.sort.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="direction" label={t('viewForm.direction')}>
          <Radio.Group
            options={[
              { value: 'DESC', label: t('viewForm.desc') },
              { value: 'ASC', label: t('viewForm.asc') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
