import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { type ApiToken, ROLES, type Role } from '../../app/types.js';

type TokenForm = { name: string; role: Role };

/** Create a token, then show its value exactly once with a copy button. */
export function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TokenForm>();
  const [token, setToken] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: TokenForm) =>
      api<ApiToken & { token: string }>('/tokens', {
        method: 'POST',
        body: { name: v.name.trim(), role: v.role },
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
      setToken(created.token);
    },
  });
  const close = () => {
    setToken(null);
    form.resetFields();
    onClose();
  };
  const copy = async () => {
    if (!token) return;
    await navigator.clipboard.writeText(token).catch(() => undefined);
    void message.success(t('common:actions.copied'));
  };

  if (token) {
    return (
      <Modal
        open={open}
        title={
          <Flex gap={8} align="center">
            <KeyOutlined /> {t('tokens.shownOnce')}
          </Flex>
        }
        closable={false}
        maskClosable={false}
        footer={
          <Flex justify="flex-end" gap={8}>
            <Button icon={<CopyOutlined />} onClick={copy}>
              {t('tokens.copy')}
            </Button>
            <Button type="primary" onClick={close}>
              {t('tokens.done')}
            </Button>
          </Flex>
        }
      >
        <Alert type="warning" showIcon title={t('tokens.shownOnceHint')} style={{ marginBottom: 16 }} />
        <div
          data-testid="token-value"
          style={{
            padding: '10px 12px',
            background: '#f6f8fa',
            border: '1px solid #e5e7eb',
            borderRadius: 6,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontSize: 13,
            wordBreak: 'break-all',
            userSelect: 'all',
          }}
        >
          {token}
        </div>
      </Modal>
    );
  }
  return (
    <Modal
      open={open}
      title={t('tokens.create')}
      okText={t('common:actions.create')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<TokenForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'agent' }}
        onFinish={(v) => create.mutate(v)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('tokens.fields.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('validation.required', { field: t('tokens.fields.name') }),
            },
          ]}
        >
          <Input maxLength={100} placeholder={t('tokens.fields.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="role" label={t('tokens.fields.role')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
