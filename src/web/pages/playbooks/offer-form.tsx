import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type OfferBody, REMEDY_LIST, type Remedy } from './playbooks-api.js';

export type OfferFormValues = { remedy: Remedy; amount?: number; coupon?: number; note?: string };

const NO_AMOUNT: Remedy[] = ['exchange', 'reship', 'apology_only'];

export const toOfferBody = (v: OfferFormValues): OfferBody => ({
  remedy: v.remedy,
  ...(v.amount ? { amountFen: Math.round(v.amount * 100) } : {}),
  ...(v.coupon ? { couponFen: Math.round(v.coupon * 100) } : {}),
  ...(v.note?.trim() ? { note: v.note.trim() } : {}),
});

/** Remedy, amount (yuan in the form, fen on the wire), add-on coupon, note. */
export function OfferFields({ prefix }: { prefix: string }) {
  const { t } = useTranslation('playbooks');
  const remedy = Form.useWatch<Remedy | undefined>('remedy');
  return (
    <>
      <Form.Item name="remedy" label={t('offer.remedy')} rules={[{ required: true }]}>
        <Select
          options={REMEDY_LIST.map((r) => ({ value: r, label: t(`remedy.${r}`) }))}
          data-testid={`${prefix}-remedy`}
        />
      </Form.Item>
      {remedy && !NO_AMOUNT.includes(remedy) && (
        <Form.Item name="amount" label={t('offer.amount')}>
          <InputNumber
            min={0}
            step={1}
            precision={2}
            style={{ width: '100%' }}
            data-testid={`${prefix}-amount`}
          />
        </Form.Item>
      )}
      {remedy && remedy !== 'apology_only' && (
        <Form.Item name="coupon" label={t('offer.coupon')}>
          <InputNumber
            min={0}
            step={1}
            precision={2}
            style={{ width: '100%' }}
            data-testid={`${prefix}-coupon`}
          />
        </Form.Item>
      )}
      {(remedy === 'exchange' || remedy === 'return_and_refund') && (
        <Checkbox checked disabled style={{ marginBottom: 12 }}>
          {t('offer.returnPaid')}
        </Checkbox>
      )}
      <Form.Item name="note" label={t('offer.note')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={1000} />
      </Form.Item>
    </>
  );
}
