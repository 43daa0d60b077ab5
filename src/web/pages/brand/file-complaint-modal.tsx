import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.js';
import { type Listing, reasonText, useAccounts, useInvalidateBrand } from './brand-api.js';

/** Drafts a complaint from a watched link and submits it: the server re-runs the pre-check first. */
export function FileComplaintModal({ listing, onClose }: { listing: Listing | null; onClose: () => void }) {
  const { t } = useTranslation('brand');
  const { message } = App.useApp();
  const accounts = useAccounts();
  const invalidate = useInvalidateBrand();
  const [accountId, setAccountId] = useState<string>();
  const [statement, setStatement] = useState('');
  const [newAccount, setNewAccount] = useState('');
  const options = (accounts.data ?? []).filter((a) => a.platform === listing?.platform);
  const chosen = accountId ?? options[0]?.id;
  const addAccount = useMutation({
    mutationFn: () =>
      api<{ id: string }>('/brand/accounts', {
        method: 'POST',
        body: { platform: listing?.platform, name: newAccount },
      }),
    onSuccess: (a) => {
      setAccountId(a.id);
      setNewAccount('');
      return invalidate();
    },
  });
  const file = useMutation({
    mutationFn: async () => {
      const draft = await api<{ id: string }>('/brand/complaints', {
        method: 'POST',
        body: { listingId: listing!.id, accountId: chosen, statement: statement || undefined },
        silent: true,
      });
      return api(`/brand/complaints/${draft.id}/status`, {
        method: 'POST',
        body: { to: 'submitted' },
        silent: true,
      });
    },
    onSuccess: () => {
      message.success(t('watch.filed'));
      setStatement('');
      onClose();
      return invalidate();
    },
    onError: (e) => {
      message.error(e instanceof ApiError ? e.message : String(e));
      return invalidate();
    },
  });
  return (
    <Modal open={!!listing} title={t('fileModal.title')} onCancel={onClose} footer={null} destroyOnHidden>
      {listing && (
        <Form layout="vertical" onFinish={() => file.mutate()}>
          {listing.precheck.reasons.length > 0 && (
            <Alert
              type="warning"
              style={{ marginBottom: 12 }}
              message={listing.precheck.reasons.map((r) => reasonText(t, r)).join('；')}
            />
          )}
          <Form.Item label={t('fileModal.account')} required>
            {options.length ? (
              <Select
                value={chosen}
                onChange={setAccountId}
                options={options.map((a) => ({ value: a.id, label: a.name }))}
                data-testid="brand-file-account"
              />
            ) : (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  placeholder={t('fileModal.accountName')}
                  value={newAccount}
                  onChange={(e) => setNewAccount(e.target.value)}
                  data-testid="brand-new-account"
                />
                <Button
                  onClick={() => addAccount.mutate()}
                  disabled={!newAccount.trim()}
                  loading={addAccount.isPending}
                >
                  {t('fileModal.addAccount')}
                </Button>
              </Space.Compact>
            )}
          </Form.Item>
          <Form.Item label={t('fileModal.statement')}>
            <Input.TextArea
              rows={3}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
              maxLength={5000}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            disabled={!chosen}
            loading={file.isPending}
            data-testid="brand-file-submit"
          >
            {t('fileModal.submit')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
