import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, List, Modal, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.js';
import { type ImportAnswer, importLinks, useInvalidateBrand } from './brand-api.js';

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('brand');
  const { message } = App.useApp();
  const invalidate = useInvalidateBrand();
  const run = useMutation({
    mutationFn: (file: File) => importLinks(file),
    onSuccess: () => invalidate(),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const answer: ImportAnswer | undefined = run.data;
  const problems = answer?.results.filter((r) => r.status !== 'imported') ?? [];
  return (
    <Modal
      open={open}
      title={t('importModal.title')}
      onCancel={() => {
        run.reset();
        onClose();
      }}
      footer={null}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('importModal.hint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          run.mutate(file);
          return false;
        }}
        disabled={run.isPending}
        data-testid="brand-import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('importModal.pick')}</p>
      </Upload.Dragger>
      {answer && (
        <Alert
          style={{ marginTop: 16 }}
          type={answer.failed ? 'warning' : 'success'}
          message={t('importModal.done', answer)}
          data-testid="brand-import-result"
        />
      )}
      {problems.length > 0 && (
        <List
          size="small"
          dataSource={problems}
          renderItem={(r) => (
            <List.Item>
              {t('importModal.line', { line: r.line })}: {r.reason}
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
