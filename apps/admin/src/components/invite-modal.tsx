import { Alert, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/generated';
import type { InvitationLinkFieldsFragment } from '../api/generated/graphql';
import type { Operation } from '../api/operation';
import { useMutation } from '../data/use-query';
import { useFormatters } from '../i18n/format';
import { CopyText } from './copy-text';
import { applyServerIssues } from './form-errors';
import { ModalFooter } from './modal-footer';
import { useFeedback } from './use-feedback';
import { NAME_MAX_LENGTH } from '../api/limits';

/** What an invitation returns; the invite mutations (and onboarding) select it. */
export const InvitationLinkFields = graphql(`
  fragment InvitationLinkFields on InvitationLink {
    url
    token
    email
    expiresAt
  }
`);

type InvitationLink = InvitationLinkFieldsFragment;

/** The link an invited person opens; the console shows it so it can be sent over any channel. */
function InviteLinkResult({ invitation }: { invitation: InvitationLink }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const url = new URL(invitation.url, window.location.origin).toString();
  return (
    <Flex vertical gap={12}>
      <Alert
        type="success"
        showIcon
        title={t('inviteLink.created', { email: invitation.email })}
        description={t('inviteLink.body', { expires: fmt.dateTime(invitation.expiresAt) })}
      />
      <Typography.Text strong>{t('inviteLink.label')}</Typography.Text>
      <CopyText value={url} testId="invite-url" />
    </Flex>
  );
}

export interface InviteValues<Role extends string> {
  email: string;
  name: string;
  role: Role;
}

/**
 * Invites a person by email, name and role, then shows the invitation link. Provider staff and a
 * tenant's users are invited alike; only the mutation, the roles and the texts differ.
 */
export function InviteModal<Role extends string, TData>({
  open,
  onClose,
  onInvited,
  mutation,
  linkOf,
  title,
  submitText,
  roleOptions,
  defaultRole,
  roleHelp,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: () => void;
  mutation: Operation<TData, InviteValues<Role>>;
  linkOf: (data: TData) => InvitationLink;
  title: string;
  submitText: string;
  roleOptions: { value: Role; label: string }[];
  defaultRole: Role;
  roleHelp?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<InviteValues<Role>>();
  const invite = useMutation(mutation);
  const feedback = useFeedback();
  const [link, setLink] = useState<InvitationLink | null>(null);
  const close = () => {
    setLink(null);
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const data = await invite.run({
        email: values.email.trim(),
        name: values.name.trim(),
        role: values.role,
      });
      setLink(linkOf(data));
      onInvited();
    } catch (err) {
      const marked = applyServerIssues(form, err);
      // Issues the server tied to a field are shown on that field; anything else is a toast.
      if (marked.length === 0) feedback.error(err);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      destroyOnHidden
      footer={
        <ModalFooter
          done={link !== null}
          onClose={close}
          action={submitText}
          onAction={submit}
          loading={invite.loading}
          actionTestId="invite-user-submit"
          doneTestId="invite-done"
        />
      }
    >
      {link ? (
        <InviteLinkResult invitation={link} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ role: defaultRole }}
          requiredMark={false}
          preserve={false}
        >
          <Form.Item
            name="email"
            label={t('common.email')}
            rules={[
              { required: true, message: t('validation.emailRequired') },
              { type: 'email', message: t('validation.emailInvalid') },
            ]}
          >
            <Input data-testid="invite-user-email" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('common.name')}
            rules={[
              { required: true, whitespace: true, message: t('validation.nameRequired') },
              { max: NAME_MAX_LENGTH, message: t('validation.maxLength', { max: NAME_MAX_LENGTH }) },
            ]}
          >
            <Input data-testid="invite-user-name" />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('common.role')}
            extra={roleHelp}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select data-testid="invite-user-role" options={roleOptions} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
