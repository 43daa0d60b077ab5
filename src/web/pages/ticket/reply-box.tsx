import { SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Segmented, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmitForApproval, useTraining } from '../coaching/coaching-api.js';
import { useReplyInsert } from '../playbooks/reply-insert.js';
import { CleanMark, ReplyFindings } from '../replycheck/reply-findings.js';
import { useReplyCheck, useReplyLimit } from '../replycheck/replycheck-api.js';
import { useSendMessage } from './use-ticket.js';

type Mode = 'outbound' | 'note';

/** Reply to the buyer or add an internal note; Ctrl+Enter (⌘+Enter) sends. */
export function ReplyBox({ ticketId, closed }: { ticketId: string; closed: boolean }) {
  const { t, i18n } = useTranslation('ticket');
  const { message } = App.useApp();
  const [mode, setMode] = useState<Mode>('outbound');
  const [body, setBody] = useState('');
  const send = useSendMessage(ticketId);
  // An agent in training: replies go to a supervisor first (the server refuses them otherwise).
  const training = useTraining();
  const forApproval = useSubmitForApproval();
  // Replies to the buyer are checked as the agent types; the server refuses blocking findings anyway.
  const check = useReplyCheck(ticketId, body, i18n.language, mode === 'outbound');
  // The platform's length limit for this channel, counted live; an over-long reply is refused, never cut.
  const size = useReplyLimit(ticketId, body);
  const blocked = check.findings.some((f) => f.severity === 'block') || size.over;
  // The template picker inserts its rendered text here.
  useReplyInsert((text) => {
    setMode('outbound');
    setBody((prev) => (prev.trim() ? `${prev}\n${text}` : text));
  });

  const submit = () => {
    const text = body.trim();
    if (!text || send.isPending || (mode === 'outbound' && blocked)) return;
    if (mode === 'outbound' && training) {
      forApproval.mutate(
        { ticketId, body: text },
        {
          onSuccess: () => {
            setBody('');
            void message.success(t('reply.heldForApproval'));
          },
        },
      );
      return;
    }
    send.mutate(
      { direction: mode, body: text },
      {
        onSuccess: () => {
          setBody('');
          void message.success(mode === 'note' ? t('reply.noteSaved') : t('reply.sent'));
        },
      },
    );
  };

  return (
    <Flex vertical gap={8} className={`reply-box reply-${mode}`} data-testid="reply-box">
      <Flex justify="space-between" align="center">
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'outbound', label: t('reply.reply') },
            { value: 'note', label: t('reply.note') },
          ]}
        />
        {closed && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reply.closedHint')}
          </Typography.Text>
        )}
      </Flex>
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={mode === 'note' ? t('reply.notePlaceholder') : t('reply.replyPlaceholder')}
        autoSize={{ minRows: 3, maxRows: 10 }}
        status={mode === 'outbound' && size.over ? 'error' : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        data-testid="reply-input"
      />
      {mode === 'outbound' && <ReplyFindings findings={check.findings} checking={check.checking} />}
      <Flex justify="space-between" align="center">
        {mode === 'outbound' && body.trim() && !check.checking && !check.findings.length ? (
          <CleanMark />
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Ctrl + Enter
          </Typography.Text>
        )}
        {mode === 'outbound' && size.limit && (
          <Tooltip title={size.limit.verified ? undefined : t('reply.limitUnverified')}>
            <Typography.Text
              type={size.over ? 'danger' : 'secondary'}
              style={{ fontSize: 12, marginLeft: 'auto', marginRight: 8 }}
              data-testid="reply-counter"
            >
              {size.over
                ? t('reply.overLimit', { length: size.length, limit: size.limit.limit })
                : t('reply.counter', { length: size.length, limit: size.limit.limit })}
            </Typography.Text>
          </Tooltip>
        )}
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={submit}
          loading={send.isPending || forApproval.isPending}
          disabled={!body.trim() || (mode === 'outbound' && blocked)}
          data-testid="reply-send"
        >
          {mode === 'note' ? t('reply.saveNote') : training ? t('reply.submitForApproval') : t('reply.send')}
        </Button>
      </Flex>
    </Flex>
  );
}
