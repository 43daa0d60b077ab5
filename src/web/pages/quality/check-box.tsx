// 发布前检查: a title (and what else the merchant knows) checked before it goes live; nothing stored.
import { PictureOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { PLATFORMS } from '../../app/types.js';
import { FindingList, MarkedText } from './finding-list.js';
import type { Finding } from './quality-api.js';

type Values = {
  platform: string;
  title: string;
  category?: string;
  brand?: string;
  material?: string;
  price?: number | null;
  reference?: number | null;
  skuCodes?: string;
};

const fen = (yuan: number | null | undefined) =>
  typeof yuan === 'number' ? Math.round(yuan * 100) : undefined;

/** The start of an image file as base64: the server reads its size from the header. */
async function headerOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function CheckBox({ shopId, platform }: { shopId: string | undefined; platform: string | undefined }) {
  const { t } = useTranslation('quality');
  const [form] = Form.useForm<Values>();
  const [images, setImages] = useState<File[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const check = useMutation({
    mutationFn: async (v: Values) =>
      api<{ findings: Finding[]; warnings: string[] }>('/listings/check', {
        method: 'POST',
        body: {
          ...(images.length
            ? { images: await Promise.all(images.map(async (f) => ({ headerBase64: await headerOf(f) }))) }
            : {}),
          platform: v.platform,
          title: v.title,
          ...(v.category ? { category: v.category } : {}),
          ...(v.brand ? { brand: v.brand } : {}),
          ...(v.material ? { material: v.material } : {}),
          ...(fen(v.price) !== undefined ? { priceFen: fen(v.price) } : {}),
          ...(fen(v.reference) !== undefined ? { referencePriceFen: fen(v.reference) } : {}),
          ...(shopId ? { shopId } : {}),
          ...(v.skuCodes?.trim() ? { skuCodes: v.skuCodes.split(/[,，\s]+/).filter(Boolean) } : {}),
        },
      }),
  });
  const result = check.data;
  const checkedTitle = check.variables?.title ?? '';
  const inTitle = result?.findings.filter((f) => f.field === 'title' && f.start !== null) ?? [];
  const others = result?.findings.filter((f) => !inTitle.includes(f)) ?? [];

  return (
    <Card title={t('check.title')} size="small" data-testid="check-box">
      <Typography.Paragraph type="secondary">{t('check.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ platform: platform ?? 'douyin' }}
        onFinish={(v) => check.mutate(v)}
      >
        <Form.Item
          name="title"
          label={t('check.titleLabel')}
          rules={[{ required: true, whitespace: true, max: 1000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('check.titlePlaceholder')}
            data-testid="check-title"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="platform" label={t('check.platform')}>
              <Select options={PLATFORMS.map((p) => ({ value: p, label: t(`common:platform.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="category" label={t('check.category')}>
              <Input maxLength={200} data-testid="check-category" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="brand" label={t('check.brand')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="material" label={t('check.material')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="price" label={t('check.price')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="check-price" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="reference" label={t('check.reference')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="check-reference" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="skuCodes" label={t('check.skuCodes')}>
              <Input maxLength={500} data-testid="check-skus" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('check.images')} extra={t('check.imagesHint')}>
              {/* The browser's own file input reads in the browser's language ("Choose Files"): a button in ours. */}
              <Flex align="center" gap={8}>
                <input
                  ref={fileInput}
                  type="file"
                  accept="image/*"
                  multiple
                  hidden
                  data-testid="check-images"
                  onChange={(e) => setImages([...(e.target.files ?? [])].slice(0, 20))}
                />
                <Button icon={<PictureOutlined />} onClick={() => fileInput.current?.click()}>
                  {t('check.pickImages')}
                </Button>
                <Typography.Text type="secondary">
                  {images.length ? t('check.pickedImages', { count: images.length }) : t('check.noImages')}
                </Typography.Text>
              </Flex>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={check.isPending} data-testid="check-run">
          {t('check.run')}
        </Button>
      </Form>
      {result && (
        <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="check-result">
          {result.findings.length === 0 ? (
            <Alert type="success" showIcon title={t('check.clean')} data-testid="check-clean" />
          ) : (
            <>
              <Typography.Text strong>{t('check.found', { count: result.findings.length })}</Typography.Text>
              <Typography.Paragraph style={{ fontSize: 16, margin: 0 }} data-testid="check-marked">
                <MarkedText text={checkedTitle} findings={inTitle} />
              </Typography.Paragraph>
              {inTitle.length === 0 && (
                <Alert
                  type="success"
                  showIcon
                  title={t('check.titleClean')}
                  data-testid="check-title-clean"
                />
              )}
              <FindingList findings={[...inTitle, ...others]} testId="check-findings" />
            </>
          )}
          {result.warnings.length > 0 && <Alert type="warning" showIcon title={t('check.imageUnreadable')} />}
        </Flex>
      )}
    </Card>
  );
}
