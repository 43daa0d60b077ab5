import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Flex, Image, Input, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceView } from '../../../evidence/evidence-routes.js';
import type { Json } from '../../../http/json-dates.js';
import { ApiError, api, apiUrl } from '../../app/api.js';
import { uploadSubjectEvidence } from '../evidence/evidence-api.js';
import { type RecallDetail, useRecallMutation } from './recalls-api.js';

type Photo = Json<typeof EvidenceView>;
type Choice = { evidenceId: string; captionZh: string; captionEn: string };
const MAX = 6;

/**
 * Product and batch identification photos for the statement: uploaded into the evidence vault on
 * this recall, then chosen (with captions) for the public page, which shows the copy without location data.
 */
export function StatementPhotos({ recall: r }: { recall: RecallDetail }) {
  const { t } = useTranslation('recalls');
  const { message } = App.useApp();
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const photos = useQuery({
    queryKey: ['recall', r.id, 'photos-evidence'],
    queryFn: async () =>
      (
        await api<{ items: Photo[] }>('/evidence', { query: { subjectType: 'recall', subjectId: r.id } })
      ).items.filter((p) => p.mediaType.startsWith('image/')),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadSubjectEvidence('recall', r.id, file, 'photo'),
    onSuccess: (p) => {
      void message.success(t('photos.uploaded', { name: p.fileName }));
      return photos.refetch();
    },
    onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
  });
  const save = useRecallMutation(r.id, (items: Choice[]) =>
    api(`/recalls/${r.id}/photos`, { method: 'PUT', body: { items } }),
  );
  const current =
    choices ??
    r.statementPhotos.map(({ evidenceId, captionZh, captionEn }) => ({ evidenceId, captionZh, captionEn }));
  const chosen = (id: string) => current.find((c) => c.evidenceId === id);
  const edit = (id: string, change: Partial<Choice> | null) => {
    const rest = current.filter((c) => c.evidenceId !== id);
    const was = chosen(id) ?? { evidenceId: id, captionZh: '', captionEn: '' };
    setChoices(
      change === null
        ? rest
        : current.some((c) => c.evidenceId === id)
          ? current.map((c) => (c.evidenceId === id ? { ...c, ...change } : c))
          : [...rest, { ...was, ...change }],
    );
  };
  const editable = r.status !== 'closed' && r.status !== 'cancelled';
  return (
    <Flex vertical gap={8} data-testid="statement-photos">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{t('photos.title')}</Typography.Text>
        {editable && (
          <Upload
            accept="image/*"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="photos-upload">
              {t('photos.upload')}
            </Button>
          </Upload>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('photos.intro', { max: MAX })}
      </Typography.Text>
      {(photos.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('photos.empty')} />
      ) : (
        <Flex gap={12} wrap>
          {(photos.data ?? []).map((p) => {
            const c = chosen(p.id);
            return (
              <Card key={p.id} size="small" style={{ width: 220 }} data-testid={`photo-${p.fileName}`}>
                <Image
                  src={apiUrl(`/evidence/${p.id}/content`, {
                    variant: p.shareable ? 'shareable' : 'original',
                    disposition: 'inline',
                  })}
                  alt={p.fileName}
                  height={120}
                  style={{ objectFit: 'cover' }}
                />
                <Flex vertical gap={4} style={{ marginTop: 8 }}>
                  <Checkbox
                    checked={!!c}
                    disabled={!editable || !p.shareable || (!c && current.length >= MAX)}
                    onChange={(e) => edit(p.id, e.target.checked ? {} : null)}
                  >
                    {t('photos.publish')}
                  </Checkbox>
                  {p.location === 'removed' && <Tag color="blue">{t('photos.gpsRemoved')}</Tag>}
                  {!p.shareable && <Tag color="error">{t('photos.gpsStuck')}</Tag>}
                  {c && (
                    <>
                      <Input
                        size="small"
                        maxLength={200}
                        placeholder={t('photos.captionZh')}
                        value={c.captionZh}
                        onChange={(e) => edit(p.id, { captionZh: e.target.value })}
                      />
                      <Input
                        size="small"
                        maxLength={200}
                        placeholder={t('photos.captionEn')}
                        value={c.captionEn}
                        onChange={(e) => edit(p.id, { captionEn: e.target.value })}
                      />
                    </>
                  )}
                </Flex>
              </Card>
            );
          })}
        </Flex>
      )}
      {editable && (
        <Flex>
          <Button
            disabled={choices === null}
            loading={save.isPending}
            onClick={() =>
              save.mutate(current, {
                onSuccess: () => {
                  setChoices(null);
                  void message.success(t('photos.saved'));
                },
              })
            }
            data-testid="photos-save"
          >
            {t('photos.save', { count: current.length })}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
