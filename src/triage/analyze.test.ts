import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyze, compileTenantLexicon, detectLanguage } from './analyze.js';
import { CATEGORIES, type Category } from './taxonomy.js';

describe('language', () => {
  test.each([
    ['屏幕碎了，怎么处理？', 'zh'],
    ['预装的vista速度让人不爽', 'zh'],
    ['The screen arrived cracked', 'en'],
    ['屏幕碎了 Screen BROKEN please refund', 'mixed'],
    ['😀😀😀', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });
});

describe('sentiment', () => {
  test('a clear complaint is negative, a clear compliment positive, each with the words that decided', () => {
    const bad = analyze('质量太差了，用了两天就坏了，非常失望，差评！');
    expect(bad.sentiment).toBe('negative');
    expect(bad.score).toBeLessThan(-0.5);
    expect(bad.explanation.sentiment.length).toBeGreaterThan(0);
    const good = analyze('东西很好，物流很快，非常满意，好评！');
    expect(good.sentiment).toBe('positive');
    expect(good.score).toBeGreaterThan(0.5);
  });

  test('English text uses the English word list', () => {
    expect(analyze('Terrible, the box arrived broken and damaged').sentiment).toBe('negative');
    expect(analyze('Great product, fast delivery, love it').sentiment).toBe('positive');
  });
});

describe('categories', () => {
  test.each([
    ['收到的杯子有裂缝，质量太差', 'quality_defect'],
    ['快递摔坏了，洗发水全漏了', 'damaged_in_transit'],
    ['实物与图片不符，颜色不对', 'not_as_described'],
    ['说好的赠品没送，发票也没有', 'wrong_or_missing_item'],
    ['物流太慢了，一个星期还没到', 'logistics_delay'],
    ['客服态度恶劣，爱理不理', 'service_attitude'],
    ['联系客服一直没人回复', 'slow_response'],
    ['申请退款被拒绝，不给退', 'refund_dispute'],
    ['怀疑是假货，不是正品', 'counterfeit_suspected'],
    ['充电器起火冒烟了', 'safety_hazard'],
    ['刚买第二天就降价了，不给补差价', 'price_dispute'],
    ['我的个人信息被泄露了，天天骚扰电话', 'privacy_concern'],
    ['The parcel never arrived, tracking not updated', 'logistics_delay'],
    ['It is a fake, not genuine', 'counterfeit_suspected'],
  ])('%s → %s', (text, category) => {
    const result = analyze(text);
    expect(result.categories).toContain(category);
    expect(result.explanation.categories[category as Category]?.length).toBeGreaterThan(0);
  });

  // Exactly these categories and this severity, whatever the model becomes: a retrain (b7b5b09,
  // reverted) added 运输破损 and 回复慢 to the first on evidence such as 还 / 了 / 一个.
  test.each([['物流太慢了，一个星期还没到', ['logistics_delay'], 'normal']])(
    'fixed: %s → %j, %s',
    (text, categories, severity) => {
      const result = analyze(text);
      expect(result.categories).toEqual(categories);
      expect(result.severity).toBe(severity);
    },
  );

  test('a negated term does not count (没有破损) and is listed as negated', () => {
    const result = analyze('包装没有破损，挺好');
    expect(result.categories).not.toContain('damaged_in_transit');
    expect(result.explanation.negated).toContain('破损');
  });

  test('特别 and 非常 are "very", not a negation', () => {
    expect(analyze('洗了特别痒').categories).toContain('safety_hazard');
    expect(analyze('洗完头皮非常痒').categories).toContain('safety_hazard');
    expect(analyze('洗了不痒').explanation.negated).toContain('痒');
  });

  test('a vague complaint is "other" and says why', () => {
    const result = analyze('不满意，下次不买了');
    expect(result.categories).toEqual(['other']);
    // The learned model says so (with its probability), or no category term was found at all.
    expect(result.explanation.categories.other?.[0]).toMatch(/^(model 0\.\d\d|no category term found)/);
  });

  test('a tenant lexicon adds categories, marked as the tenant’s', () => {
    const tenant = compileTenantLexicon([{ term: '缺角', category: 'damaged_in_transit' }]);
    const result = analyze('盒子缺角了', { tenant });
    expect(result.categories).toContain('damaged_in_transit');
    expect(result.explanation.categories.damaged_in_transit).toContain('缺角 (tenant)');
  });
});

describe('severity', () => {
  test.each([
    ['充电器起火冒烟了，差点烧到孩子', 'critical', '起火'],
    ['孩子吃了之后拉肚子，还呕吐', 'critical', '拉肚子'],
    ['The charger caught fire', 'critical', 'caught fire'],
    ['再不处理我就去12315投诉你们', 'high', '12315'],
    ['我要找律师起诉你们', 'high', '律师'],
    ['卖假货，要曝光你们', 'high', '假货'],
    ['I will contact my lawyer', 'high', 'lawyer'],
  ])('%s → %s because of %s', (text, severity, term) => {
    const result = analyze(text);
    expect(result.severity).toBe(severity);
    expect(result.explanation.severity.terms).toContain(term);
    expect(result.explanation.severity.reason).not.toBe('');
  });

  test('a plain complaint is normal, a mild one low', () => {
    expect(analyze('杯子有裂缝，请处理').severity).toBe('normal');
    expect(analyze('味道还行，就是有点小').severity).toBe('low');
  });
});

describe('PII', () => {
  test('mobile, resident ID, bank card, e-mail and address are found and masked', () => {
    const text =
      '电话13812345678，身份证11010519491231002X，卡号4111 1111 1111 1111，邮箱wang.li@example.cn，地址：北京市朝阳区建国路88号3号楼2单元501室';
    const pii = analyze(text).pii;
    expect(pii.map((p) => p.type)).toEqual(['mobile', 'id_card', 'bank_card', 'email', 'address']);
    expect(pii.map((p) => p.masked)).toEqual([
      '138****5678',
      '110105********002X',
      '************1111',
      'w***@example.cn',
      expect.stringMatching(/^北京市朝阳区\*\*\*$/),
    ]);
    expect(JSON.stringify(analyze(text))).not.toContain('13812345678');
  });

  test("the model's reasons never quote a long number (the explanation is kept unmasked)", () => {
    const shown = JSON.stringify(analyze('我的电话13812345678，身份证11010519491231002X，杯子碎了'));
    expect(shown).not.toContain('13812345678');
    expect(shown).not.toContain('1949123');
  });
});

describe('bad input', () => {
  const shape = (r: ReturnType<typeof analyze>) => {
    expect(['zh', 'en', 'mixed', 'unknown']).toContain(r.language);
    expect(['negative', 'neutral', 'positive']).toContain(r.sentiment);
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(['low', 'normal', 'high', 'critical']).toContain(r.severity);
    for (const c of r.categories) expect(CATEGORIES).toContain(c);
    expect(() => JSON.stringify(r)).not.toThrow();
  };

  test('empty and whitespace-only text: unknown language, neutral, no categories, low', () => {
    for (const text of ['', '   ', '\n\t']) {
      const r = analyze(text);
      shape(r);
      expect(r).toMatchObject({ language: 'unknown', sentiment: 'neutral', categories: [], severity: 'low' });
    }
  });

  test('emoji only', () => {
    const r = analyze('😡😡😡👎');
    shape(r);
    expect(r.language).toBe('unknown');
  });

  test('100 KB of text: classified on its first 20,000 characters, PII found throughout', () => {
    const text = `${'屏幕碎了，质量太差。'.repeat(10_000)}电话13812345678`;
    expect(text.length).toBeGreaterThan(100_000);
    const r = analyze(text);
    shape(r);
    expect(r.truncated).toBe(true);
    expect(r.categories).toContain('quality_defect');
    expect(r.pii.map((p) => p.type)).toEqual(['mobile']);
  });

  test('control characters and lone surrogates (malformed UTF-8/UTF-16) do not crash', () => {
    const r = analyze('屏幕\u0000碎了\u0007\u001b[31m \ud800 假货 \udfff\uffff');
    shape(r);
    expect(r.categories).toContain('counterfeit_suspected');
  });

  test('HTML and script tags are read as text without their markup', () => {
    const r = analyze('<script>alert("xss")</script><b>假货</b>，<img src=x onerror=alert(1)>');
    shape(r);
    expect(r.categories).toContain('counterfeit_suspected');
    expect(r.language).toBe('zh');
  });

  test('mixed scripts', () => {
    shape(analyze('Этот товар 是假货 هذا fake 🙃 ทดสอบ'));
  });

  test('property: any string gives a well-formed result', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
        (s) => {
          shape(analyze(s));
        },
      ),
      { numRuns: 200 },
    );
  }, 180_000); // 200 analyses: real work on a loaded shared machine
});
