import { DownOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Flex, Input, Segmented, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../api/generated/graphql';
import { isSendChord } from './model';

export type ReplyMode = 'reply' | 'note';

export interface ReplyBoxHandle {
  focus(mode: ReplyMode): void;
  send(): void;
}

/**
 * Reply to the customer or write an internal note (toggle, or r / n on the page). Ctrl/⌘+Enter
 * sends from inside the box; a reply can also set the ticket's status in the same step.
 */
export const ReplyBox = forwardRef<
  ReplyBoxHandle,
  {
    mode: ReplyMode;
    onModeChange: (mode: ReplyMode) => void;
    text: string;
    onTextChange: (text: string) => void;
    onSend: (status: TicketStatus | null) => void;
    sending: boolean;
    disabled: boolean;
    /** Someone else is replying right now (collision detection). */
    warning?: string | null;
  }
>(function ReplyBox({ mode, onModeChange, text, onTextChange, onSend, sending, disabled, warning }, ref) {
  const { t } = useTranslation('workspace');
  const area = useRef<TextAreaRef>(null);
  const send = () => {
    if (!text.trim() || sending || disabled) return;
    onSend(null);
  };
  useImperativeHandle(ref, () => ({
    focus(next) {
      onModeChange(next);
      setTimeout(() => area.current?.focus(), 0);
    },
    send,
  }));
  const isNote = mode === 'note';
  return (
    <div className={`ws-reply ${isNote ? 'ws-reply-note' : ''}`} data-testid="reply-box">
      {warning ? (
        <Alert
          type="warning"
          showIcon
          title={warning}
          style={{ marginBottom: 8 }}
          data-testid="replying-warning"
        />
      ) : null}
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Segmented<ReplyMode>
          aria-label={t('reply.mode')}
          value={mode}
          onChange={onModeChange}
          options={[
            { value: 'reply', label: <span data-testid="mode-reply">{t('reply.reply')}</span> },
            { value: 'note', label: <span data-testid="mode-note">{t('reply.note')}</span> },
          ]}
        />
        <Typography.Text type="secondary" className="small">
          {t('reply.hint')}
        </Typography.Text>
      </Flex>
      <Input.TextArea
        ref={area}
        value={text}
        onChange={(e) => onTextChange(e.target.value)}
        onKeyDown={(e) => {
          if (isSendChord(e)) {
            e.preventDefault();
            send();
          }
        }}
        autoSize={{ minRows: 3, maxRows: 10 }}
        maxLength={20000}
        disabled={disabled}
        aria-label={isNote ? t('reply.note') : t('reply.reply')}
        placeholder={isNote ? t('reply.notePlaceholder') : t('reply.replyPlaceholder')}
        data-testid="reply-text"
      />
      <Flex justify="flex-end" style={{ marginTop: 8 }}>
        {isNote ? (
          <Button
            icon={<SendOutlined />}
            onClick={send}
            loading={sending}
            disabled={disabled || !text.trim()}
            data-testid="reply-send"
          >
            {t('reply.sendNote')}
          </Button>
        ) : (
          <Space.Compact>
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={send}
              loading={sending}
              disabled={disabled || !text.trim()}
              data-testid="reply-send"
            >
              {t('reply.send')}
            </Button>
            <Dropdown
              disabled={disabled || sending || !text.trim()}
              menu={{
                items: (['PENDING', 'ON_HOLD', 'SOLVED'] as const).map((s) => ({
                  key: s,
                  label: `${t('reply.sendAs')}: ${t(`status.${s}`)}`,
                  onClick: () => onSend(s),
                })),
              }}
            >
              <Button
                type="primary"
                icon={<DownOutlined />}
                aria-label={t('reply.sendAs')}
                data-testid="reply-send-as"
              />
            </Dropdown>
          </Space.Compact>
        )}
      </Flex>
    </div>
  );
});
