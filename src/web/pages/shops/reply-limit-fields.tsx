// 回复字数上限 in the shop form: the shop's own longest reply per medium, in place of the UNCERTAIN
// platform table (src/replycheck/reply-limits.ts). Empty keeps the table's figure, shown as the placeholder.
import { Flex, Form, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REPLY_LIMITS, REPLY_MEDIUMS, type ReplyMedium } from '../../../replycheck/reply-limits.js';
import type { Platform } from '../../app/types.js';

export type ReplyLimitValues = Partial<Record<ReplyMedium, number | null>>;

/** The overrides to send: the filled-in mediums, or null (the table's figures) when none is. */
export function replyLimitsBody(
  v: ReplyLimitValues | undefined,
): Partial<Record<ReplyMedium, number>> | null {
  const out: Partial<Record<ReplyMedium, number>> = {};
  for (const m of REPLY_MEDIUMS) {
    const n = v?.[m];
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) out[m] = n;
  }
  return Object.keys(out).length ? out : null;
}

export function ReplyLimitFields({ platform }: { platform: Platform }) {
  const { t } = useTranslation('shops');
  const table = REPLY_LIMITS[platform];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('replyLimits.hint')}
      </Typography.Paragraph>
      <Flex gap={16} wrap>
        {REPLY_MEDIUMS.map((m) => (
          <Form.Item
            key={m}
            name={['adapter', 'replyLimits', m]}
            label={t(`replyLimits.${m}`)}
            extra={
              table
                ? t(table[m].verified ? 'replyLimits.default' : 'replyLimits.defaultUnverified', {
                    count: table[m].limit,
                  })
                : undefined
            }
          >
            <InputNumber
              min={1}
              max={20_000}
              precision={0}
              placeholder={table ? String(table[m].limit) : undefined}
              addonAfter={t('replyLimits.unit')}
              style={{ width: 150 }}
              data-testid={`shop-reply-limit-${m}`}
            />
          </Form.Item>
        ))}
      </Flex>
    </>
  );
}
