import { Form, Input, Modal, Radio, Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPriority } from '../../api/generated/graphql';
import { ModalFooter } from '../../components/modal-footer';
import { useFeedback } from '../../components/use-feedback';
import { useMutation } from '../../data/use-query';
import { useSession } from '../../session/session-context';
import { CreateTicketMutation, CustomersQuery } from './documents';
import { PRIORITIES } from './model';

interface Values {
  customerId: string;
  subject: string;
  text?: string;
  authorKind: 'CUSTOMER' | 'AGENT';
  priority: TicketPriority;
}

/** Opens a ticket on a customer's behalf (a phone call, a walk-in): the customer is searched by identity or name. */
export function CreateTicketModal({
  open,
  onClose,
  onCreated,
  customer,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (ticket: { id: string; number: number }) => void;
  /** Preselected customer (from a ticket's customer panel). */
  customer?: { id: string; label: string } | undefined;
}) {
  const { t } = useTranslation('workspace');
  const { manager } = useSession();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const create = useMutation(CreateTicketMutation);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const searchSeq = useRef(0);
  // one key per opening of the dialog: a double submit creates one ticket
  const idempotencyKey = useMemo(() => (open ? crypto.randomUUID() : ''), [open]);

  const searchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Searches once typing pauses; only the latest answer is shown. */
  const search = (text: string) => {
    if (searchTimer.current) clearTimeout(searchTimer.current);
    const seq = ++searchSeq.current;
    setSearching(true);
    searchTimer.current = setTimeout(() => runSearch(text, seq), 250);
  };

  const runSearch = (text: string, seq: number) => {
    manager
      .request(CustomersQuery, { search: text.trim() || null })
      .then((data) => {
        if (seq !== searchSeq.current) return;
        setOptions(
          data.customers.items.map((c) => ({
            value: c.id,
            label: [c.displayName, c.email, c.mobile, c.externalId].filter(Boolean).join(' · ') || c.id,
          })),
        );
      })
      .catch((err: unknown) => feedback.error(err))
      .finally(() => {
        if (seq === searchSeq.current) setSearching(false);
      });
  };

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const text = values.text?.trim();
      const result = await create.run({
        idempotencyKey,
        input: {
          customerId: values.customerId,
          subject: values.subject.trim(),
          priority: values.priority,
          channel: 'CONSOLE',
          ...(text ? { message: { text, authorKind: values.authorKind } } : {}),
        },
      });
      feedback.success(t('create.done', { number: result.createTicket.number }));
      form.resetFields();
      onCreated(result.createTicket);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('create.title')}
      onCancel={onClose}
      footer={
        <ModalFooter
          onClose={onClose}
          action={t('create.submit')}
          onAction={submit}
          loading={create.loading}
          actionTestId="create-ticket-submit"
        />
      }
      afterOpenChange={(visible) => {
        if (visible && !customer) search('');
      }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          authorKind: 'CUSTOMER',
          priority: 'NORMAL',
          ...(customer ? { customerId: customer.id } : {}),
        }}
      >
        <Form.Item
          name="customerId"
          label={t('create.customer')}
          rules={[{ required: true, message: t('create.customerRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: search }}
            loading={searching}
            placeholder={t('create.customerPlaceholder')}
            options={customer ? [{ value: customer.id, label: customer.label }] : options}
            disabled={Boolean(customer)}
            data-testid="create-ticket-customer"
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('create.subject')}
          rules={[{ required: true, whitespace: true, message: t('create.subjectRequired') }]}
        >
          <Input maxLength={250} data-testid="create-ticket-subject" />
        </Form.Item>
        <Form.Item name="text" label={t('create.message')}>
          <Input.TextArea
            rows={4}
            placeholder={t('create.messagePlaceholder')}
            data-testid="create-ticket-text"
          />
        </Form.Item>
        <Form.Item name="authorKind" label={t('create.authorKind')}>
          <Radio.Group
            options={[
              { value: 'CUSTOMER', label: t('create.authorCustomer') },
              { value: 'AGENT', label: t('create.authorAgent') },
            ]}
          />
        </Form.Item>
        <Form.Item name="priority" label={t('create.priority')}>
          <Select options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
