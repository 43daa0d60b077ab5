import { CheckOutlined, TagOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Popover, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useUsers } from '../../app/queries.js';
import { tagValue } from '../../app/tag-label.js';
import { ROOT_CAUSES } from '../../app/types.js';

type BulkResult = { done: number; failed: { id: string; code: string; message: string }[] };
type BulkBody =
  | { action: 'assign'; assigneeId: string | null }
  | { action: 'close'; rootCause: string }
  | { action: 'tag'; tag: string };

/** Assign, close or tag the ticked cases; the result says how many were done and how many could not be. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation('inbox');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<'assign' | 'close' | 'tag' | null>(null);
  const [tag, setTag] = useState('');

  const run = async (body: BulkBody) => {
    setBusy(true);
    try {
      const result = await api<BulkResult>('/tickets/bulk', { method: 'POST', body: { ...body, ids } });
      if (result.failed.length) {
        message.warning(t('bulk.partly', { done: result.done, failed: result.failed.length }));
      } else {
        message.success(t('bulk.done', { count: result.done }));
      }
      setOpen(null);
      setTag('');
      onDone();
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex
      align="center"
      gap={8}
      wrap
      data-testid="inbox-bulk"
      style={{ padding: '8px 16px', background: '#f0f6ff', borderBottom: '1px solid #d6e4ff' }}
    >
      <Typography.Text strong>{t('bulk.selected', { count: ids.length })}</Typography.Text>
      <Popover
        open={open === 'assign'}
        onOpenChange={(v) => setOpen(v ? 'assign' : null)}
        trigger="click"
        content={
          <Select
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            placeholder={t('bulk.assignTo')}
            loading={users.isPending}
            disabled={busy}
            onChange={(v: string) => void run({ action: 'assign', assigneeId: v === 'none' ? null : v })}
            options={[
              { value: 'none', label: t('common:states.unassigned') },
              ...(users.data ?? []).filter((u) => !u.disabled).map((u) => ({ value: u.id, label: u.name })),
            ]}
            data-testid="bulk-assignee"
          />
        }
      >
        <Button size="small" icon={<UserSwitchOutlined />} data-testid="bulk-assign">
          {t('bulk.assign')}
        </Button>
      </Popover>
      <Popover
        open={open === 'close'}
        onOpenChange={(v) => setOpen(v ? 'close' : null)}
        trigger="click"
        content={
          <Select
            style={{ width: 200 }}
            placeholder={t('bulk.rootCause')}
            disabled={busy}
            onChange={(rootCause: string) => void run({ action: 'close', rootCause })}
            options={ROOT_CAUSES.map((r) => ({ value: r, label: t(`common:rootCause.${r}`) }))}
            data-testid="bulk-root-cause"
          />
        }
      >
        <Button size="small" icon={<CheckOutlined />} data-testid="bulk-close">
          {t('bulk.close')}
        </Button>
      </Popover>
      <Popover
        open={open === 'tag'}
        onOpenChange={(v) => setOpen(v ? 'tag' : null)}
        trigger="click"
        content={
          <Input.Search
            style={{ width: 220 }}
            maxLength={40}
            placeholder={t('bulk.tagPlaceholder')}
            enterButton={t('bulk.addTag')}
            value={tag}
            loading={busy}
            onChange={(e) => setTag(e.target.value)}
            onSearch={(v) => v.trim() && void run({ action: 'tag', tag: tagValue(v) })}
            data-testid="bulk-tag-input"
          />
        }
      >
        <Button size="small" icon={<TagOutlined />} data-testid="bulk-tag">
          {t('bulk.tag')}
        </Button>
      </Popover>
      <Button size="small" type="link" onClick={onDone}>
        {t('bulk.clear')}
      </Button>
    </Flex>
  );
}
