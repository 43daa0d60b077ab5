// Traditional → simplified for the characters buyer questions use most (a buyer from Hong Kong or
// Taiwan writes 貨, 請問, 發票). Not a full converter: an unknown traditional character is left as is
// and simply matches no rule, which makes the assistant hand over rather than guess.
// biome-ignore format: one pair per two characters
const PAIRS =
  '貨货發发請请問问麼么這这個个們们會会還还沒没對对為为什什麽么嗎吗號号碼码說说話话準准時时過过運运寄寄' +
  '遞递東东關关買买賣卖換换錢钱單单無无給给讓让來来樣样種种幾几點点裡里裏里後后進进開开閉闭實实寶宝' +
  '貝贝質质試试嗎吗覺觉應应該该條条網网絡络電电腦脑長长門门當当從从現现歡欢謝谢氣气啟启態态麗丽' +
  '戶户圖图訊讯號号塊块壞坏應应歷历隻只雙双張张寬宽彈弹潔洁淨净熱热燒烧壺壶盃杯傳传輸输線线纜缆' +
  '狀状況况務务處处理理簽签收收確确認认證证偽伪仿仿盜盗標标訂订貼贴瑕瑕疵疵賠赔償偿騙骗權权';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i]!, PAIRS[i + 1]!);

export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += MAP.get(ch) ?? ch;
  return out;
}
