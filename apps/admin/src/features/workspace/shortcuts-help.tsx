import { Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isShortcut } from './model';

type ShortcutKey =
  | 'next'
  | 'previous'
  | 'openTicket'
  | 'select'
  | 'newTicket'
  | 'reply'
  | 'note'
  | 'send'
  | 'solve'
  | 'back'
  | 'help';

const LIST_KEYS: [string, ShortcutKey][] = [
  ['j', 'next'],
  ['k', 'previous'],
  ['Enter / o', 'openTicket'],
  ['x', 'select'],
  ['c', 'newTicket'],
  ['?', 'help'],
];

const TICKET_KEYS: [string, ShortcutKey][] = [
  ['r', 'reply'],
  ['n', 'note'],
  ['Ctrl/⌘ + Enter', 'send'],
  ['s', 'solve'],
  ['j', 'next'],
  ['k', 'previous'],
  ['u', 'back'],
  ['?', 'help'],
];

/** The list of shortcuts for the list or the ticket page; `?` opens it. */
export function ShortcutsHelp({
  open,
  onClose,
  page,
}: {
  open: boolean;
  onClose: () => void;
  page: 'list' | 'ticket';
}) {
  const { t } = useTranslation('workspace');
  const rows = page === 'list' ? LIST_KEYS : TICKET_KEYS;
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')} destroyOnHidden>
      <table className="ws-shortcuts" data-testid="shortcuts-help">
        <tbody>
          {rows.map(([keys, label]) => (
            <tr key={label}>
              <td>
                <Typography.Text keyboard>{keys}</Typography.Text>
              </td>
              <td>{t(`shortcuts.${label}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

/**
 * Single-key shortcuts for a page: ignored while typing in a field or with a modifier; the page
 * turns them off (`enabled`) while one of its dialogs is open, so the dialog's own keys win.
 */
export function useShortcuts(handlers: Record<string, (event: KeyboardEvent) => void>, enabled = true): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event) || event.defaultPrevented) return;
      // Enter on a button or link is that element's own
      const target = event.target instanceof Element ? event.target : null;
      if (
        event.key === 'Enter' &&
        target?.closest('button, a, [role="button"], [role="menuitem"], [role="tab"]')
      )
        return;
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers, enabled]);
}
