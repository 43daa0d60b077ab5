import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, setApiHandlers } from './api.js';

const formatYuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The text to show for an API error: a translated message for known codes, else the server's. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    const e = error as Partial<ApiError>;
    // A refusal the server explains by reason is worded here, with money in yuan (never "9000 fen").
    const reason = e?.detail?.refusal;
    if (typeof reason === 'string' && i18n.exists(`common:refusals.${reason}`)) {
      const money = (key: string) =>
        typeof e.detail?.[key] === 'number' ? formatYuan(e.detail[key] as number) : '';
      const role = e.detail?.requiredRole;
      return t(`common:refusals.${reason}`, {
        cost: money('costFen'),
        order: money('orderFen'),
        limit: money('limitFen'),
        role: typeof role === 'string' ? t(`common:role.${role}`) : '',
      });
    }
    if (e?.code && i18n.exists(`common:errors.${e.code}`)) {
      return t(`common:errors.${e.code}`, { message: e.message ?? '' });
    }
    return e?.message || t('common:errors.generic');
  };
}

/** Shows API errors with antd's message (mounted once inside the antd App). */
export function ErrorBridge() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  useEffect(() => {
    setApiHandlers({ onError: (error) => void message.error(errorText(error)) });
  });
  return null;
}
