import { z } from 'zod';

const id = z.union([z.string().min(1).max(64), z.number().int()]);
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);

/** The message-service `Common` frame, relayed to us over HTTP (or read from the WebSocket). */
export const PddCommon = z.object({
  commandType: z.literal('Common'),
  id,
  sendTime: num.optional(),
  message: z.object({
    type: z.string().min(1).max(128),
    mallID: id.optional(),
    content: z.union([z.string().max(512 * 1024), z.record(z.string(), z.unknown())]),
  }),
});
export type PddCommon = z.infer<typeof PddCommon>;

/** Refund message content. */
export const PddRefundContent = z.looseObject({
  mall_id: id.optional(),
  tid: id.optional(),
  refund_id: id,
  refund_fee: num.optional(),
  bill_type: num.optional(),
  after_sales_type: num.optional(),
  operation: z.union([z.string(), z.number()]).optional(),
  modified: num.optional(),
  // RefundCreateMessage: the buyer's words on the refund (UNCERTAIN field name; also message/content)
  message: z.string().optional(),
  content: z.string().optional(),
});

/**
 * Review relay (UNCERTAIN: no public review push; our relay convention for the simulator and
 * for merchants who forward comments): type pdd_comment_CommentCreated.
 */
export const PddCommentContent = z.looseObject({
  comment_id: id,
  tid: id.optional(),
  goods_id: id.optional(),
  goods_name: z.string().optional(),
  score: num.optional(),
  comment: z.string().max(10_000).optional(),
  nickname: z.string().optional(),
  created: num.optional(),
});

/**
 * Buyer chat relay (UNCERTAIN): type pdd_chat_BuyerMessage with
 * { conversation_id, msg_id, content, nickname, buyer_id, tid?, created }.
 */
export const PddChatContent = z.looseObject({
  conversation_id: id,
  msg_id: id.optional(),
  content: z.string().max(10_000),
  nickname: z.string().optional(),
  buyer_id: id.optional(),
  tid: id.optional(),
  refund_id: id.optional(),
  created: num.optional(),
});

/** Platform notices / penalties relay (UNCERTAIN): type pdd_notice_* with { notice_id, title, content }. */
export const PddNoticeContent = z.looseObject({
  notice_id: id,
  title: z.string().optional(),
  content: z.string().optional(),
  created: num.optional(),
  // A violation notice (UNCERTAIN, relay convention): what was done and by when to appeal.
  penalty_type: z.string().max(40).optional(),
  points: z.number().int().min(0).max(1000).optional(),
  deposit_fen: z.number().int().min(0).max(1e12).optional(),
  appeal_deadline: num.optional(),
});
export type PddNoticeContent = z.infer<typeof PddNoticeContent>;
