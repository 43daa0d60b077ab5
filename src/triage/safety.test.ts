import { describe, expect, test } from 'vitest';
import { analyze } from './analyze.js';
import { judgeSafety, safetyLexicon } from './safety.js';

// A small fixed regression set: named critical cases (written for this test, in the ways buyers
// write them) must stay critical and keep `safety_hazard`, whatever the model or lexicon becomes.
// Accuracy is measured in bench/results/triage.json, never asserted here.
const CRITICAL: [string, string][] = [
  ['charger fire', '充电器用了一晚上就冒烟了，差点着火，吓死人'],
  ['electric shock', '热水器漏电，洗澡的时候被电了一下，手到现在还麻'],
  ['battery explosion', '平板充电时电池爆炸了，桌子都烧黑了'],
  ['burn', '水壶把手设计有问题，倒水时烫伤了手'],
  ['illness after eating', '孩子吃了你们家的火龙果，当晚上吐下泻，去医院挂了两天水'],
  ['illness after drinking', '喝了一盒就拉肚子，还发烧了'],
  ['numb mouth', '吃完以后嘴和舌头发麻，是不是打了农药'],
  ['allergic reaction', '用了这个洗发水头皮红肿，长了一片疹子'],
  ['infant choking', '宝宝玩的时候小零件掉下来，差点噎住'],
  ['cut by sharp edge', '包装里的金属片很锋利，拆箱时割伤了手，流了很多血'],
  ['food poisoning', '全家人吃了都食物中毒了'],
  ['hotel intruder', '半夜有人能把我们房间的门打开，太危险了'],
  ['English fire', 'The power bank caught fire while charging'],
  ['English illness', 'My son got sick and was vomiting after eating these snacks'],
  ['traditional characters', '充電器冒煙，差點著火'],
  ['shell live', '电水壶外壳带电，摸着有电'],
  ['English burnt', 'The charger burnt my hand'],
  ['scalded', '热水器水温忽冷忽热，洗澡时被烫了一下'],
];

// Hazards without harm: the category, not the critical lane.
const HAZARDS: [string, string][] = [
  ['foreign object in food', '饼干里吃出一根头发'],
  ['mould and bugs together', '米袋打开一看长霉了，里面还有虫卵'],
  ['hotel fire safety', '走廊的应急灯都不亮，灭火器也是空的'],
  ['recycled plastic', '瓶子明显是回收料做的'],
  ['hair loss, said another way', '这款洗发水头发越洗越掉'],
  ['hair loss, 脱头发', '用了两次就开始脱头发'],
  ['plastic in food', '酸奶里吃到了一块塑料片'],
  ['poison hyperbole about a drink', '喝这个牌子的奶就是慢性自杀'],
  ['venomous pest in a hotel room', '半夜床边爬出一条蜈蚣'],
  ['hotel theft', '停在酒店门口的车被撬了，东西也被偷了'],
  ['worry beside heat', '充电时电池发烫，都不敢听歌了'],
  ['hotel door that does not shut', '房间的门关不上，晚上睡不踏实'],
  ['touts at the room door', '半夜有人来敲房门，问要不要按摩'],
];

describe('named critical cases stay critical', () => {
  test.each(CRITICAL)('%s', (_name, text) => {
    const result = analyze(text);
    expect(result.severity).toBe('critical');
    expect(result.categories).toContain('safety_hazard');
    expect(result.explanation.severity.code).toBe('safety');
  });
});

describe('named hazards are safety_hazard', () => {
  test.each(HAZARDS)('%s', (_name, text) => {
    expect(judgeSafety(safetyLexicon(text.toLowerCase())).hazard).toBe(true);
  });
});

describe('safety lexicon', () => {
  test('a hazard without harm is safety_hazard but not critical', () => {
    const v = judgeSafety(safetyLexicon('洗完头皮特别痒，掉头发'));
    expect(v.hazard).toBe(true);
    expect(v.critical).toBe(false);
  });

  test('negated harm does not count (没有过敏)', () => {
    expect(judgeSafety(safetyLexicon('用了一个月，没有过敏')).critical).toBe(false);
  });

  test('a weak word needs a use context nearby: 麻烦 and 难受 in a hotel review are not harm', () => {
    expect(judgeSafety(safetyLexicon('装系统很麻烦，驱动要自己找')).hazard).toBe(false);
    expect(judgeSafety(safetyLexicon('吃了以后一直吐')).critical).toBe(true);
    expect(judgeSafety(safetyLexicon('儿子挑的颜色，换货太麻烦就算了')).hazard).toBe(false);
    expect(judgeSafety(safetyLexicon('吃货们来吐槽一下')).hazard).toBe(false);
  });

  test('something that does not shut is a hazard only when it is a door or a window', () => {
    expect(judgeSafety(safetyLexicon('空调关不上，被子又薄，冷了一夜')).hazard).toBe(false);
    expect(judgeSafety(safetyLexicon('盖子关不紧，洗发水漏了一半')).hazard).toBe(false);
  });

  test('a boycott alone is not a hazard (LABELLING.md §4: rants and boycotts are other)', () => {
    expect(judgeSafety(safetyLexicon('抵制蒙牛！')).hazard).toBe(false);
    expect(judgeSafety(safetyLexicon('抵制蒙牛，珍爱生命')).hazard).toBe(true);
  });

  test('a worry beside a weak heat word is a hazard, not harm', () => {
    const v = judgeSafety(safetyLexicon('电池还发烫，害得我都不敢听了'));
    expect(v.hazard).toBe(true);
    expect(v.critical).toBe(false);
  });

  test('the model alone can add the hazard above its threshold, and says so', () => {
    const v = judgeSafety(safetyLexicon('这个牌子的东西以后再也不买了'), 0.4, 0.2);
    expect(v.hazard).toBe(true);
    expect(v.byModel).toBe(true);
    expect(v.critical).toBe(false);
  });
});
