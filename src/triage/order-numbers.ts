/**
 * Platform order and after-sales numbers are long digit runs, so one in ten passes the Luhn check
 * and used to be masked as a bank card ("售后单 ************6276"). They are not personal data: the
 * agent needs them to find the case on the platform. A plain digit run is taken for one when it
 * comes right after its label, or sits in Pinduoduo's order_sn shape (yymmdd-15 digits).
 */

// The label, then at most a colon, '#', 是/为 and spaces before the number.
const LABEL =
  /(?:(?:售后|退款|退货|退货退款|换货|售后服务)(?:单号?|编号)|(?:主|子)?订单(?:号|编号)?|\b(?:order|after[- ]?sales?)(?:\s*(?:id|no\.?|number|#))?|\b(?:refund|return|RMA)\s*(?:id|no\.?|number|#))\s*[:：#]?\s*(?:是|为)?\s*$/i;
const LABEL_REACH = 24;
const PDD_ORDER_SN_HEAD = /(?<!\d)\d{6}-$/;

/** Whether the plain digit run text[start, end) is an order or after-sales number, not a card. */
export function isOrderNumber(text: string, start: number, end: number): boolean {
  if (!/^\d+$/.test(text.slice(start, end))) return false;
  const before = text.slice(Math.max(0, start - LABEL_REACH), start);
  return LABEL.test(before) || PDD_ORDER_SN_HEAD.test(before);
}
