import { z } from 'zod';

const id = z.union([z.string().min(1).max(64), z.number().int()]);
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);

/** Webhook envelope `{type, tts_notification_id, shop_id, timestamp, data}`. */
export const TiktokEnvelope = z.object({
  type: z.number().int().nonnegative(),
  tts_notification_id: id,
  shop_id: id.optional(),
  timestamp: num.optional(),
  data: z.record(z.string(), z.unknown()).optional().default({}),
});

export const TIKTOK_TYPES: Record<number, string> = {
  1: 'ORDER_STATUS_CHANGE',
  3: 'RECIPIENT_ADDRESS_UPDATE',
  4: 'PACKAGE_UPDATE',
  5: 'PRODUCT_STATUS_CHANGE',
  6: 'SELLER_DEAUTHORIZATION',
  7: 'UPCOMING_AUTHORIZATION_EXPIRATION',
  11: 'CANCELLATION_STATUS_CHANGE',
  12: 'RETURN_STATUS_CHANGE',
  13: 'NEW_CONVERSATION',
  14: 'NEW_MESSAGE',
  64: 'AFTERSALES_REQUEST_STATUS_UPDATE',
  65: 'RMA_STATUS_UPDATE',
  67: 'REFUND_SUCCESS',
};

export const RETURN_STATUSES = [
  'RETURN_OR_REFUND_REQUEST_PENDING',
  'REFUND_OR_RETURN_REQUEST_REJECT',
  'AWAITING_BUYER_SHIP',
  'BUYER_SHIPPED_ITEM',
  'REJECT_RECEIVE_PACKAGE',
  'RETURN_OR_REFUND_REQUEST_SUCCESS',
  'RETURN_OR_REFUND_REQUEST_CANCEL',
  'RETURN_OR_REFUND_REQUEST_COMPLETE',
] as const;

export const TiktokReturnData = z.looseObject({
  order_id: id.optional(),
  return_id: id,
  return_role: z.string().optional(),
  return_type: z.string().optional(),
  return_status: z.string(),
  create_time: num.optional(),
  update_time: num.optional(),
});

/** Other after-sale updates (64, 65, 67): field names beyond the ids are UNCERTAIN. */
export const TiktokAfterSaleData = z.looseObject({
  order_id: id.optional(),
  return_id: id.optional(),
  aftersale_id: id.optional(),
  refund_id: id.optional(),
  status: z.string().optional(),
  refund_amount: num.optional(),
  update_time: num.optional(),
});

/**
 * NEW_CONVERSATION / NEW_MESSAGE (easycb/easycb-go tiktok/model_webhook.go WebhookNewMessageData):
 * content is a JSON string ({"content": "…"} for TEXT), sender {im_user_id, role}.
 */
export const TiktokMessageData = z.looseObject({
  conversation_id: id,
  message_id: id.optional(),
  type: z.string().optional(),
  content: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  is_visible: z.boolean().optional(),
  sender: z
    .looseObject({ role: z.string().optional(), nickname: z.string().optional(), im_user_id: id.optional() })
    .optional(),
  create_time: num.optional(),
});

/** CANCELLATION_STATUS_CHANGE (model_webhook.go WebhookCancellationStatusChangeData). */
export const TiktokCancellationData = z.looseObject({
  order_id: id.optional(),
  cancel_id: id,
  cancellations_role: z.string().optional(),
  cancel_status: z.string(),
  create_time: num.optional(),
  update_time: num.optional(),
});

/** UPCOMING_AUTHORIZATION_EXPIRATION (type 7): the field names are UNCERTAIN. */
export const TiktokAuthExpiryData = z.looseObject({
  expiration_time: num.optional(),
  expire_time: num.optional(),
  message: z.string().optional(),
});
