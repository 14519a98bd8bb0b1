import { App } from 'antd';
import { useCallback, useMemo } from 'react';
import { SessionEndedError, StaleScopeError } from '../api/errors';
import { useErrorText } from '../i18n/error-text';

/** Toasts that follow the app's theme and locale; errors are translated from their code. */
export function useFeedback() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const error = useCallback(
    (err: unknown) => {
      // The shell already explains an ended session; a stale response is simply dropped.
      if (err instanceof SessionEndedError || err instanceof StaleScopeError) return;
      void message.error(errorText(err));
    },
    [message, errorText],
  );
  const success = useCallback((text: string) => void message.success(text), [message]);
  return useMemo(() => ({ error, success }), [error, success]);
}
