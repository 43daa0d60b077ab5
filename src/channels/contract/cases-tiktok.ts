// Test support: the TikTok Shop contract cases (see cases.ts).
import { type ApiCase, CREDS, NOW, work } from './case-kit.js';
import { tiktokshopPhp } from './sdk-mirrors.js';

export const TT_RETURN = 'aftersale:4035318504958413825';
const tt =
  (
    method: 'GET' | 'POST',
    category: string,
    action: string,
    query: Record<string, string> | undefined,
    json?: unknown,
  ) =>
  () =>
    tiktokshopPhp(
      CREDS.tiktok,
      { method, category, action, ...(query ? { query } : {}), ...(json === undefined ? {} : { json }) },
      NOW,
    );
export const TIKTOK: ApiCase[] = [
  {
    platform: 'tiktok',
    name: 'agree-refund',
    source:
      'EcomPHP/tiktokshop-php src/Resources/ReturnRefund.php approveReturn; src/Client.php prepareSignature',
    work: work('0193a000-0000-7000-8000-00000000t001', 'agree_refund', TT_RETURN, '576461413038785752', {}),
    sdk: tt(
      'POST',
      'return_refund',
      'returns/4035318504958413825/approve',
      { idempotency_key: '0193a000-0000-7000-8000-00000000t001' },
      { decision: 'APPROVE_REFUND' },
    ),
  },
  {
    platform: 'tiktok',
    name: 'agree-refund-after-return',
    source: 'ReturnRefund.php approveReturn (decision APPROVE_RECEIVED_PACKAGE); Client.php',
    work: work('0193a000-0000-7000-8000-00000000t002', 'agree_refund', TT_RETURN, null, {
      after_return: true,
    }),
    sdk: tt(
      'POST',
      'return_refund',
      'returns/4035318504958413825/approve',
      { idempotency_key: '0193a000-0000-7000-8000-00000000t002' },
      { decision: 'APPROVE_RECEIVED_PACKAGE' },
    ),
  },
  {
    platform: 'tiktok',
    name: 'agree-return',
    source: 'ReturnRefund.php approveReturn (decision APPROVE_RETURN); Client.php',
    work: work('0193a000-0000-7000-8000-00000000t003', 'return_instruction', TT_RETURN, null, {
      purpose: 'return_and_refund',
    }),
    sdk: tt(
      'POST',
      'return_refund',
      'returns/4035318504958413825/approve',
      { idempotency_key: '0193a000-0000-7000-8000-00000000t003' },
      { decision: 'APPROVE_RETURN' },
    ),
  },
  {
    platform: 'tiktok',
    name: 'refuse',
    source: 'ReturnRefund.php rejectReturn {decision, reject_reason, comment}; Client.php',
    work: work('0193a000-0000-7000-8000-00000000t004', 'refuse_refund', TT_RETURN, null, {
      reason: 'The item was used and cannot be resold.',
      reason_code: 'seller_reject_apply_product_has_been_used',
      refuse_stage: 'return',
    }),
    sdk: tt(
      'POST',
      'return_refund',
      'returns/4035318504958413825/reject',
      { idempotency_key: '0193a000-0000-7000-8000-00000000t004' },
      {
        decision: 'REJECT_RETURN',
        reject_reason: 'seller_reject_apply_product_has_been_used',
        comment: 'The item was used and cannot be resold.',
      },
    ),
  },
  {
    platform: 'tiktok',
    name: 'approve-cancellation',
    source: 'ReturnRefund.php approveCancellation (idempotency_key, no body); Client.php',
    work: work(
      '0193a000-0000-7000-8000-00000000t005',
      'approve_cancellation',
      'cancel:4035318504958419999',
      null,
      {},
    ),
    sdk: tt('POST', 'return_refund', 'cancellations/4035318504958419999/approve', {
      idempotency_key: '0193a000-0000-7000-8000-00000000t005',
    }),
  },
  {
    platform: 'tiktok',
    name: 'reject-cancellation',
    source: 'ReturnRefund.php rejectCancellation {reject_reason, comment}; Client.php',
    work: work(
      '0193a000-0000-7000-8000-00000000t006',
      'reject_cancellation',
      'cancel:4035318504958419999',
      null,
      {
        reason: 'The parcel has already been handed to the carrier.',
        reason_code: 'seller_reject_cancel_package_shipped',
      },
    ),
    sdk: tt(
      'POST',
      'return_refund',
      'cancellations/4035318504958419999/reject',
      { idempotency_key: '0193a000-0000-7000-8000-00000000t006' },
      {
        reject_reason: 'seller_reject_cancel_package_shipped',
        comment: 'The parcel has already been handed to the carrier.',
      },
    ),
  },
  {
    platform: 'tiktok',
    name: 'reply-chat',
    source:
      'EcomPHP/tiktokshop-php src/Resources/CustomerService.php sendMessage(TEXT, {content}); Client.php',
    work: work('0193a000-0000-7000-8000-00000000t007', 'reply', 'chat:7294867890123456789', null, {
      content: 'Hello Anna, your parcel is on its way — tracking 1Z999/AA.',
    }),
    sdk: tt('POST', 'customer_service', 'conversations/7294867890123456789/messages', undefined, {
      type: 'TEXT',
      content: phpJson({ content: 'Hello Anna, your parcel is on its way — tracking 1Z999/AA.' }),
    }),
  },
];

function phpJson(v: unknown): string {
  // CustomerService::sendMessage json_encodes an array content before Guzzle encodes the body.
  return JSON.stringify(v)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
