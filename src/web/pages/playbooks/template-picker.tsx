import { Alert, App, Button, Flex, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePicker } from './playbooks-api.js';
import { insertIntoReply } from './reply-insert.js';

/** Pick a template, see it rendered with the case's data, insert it into the reply box. */
export function TemplatePicker({ ticketId, preselect }: { ticketId: string; preselect?: string | null }) {
  const { t } = useTranslation('playbooks');
  const { message } = App.useApp();
  const picker = usePicker(ticketId);
  const [key, setKey] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (preselect) setKey(preselect);
  }, [preselect]);
  const items = picker.data?.items ?? [];
  const chosen = items.find((i) => i.key === key);
  return (
    <Flex vertical gap={8} data-testid="template-picker">
      <Select
        showSearch
        allowClear
        value={key}
        onChange={setKey}
        placeholder={t('picker.placeholder')}
        loading={picker.isPending}
        optionFilterProp="label"
        options={items
          .filter((i) => i.moment !== 'internal_note')
          .map((i) => ({
            value: i.key,
            label: i.fit.usable ? i.name : `${i.name}（${t('picker.notPublicShort')}）`,
          }))}
        data-testid="template-select"
      />
      {chosen && (
        <div className="template-preview" data-testid="template-preview">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
            {chosen.preview.text}
          </Typography.Paragraph>
          {chosen.preview.missing.length > 0 && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('picker.missing', { names: chosen.preview.missing.map((m) => `{${m}}`).join(', ') })}
            </Typography.Text>
          )}
          {!chosen.fit.usable && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              data-testid="template-public-warning"
              message={
                chosen.fit.warning === 'personal_data'
                  ? t('picker.personalData', { names: chosen.fit.variables.map((v) => `{${v}}`).join('、') })
                  : t('picker.privateOnly')
              }
            />
          )}
          <Flex justify="flex-end" style={{ marginTop: 8 }}>
            <Button
              size="small"
              type="primary"
              ghost
              disabled={!chosen.fit.usable}
              onClick={() => {
                insertIntoReply(chosen.preview.text);
                void message.success(t('picker.inserted'));
              }}
              data-testid="template-insert"
            >
              {t('picker.insert')}
            </Button>
          </Flex>
        </div>
      )}
    </Flex>
  );
}
