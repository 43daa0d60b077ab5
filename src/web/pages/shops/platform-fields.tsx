// The shop form's settings that only some platforms have: the return address, TikTok's shop cipher,
// Pinduoduo's relay signature, and Douyin's reason-code table and operate-type codes. The defaults
// behind the last two are UNCERTAIN platform facts (src/channels/douyin/reasons.ts, operate-types.ts),
// which is why a merchant can correct them here.

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DOUYIN_OPERATE_TYPES, type DouyinOperate } from '../../../channels/douyin/operate-types.js';
import { DOUYIN_REASON_CODES } from '../../../channels/douyin/reasons.js';
import type { Platform } from '../../app/types.js';
import type { AdapterValues } from './adapter-values.js';

type ReasonRow = NonNullable<AdapterValues['douyinReasonCodes']>[number];

const OPERATES = Object.keys(DOUYIN_OPERATE_TYPES) as DouyinOperate[];

export function PlatformFields({ platform }: { platform: Exclude<Platform, 'manual'> }) {
  const { t } = useTranslation('shops');
  return (
    <>
      {platform !== 'tiktok' && (
        <Form.Item
          name={['adapter', 'returnAddressId']}
          label={t('more.returnAddressId')}
          extra={t('more.returnAddressIdHelp')}
          rules={[{ max: 100, message: t('adapter.tooLong', { max: 100 }) }]}
        >
          <Input autoComplete="off" allowClear data-testid="shop-return-address-id" />
        </Form.Item>
      )}
      {platform === 'tiktok' && (
        <Form.Item
          name={['adapter', 'shopCipher']}
          label={t('more.shopCipher')}
          extra={t('more.shopCipherHelp')}
          rules={[{ max: 100, message: t('adapter.tooLong', { max: 100 }) }]}
        >
          <Input autoComplete="off" allowClear data-testid="shop-tiktok-cipher" />
        </Form.Item>
      )}
      {platform === 'pinduoduo' && (
        <Form.Item
          name={['adapter', 'pddRelaySignature']}
          label={t('more.pddRelaySignature')}
          extra={t('more.pddRelaySignatureHelp')}
        >
          <Select
            allowClear
            placeholder={t('more.relayBody')}
            options={[
              { value: 'body', label: t('more.relayBody') },
              { value: 'legacy', label: t('more.relayLegacy') },
            ]}
            data-testid="shop-pdd-relay-signature"
          />
        </Form.Item>
      )}
      {platform === 'douyin' && <DouyinReasonCodes />}
      {platform === 'douyin' && <DouyinOperateTypes />}
    </>
  );
}

function DouyinReasonCodes() {
  const { t } = useTranslation('shops');
  const form = Form.useFormInstance();
  const defaults = Object.entries(DOUYIN_REASON_CODES);
  return (
    <Form.Item label={t('more.reasonCodes')} extra={t('more.reasonCodesHelp')}>
      <Form.List
        name={['adapter', 'douyinReasonCodes']}
        rules={[
          {
            validator: async (_, rows: ReasonRow[] | undefined) => {
              if ((rows ?? []).length > 200) throw new Error(t('more.reasonCodesTooMany'));
            },
          },
        ]}
      >
        {(rows, { add, remove }, { errors }) => (
          <Flex vertical gap={8} data-testid="shop-douyin-reason-codes">
            {rows.map((row) => (
              <Flex key={row.key} gap={8} align="start">
                <Form.Item
                  name={[row.name, 'code']}
                  noStyle
                  rules={[
                    { pattern: /^\s*\d{1,6}\s*$/, message: t('more.reasonCodeBad') },
                    { required: true, message: t('more.reasonCodeBad') },
                    ({ getFieldValue }) => ({
                      validator: async (_, code: string | undefined) => {
                        const all = (getFieldValue(['adapter', 'douyinReasonCodes']) ?? []) as ReasonRow[];
                        const c = code?.trim();
                        if (c && all.filter((r) => r?.code?.trim() === c).length > 1)
                          throw new Error(t('more.reasonCodeTwice', { code: c }));
                      },
                    }),
                  ]}
                >
                  <Input
                    style={{ width: 90, flex: 'none' }}
                    placeholder={t('more.reasonCode')}
                    inputMode="numeric"
                    maxLength={6}
                    autoComplete="off"
                    aria-label={t('more.reasonCode')}
                  />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'text']}
                  noStyle
                  rules={[
                    { required: true, whitespace: true, message: t('more.reasonTextRequired') },
                    { max: 40, message: t('more.reasonTextTooLong') },
                  ]}
                >
                  <Input placeholder={t('more.reasonText')} maxLength={40} autoComplete="off" />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('more.removeReason')}
                  onClick={() => remove(row.name)}
                />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Flex gap={8} wrap>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({})}
                disabled={rows.length >= 200}
                data-testid="shop-add-reason"
              >
                {t('more.addReason')}
              </Button>
              {rows.length === 0 && (
                <Button
                  onClick={() =>
                    form.setFieldValue(
                      ['adapter', 'douyinReasonCodes'],
                      defaults.map(([code, text]) => ({ code, text })),
                    )
                  }
                  data-testid="shop-copy-reasons"
                >
                  {t('more.copyDefaults')}
                </Button>
              )}
            </Flex>
            {rows.length === 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('more.defaultsTitle')}：{defaults.map(([code, text]) => `${code} ${text}`).join('；')}
              </Typography.Text>
            )}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

function DouyinOperateTypes() {
  const { t } = useTranslation('shops');
  return (
    <Form.Item label={t('more.operateTypes')} extra={t('more.operateTypesHelp')}>
      <Flex gap={8} wrap data-testid="shop-douyin-operate-types">
        {OPERATES.map((name) => (
          <Form.Item
            key={name}
            name={['adapter', 'douyinOperateTypes', name]}
            label={t(`more.operate.${name}`)}
            layout="vertical"
            style={{ marginBottom: 0, width: 150 }}
            rules={[{ type: 'integer', min: 1, max: 9999, message: t('more.operateBad') }]}
          >
            <InputNumber
              min={1}
              max={9999}
              precision={0}
              placeholder={String(DOUYIN_OPERATE_TYPES[name])}
              style={{ width: '100%' }}
              data-testid={`shop-douyin-operate-${name}`}
            />
          </Form.Item>
        ))}
      </Flex>
    </Form.Item>
  );
}
