/** The rules the exposure card cites, in both languages (texts from the statutes and platform rules). */
export const CITATIONS = {
  sevenDayReturn: {
    zh: '《网络购买商品七日无理由退货暂行办法》（2017）第六、七、八条',
    en: 'Interim Measures for 7-Day No-Reason Returns of Online Purchases (2017), arts. 6–8',
  },
  consumerProtection55: {
    zh: '《消费者权益保护法》第五十五条第一款：欺诈的，增加赔偿价款三倍，不足五百元的为五百元',
    en: 'Consumer Protection Law art. 55(1): fraud — extra compensation of 3× the price, at least ¥500',
  },
  foodSafety148: {
    zh: '《食品安全法》第一百四十八条第二款：价款十倍或损失三倍，不足一千元的为一千元',
    en: 'Food Safety Law art. 148(2): 10× the price or 3× the loss, at least ¥1,000',
  },
  priceProtection: {
    zh: '平台价保规则：保价期内降价退差价（保价期由平台按活动设定，默认按店铺设置30天）',
    en: 'Platform price protection: refund of the difference when the price drops within the window (set per promotion by the platform; shop setting, default 30 days)',
  },
} as const;
export type CitationKey = keyof typeof CITATIONS;
