import { CheckOutlined, StopOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplyPlaybook, useMarkStep, useTicketPlaybook } from './playbooks-api.js';
import { TemplatePicker } from './template-picker.js';

/** The case's playbook: the suggested next step, its template, the steps done so far. */
export function NextStepCard({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation('playbooks');
  const { message } = App.useApp();
  const view = useTicketPlaybook(ticketId);
  const apply = useApplyPlaybook(ticketId);
  const mark = useMarkStep(ticketId);
  const [template, setTemplate] = useState<string | null>(null);
  const zh = i18n.language.startsWith('zh');
  const data = view.data;
  const title = (s: { title: { zh: string; en: string } }) => (zh ? s.title.zh : s.title.en);
  if (!data) return <Card size="small" loading title={t('next.title')} />;
  const done = new Set(data.doneSteps.map((s) => s.key));
  const next = data.nextStep;
  const steps = data.playbook?.steps ?? [];
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <ThunderboltOutlined />
          {t('next.title')}
          {data.playbook && <Tag>{t(`category.${data.playbook.category}`, { ns: 'common' })}</Tag>}
        </Flex>
      }
      extra={
        data.playbook && !data.applied ? (
          <Button
            size="small"
            type="primary"
            loading={apply.isPending}
            onClick={() =>
              apply.mutate(undefined, {
                onSuccess: () => void message.success(t('next.applied', { name: data.playbook?.name })),
              })
            }
            data-testid="playbook-apply"
          >
            {t('next.apply')}
          </Button>
        ) : null
      }
      data-testid="next-step-card"
    >
      <Flex vertical gap={12}>
        {data.blocklisted && (
          <Alert
            type="error"
            showIcon
            icon={<StopOutlined />}
            message={t('next.blocklisted', { reason: data.blocklisted.reason })}
          />
        )}
        {!data.playbook && <Typography.Text type="secondary">{t('next.none')}</Typography.Text>}
        {data.playbook && (
          <Steps
            size="small"
            direction="vertical"
            current={next ? steps.findIndex((s) => s.key === next.key) : steps.length}
            items={steps.map((s) => ({
              title: title(s),
              status: done.has(s.key) ? 'finish' : s.key === next?.key ? 'process' : 'wait',
            }))}
          />
        )}
        {data.playbook && (
          <PlaybookProgress
            done={steps.filter((s) => done.has(s.key)).length}
            total={steps.length}
            closedWithOpen={!next}
          />
        )}
        {next && (
          <Flex gap={8} wrap data-testid="next-step" data-step={next.key}>
            {next.templateKey && next.action !== 'internal_note' && (
              <Button
                size="small"
                onClick={() => setTemplate(next.templateKey ?? null)}
                data-testid="next-use-template"
              >
                {t('next.useTemplate')}
              </Button>
            )}
            <Button
              size="small"
              icon={<CheckOutlined />}
              loading={mark.isPending}
              onClick={() => mark.mutate(next.key)}
              data-testid="next-done"
            >
              {t('next.done')}
            </Button>
          </Flex>
        )}
        <TemplatePicker ticketId={ticketId} preselect={template} />
      </Flex>
    </Card>
  );
}

/**
 * What was really done: "all done" only when every step is ticked. A closed case stops suggesting
 * steps, which is no reason to call the playbook finished.
 */
function PlaybookProgress({
  done,
  total,
  closedWithOpen,
}: {
  done: number;
  total: number;
  closedWithOpen: boolean;
}) {
  const { t } = useTranslation('playbooks');
  if (total > 0 && done >= total) {
    return (
      <Typography.Text type="success" data-testid="playbook-progress" data-state="done">
        {t('next.allDone')}
      </Typography.Text>
    );
  }
  if (closedWithOpen) {
    return (
      <Typography.Text type="warning" data-testid="playbook-progress" data-state="open">
        {t('next.openOnClose', { count: total - done })}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text type="secondary" data-testid="playbook-progress" data-state="partial">
      {t('next.progress', { done, total })}
    </Typography.Text>
  );
}
