/**
 * Agent-style replies for measuring the reply checks (bench/replycheck.ts). Composed here from the
 * phrasing Chinese e-commerce customer service commonly uses (greeting + substance + closing); they
 * are not real agents' messages — no public corpus of those was available. 1,000 polite replies come
 * from a fixed-seed draw of the combinations; the rude ones are written one by one, each one of the
 * things the checks must catch.
 */

// biome-ignore format: packed lists read best
const OPENINGS = [
  '亲，', '亲亲，', '您好，', '您好亲，', '在的亲，', '收到亲，', '感谢您的耐心等待，', '非常抱歉让您久等了，',
  '亲爱的顾客您好，', '不好意思让您久等了，', '您好，这边是售后客服，', '亲，看到您的消息了，', '', '好的亲，',
  '理解您的心情，', '给您带来不便非常抱歉，', '亲，实在不好意思，', '您好，我是客服小美，', '亲，先别着急，',
  '谢谢您的反馈，', '亲，感谢您选择本店，', '您好，很高兴为您服务，', '亲，您说的情况我了解了，', '收到您的反馈了，',
];

// biome-ignore format: packed lists read best
const BODIES = [
  '您的包裹已经在派送中，预计今天下午送达，请保持电话畅通。', '我们已经为您催促快递，有新的进展会第一时间告诉您。',
  '您的订单已于昨天发出，物流单号可以在订单详情里查看。', '这边查到快递目前在转运中心，可能有一点延误，请您再耐心等待一下。',
  '订单会在付款后48小时内发货，发货后物流信息会同步更新。', '您可以在订单页面点击申请售后，选择退货退款，我们收到后会尽快处理。',
  '已经为您申请退款，审核通过后原路退回，请留意账户。', '麻烦您拍一下商品问题部位的照片发给我们，我们核实后马上处理。',
  '这款尺码偏小一码，建议您选大一号，也可以参考详情页的尺码表。', '身高165、体重50公斤左右建议选M码，穿着比较合身。',
  '发票可以在订单详情页申请电子发票，开具后会发到您的邮箱。', '使用前请先用温水清洗一遍，晾干后再使用。',
  '这款杯子可以装开水，杯身耐热，但请不要放进微波炉。', '充电时请使用原装充电线，充满后指示灯会变绿。',
  '我们的商品都是品牌官方授权的正品，支持专柜验货。', '七天无理由退换货，商品不影响二次销售即可申请退货。',
  '退货运费险会自动理赔，理赔金额以保险公司为准。', '换货申请已经收到，我们收到退回的商品后会尽快为您寄出新的。',
  '您反馈的问题我们已经记录，并转给质检部门核查。', '给您带来这样的体验，我们真的很抱歉，会认真改进。',
  '关于补偿，我这边为您提交申请，主管审核后会联系您。', '我们会尽最大努力帮您解决，请您放心。',
  '保修期内出现质量问题，可以免费维修或更换。', '这边已经备注了您的需求，仓库发货时会优先处理。',
  '如果收到后有任何问题，随时联系我们客服。', '请您确认一下收货地址是否正确，我们这边核对一下。',
  '商品签收后如有破损，请在48小时内联系我们。', '这款面霜建议洁面后取适量均匀涂抹，早晚各一次。',
  '衣服第一次洗涤建议手洗，水温不要超过30度。', '您购买的是第一批货，质量我们都做了抽检。',
  '新品最近比较火，库存不多，喜欢的话可以尽早下单。', '活动价格以下单页面显示为准，满减会自动计算。',
  '我们会跟进物流，直到您收到为止。', '您的意见对我们很重要，我们会转达给相关同事。',
  '耳机配对时请先长按开关键5秒，进入配对模式。', '产品说明书在包装盒里，也可以在详情页下载电子版。',
  '尺码不合适可以申请换货，来回运费我们承担一次。', '生鲜商品签收后请尽快冷藏保存。',
  '您的退款已经到账了，请查看一下原支付账户。', '这款是最近的新款，面料是纯棉的，透气性好。',
  '请您放心，我们会把这次的问题反馈给仓库，避免再次发生。', '京东快递已经揽收，明后天应该能到。',
  '如果方便的话，麻烦给我们一个评价，谢谢支持。', '抱歉是我们没有说清楚，这款不支持机洗。',
];

// biome-ignore format: packed lists read best
const CLOSINGS = [
  '', '祝您生活愉快！', '有问题随时联系我们哦。', '感谢您的理解和支持！', '再次向您致歉。', '谢谢亲~',
  '还有其他可以帮您的吗？', '祝您购物愉快！', '请您放心。', '辛苦您了！', '我们随时在线为您服务。',
];

// biome-ignore format: one line each
export const RUDE_REPLIES = [
  '你自己不会用怪谁', '这是你自己的问题，跟我们没关系', '爱买不买', '买不起就别买', '你有病吧，说了多少遍了',
  '烦不烦啊，一直问', '你瞎啊，详情页写得清清楚楚', '少废话，要退就退', '你等着，我们会起诉你', '再闹后果自负',
  '知道你住哪，别太过分', '我给您退50元，别给差评了', '保证明天到，不到赔你100元', '双倍赔偿给你', '加我微信私聊',
  '你加一下我的vx：abc888', '我们淘宝店更便宜', '去拼多多买吧', '我们是全网最低价', '绝对正品，假一赔十',
  '这是国家级品质', '谁让你不看详情', '说了你也不懂', '早干嘛去了', '活该，谁让你自己弄坏的',
  '你是不是傻逼', '事儿多，别的顾客都没问题', '智障才会这样用', '滚，别来烦我', '这都不会，没文化',
  'QQ 12345678 联系我', '支付宝转账给我就行', '线下交易更便宜', '百分百有效，无副作用', '不关我们的事，去找快递',
  '收件电话13812345678已经改好了', // personal data: only a finding on a public channel
];

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct polite replies, the same on every run. */
export function politeReplies(count = 1000, seed = 19): string[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out = new Set<string>();
  while (out.size < count) {
    const first = pick(BODIES);
    const second = random() < 0.4 ? pick(BODIES) : '';
    out.add(`${pick(OPENINGS)}${first}${second === first ? '' : second}${pick(CLOSINGS)}`);
  }
  return [...out];
}
