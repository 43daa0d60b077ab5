/** What each finding cites, in both languages. Article numbers only where we are sure of them. */
export const CITATIONS = {
  absolute_term: {
    zh: '《中华人民共和国广告法》第九条第（三）项：不得使用“国家级”“最高级”“最佳”等用语；第五十七条：处二十万元以上一百万元以下罚款',
    en: 'Advertising Law art. 9(3): no "national-level", "highest", "best" or like terms; art. 57: fine of ¥200,000–1,000,000',
  },
  inducement_term: {
    zh: '《中华人民共和国广告法》第二十八条（虚假或引人误解的内容）；平台商品发布规范中的诱导性用语',
    en: 'Advertising Law art. 28 (false or misleading content); the platform listing rules on inducing wording',
  },
  medical_claim: {
    zh: '《中华人民共和国广告法》第十七条：除医疗、药品、医疗器械广告外，禁止其他任何广告涉及疾病治疗功能，并不得使用医疗用语',
    en: 'Advertising Law art. 17: only medical, medicine and medical-device ads may claim to treat disease or use medical terms',
  },
  material_contradiction: {
    zh: '《中华人民共和国广告法》第四条、第二十八条：广告不得含有虚假或者引人误解的内容（材质与标注不符）',
    en: 'Advertising Law arts. 4 and 28: no false or misleading content (the claimed material is not the stated one)',
  },
  title_fact_missing: {
    zh: '平台商品发布规范：标题须包含品牌、材质、款式等关键属性（按类目，店铺设置）',
    en: 'Platform listing rules: the title must name brand, material, style and the like (per category; shop setting)',
  },
  title_too_long: {
    zh: '平台商品发布规范：标题长度上限（按平台，店铺设置）',
    en: 'Platform listing rules: longest title (per platform; shop setting)',
  },
  image_too_small: {
    zh: '平台商品发布规范：主图最小像素（按平台，店铺设置）',
    en: 'Platform listing rules: smallest main image (per platform; shop setting)',
  },
  image_size_unknown: {
    zh: '平台商品发布规范：主图最小像素（图片未提供尺寸，无法核对）',
    en: 'Platform listing rules: smallest main image (the image has no size, so it cannot be checked)',
  },
  fictitious_discount: {
    zh: '《规范促销行为暂行规定》（2020）及《禁止价格欺诈行为的规定》：原价应为促销前七日内实际成交的最低价格；未曾成交的不得标示原价',
    en: 'SAMR Interim Provisions on Regulating Promotions (2020) and the price-fraud rules: a reference price is the lowest price actually charged in the 7 days before the promotion; goods never sold may not show one',
  },
  qualification_missing: {
    zh: '平台类目资质要求（珠宝文玩类目白名单、营业执照；足金饰品须有资质检测机构出具的检测证书）；GB 11887《首饰 贵金属纯度的规定及命名方法》',
    en: 'Platform category qualifications (whitelisted channel and business licence for jewellery and collectibles; an inspection certificate from a qualified institution for pure gold); GB 11887 on precious-metal purity naming',
  },
  qualification_expired: {
    zh: '平台类目资质要求：资质文件须在有效期内',
    en: 'Platform category qualifications: documents must be in force',
  },
  publicly_flagged: {
    zh: '平台公示的高差评商品：须整改或清退库存',
    en: 'Platform list of goods with high negative feedback: fix or clear the stock',
  },
} as const;
export type FindingRule = keyof typeof CITATIONS;
