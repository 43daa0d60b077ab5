import { z } from 'zod';

const id = z.union([z.string().min(1).max(64), z.number().int()]);
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);

/** A TMC message relayed over HTTP: topic, content (JSON string), id, userid, nick, outtime, dataid, publisher. */
export const TmcMessage = z.looseObject({
  topic: z.string().min(1).max(128),
  content: z.union([z.string().max(512 * 1024), z.record(z.string(), z.unknown())]),
  id: id,
  userid: id.optional(),
  nick: z.string().optional(),
  outtime: z.string().optional(),
  dataid: id.optional(),
  publisher: z.string().optional(),
  sign: z.string().optional(),
});

export const TaobaoRefundContent = z.looseObject({
  refund_id: id,
  tid: id.optional(),
  oid: id.optional(),
  refund_fee: num.optional(),
  bill_type: z.string().optional(),
  refund_phase: z.string().optional(),
  buyer_nick: z.string().optional(),
  buyer_open_uid: z.string().optional(),
  seller_nick: z.string().optional(),
  modified: z.union([z.string(), z.number()]).optional(),
  // RefundCreateMessage: the buyer's words (UNCERTAIN field name)
  message: z.string().optional(),
  content: z.string().optional(),
});

/**
 * The newer `taobao_dispute_*` topics (Tmall 逆向纠纷): another shape — biz_claim_type, a numeric
 * buyer_refund_fee, open uids instead of nicks. Field names beyond these are UNCERTAIN.
 */
export const TaobaoDisputeContent = z.looseObject({
  refund_id: id.optional(),
  dispute_id: id.optional(),
  tid: id.optional(),
  oid: id.optional(),
  biz_claim_type: z.union([z.string(), z.number()]).optional(),
  buyer_refund_fee: num.optional(),
  refund_fee: num.optional(),
  refund_phase: z.string().optional(),
  dispute_status: z.union([z.string(), z.number()]).optional(),
  buyer_open_uid: z.string().optional(),
  seller_open_uid: z.string().optional(),
  modified: z.union([z.string(), z.number()]).optional(),
  message: z.string().optional(),
  content: z.string().optional(),
});
