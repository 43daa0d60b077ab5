import type { ComplaintType } from '../db/schema/brand.js';

/** What a platform notice says about an IP complaint filed against our shop. */
export type IpNotice = {
  type: ComplaintType;
  complainant: string | null;
  rightNo: string | null;
  externalRef: string | null;
  /** The answer deadline the notice names, when it names one. */
  dueAt: Date | null;
  listingTitle: string | null;
};

/**
 * UNCERTAIN: the platforms' notice wording is not published as a format; these phrases are the ones
 * their IP-complaint notices commonly use (知识产权投诉 / 侵权投诉 / 商标侵权 …, and the English of
 * TikTok Shop). A notice that does not match stays an ordinary platform-notice case.
 */
const IP_WORDS =
  /知识产权|侵权投诉|侵犯.{0,6}(商标|著作|版权|专利)|(商标|著作权|版权|专利|外观设计)侵权|售假|假冒.{0,4}(商标|商品)|intellectual property|\bIP (complaint|infringement)|infring(e|ement)|counterfeit/i;

/** Notices about something else that mention these words in passing. */
const NOT_AGAINST_US = /您的投诉(已|被)|你发起的投诉|your complaint (has|was)/i;

const TYPE_WORDS: [RegExp, ComplaintType][] = [
  [/外观设计|design patent/i, 'patent_design'],
  [/实用新型|utility model/i, 'patent_utility_model'],
  [/发明专利|invention patent/i, 'patent_invention'],
  [/盗图|图片|image|photo/i, 'copyright_image'],
  [/盗版|pirat/i, 'copyright_pirated'],
  [/美术作品|artwork/i, 'copyright_artwork'],
  [/假冒|售假|counterfeit|fake/i, 'counterfeit_goods'],
  [/厂名|厂址/, 'factory_name_address'],
  [/店铺名|店名|shop name/i, 'trademark_shop_name'],
  [/商标|trademark/i, 'trademark_listing_misuse'],
  [/著作权|版权|copyright/i, 'copyright_image'],
  [/专利|patent/i, 'patent_design'],
];

const pick = (text: string, re: RegExp) => {
  const m = re.exec(text);
  const v = m?.[m.length - 1]?.trim();
  return v ? v : null;
};

/** A Beijing-time date (and time) in the notice as an instant; the end of that day when no time is given. */
function beijingDate(text: string): Date | null {
  const m =
    /(?:请于|请在|须于|需于|须在|需在|请您于|截止|deadline[:：]?|by)\s*(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?\s*(?:(\d{1,2})[:：](\d{2}))?/i.exec(
      text,
    );
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const hour = h === undefined ? 23 : Number(h);
  const minute = mi === undefined ? 59 : Number(mi);
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), hour - 8, minute);
  return Number.isFinite(at) ? new Date(at) : null;
}

/** "3个工作日内" / "within 7 days": the period counted from the notice, in calendar days (a working day is rounded up). */
function periodDays(text: string): number | null {
  const zh = /(\d{1,2})\s*个?(工作日|天|日)内/.exec(text);
  if (zh) return Number(zh[1]) + (zh[2] === '工作日' ? Math.ceil(Number(zh[1]) / 5) * 2 : 0);
  const en = /within\s+(\d{1,2})\s+(business |working )?days/i.exec(text);
  if (en) return Number(en[1]) + (en[2] ? Math.ceil(Number(en[1]) / 5) * 2 : 0);
  return null;
}

/**
 * Reads a platform notice: null unless it is an IP complaint against our shop. The type is a guess
 * from the words used (the merchant corrects it); the deadline is the date the notice names, else the
 * period it names counted from when it arrived, else null (the platform's default applies).
 */
export function readIpNotice(text: string, receivedAt: Date): IpNotice | null {
  const t = text.slice(0, 5000);
  if (!IP_WORDS.test(t) || NOT_AGAINST_US.test(t)) return null;
  const type = TYPE_WORDS.find(([re]) => re.test(t))?.[1] ?? 'other';
  const days = periodDays(t);
  return {
    type,
    complainant: pick(
      t,
      /(?:投诉方|投诉人|权利人|complainant|rights? holder)\s*[:：]\s*([^\s，,。；;]{2,60})/i,
    ),
    rightNo: pick(
      t,
      /(?:注册号|商标号|专利号|登记号|证书号|registration (?:no\.?|number)|patent (?:no\.?|number))\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9.\-/]{3,39})/i,
    ),
    externalRef: pick(
      t,
      /(?:投诉单号|投诉编号|投诉ID|complaint (?:id|no\.?|number))\s*[:：]?\s*([A-Za-z0-9-]{4,60})/i,
    ),
    dueAt: beijingDate(t) ?? (days === null ? null : new Date(receivedAt.getTime() + days * 86_400_000)),
    listingTitle: pick(
      t,
      /(?:商品名称|商品标题|涉嫌侵权商品|被投诉商品|product(?: title)?)\s*[:：]\s*「?([^\n」]{2,200}?)」?(?:[，,。；;\n]|$)/i,
    ),
  };
}
