import { addWorkingTime } from '../sla/calendar.js';
import { CLOCK_RULES, WORKING_DAYS } from './legal-clocks.js';
import type { HazardLevel, RecallRole } from './recall-types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The reports a recall owes its regulator. Every figure here is UNCERTAIN (see legal-clocks.ts):
 * taken from ../shared/platforms.md ("Rules: recalls"), not from the gazetted texts, so each is a
 * prudent default the merchant can check against the current text.
 *
 * - plan: food (《食品召回管理办法》art. 13) — the producer starts the recall and reports the recall
 *   plan to the county-level (or higher) food safety authority within 24/48/72 h of learning of the
 *   risk. Consumer goods (《消费品召回管理暂行规定》) — the producer reports to the provincial market
 *   regulator and files a recall plan; no hour count is fixed, 24 h is the prudent reading.
 * - seller: a seller who finds the product unsafe stops selling, tells the producer and reports to
 *   the regulator at once ("立即"): 24 h by default.
 * - serious_harm: some provinces (Guangdong 2023) want a report within 2 working days where death,
 *   serious injury or major damage occurred or may occur; only when the campaign says so.
 * - summary: the producer files a summary report after the recall is completed — within 15 working
 *   days under the older consumer-product rules; for food no separate figure was found, so the
 *   report is due by the completion deadline itself.
 */
export const REPORT_KEYS = ['plan', 'seller', 'serious_harm', 'summary'] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];

export type ReportFacts = {
  level: HazardLevel;
  role: RecallRole;
  seriousHarm: boolean;
  learnedAt: Date;
  announcedAt: Date | null;
  /** When the recall work was completed (the campaign moved to closing, or closed). */
  completedAt: Date | null;
  /** The legal completion deadline (food) or its stand-in (consumer goods), from legal-clocks. */
  completeBy: Date | null;
};

export type ReportDeadline = {
  key: ReportKey;
  /** Null while it waits for an event that has no date yet. */
  dueAt: Date | null;
  /** True while the due time is worked out from a deadline rather than from what happened (summary before completion). */
  projected: boolean;
  authority: { zh: string; en: string };
  basis: { zh: string; en: string };
  uncertain: true;
};

const addWorkingDays = (from: Date, days: number) =>
  new Date(addWorkingTime(WORKING_DAYS, from.getTime(), days * DAY));

const AUTHORITY = {
  food: { zh: '县级以上市场监督管理部门（食品安全）', en: 'county-level (or higher) food safety authority' },
  consumer: { zh: '所在地省级市场监督管理部门', en: 'provincial market regulator' },
};

/** The reports this campaign owes, each with its due time (the shop's working days, Asia/Shanghai). */
export function regulatorReports(f: ReportFacts): ReportDeadline[] {
  const food = f.level !== 'consumer';
  const authority = food ? AUTHORITY.food : AUTHORITY.consumer;
  const startHours = CLOCK_RULES[f.level].startHours ?? 24;
  const out: ReportDeadline[] = [];
  const add = (key: ReportKey, dueAt: Date | null, projected: boolean, basis: { zh: string; en: string }) =>
    out.push({ key, dueAt, projected, authority, basis, uncertain: true });
  if (f.role === 'producer') {
    add(
      'plan',
      new Date(f.learnedAt.getTime() + startHours * HOUR),
      false,
      food
        ? {
            zh: `《食品召回管理办法》：知悉风险后${startHours}小时内启动召回并报告召回计划`,
            en: `Food Recall Measures: start and report the plan within ${startHours} h`,
          }
        : {
            zh: '《消费品召回管理暂行规定》：报告并提交召回计划（按24小时从严计）',
            en: 'Consumer Product Recall Provisions: report and file the plan (24 h, prudent reading)',
          },
    );
  } else {
    add('seller', new Date(f.learnedAt.getTime() + 24 * HOUR), false, {
      zh: '经营者发现缺陷：立即停售、通知生产者并报告（按24小时从严计）',
      en: 'a seller who finds a defect stops selling, tells the producer and reports at once (24 h, prudent reading)',
    });
  }
  if (f.seriousHarm) {
    add('serious_harm', addWorkingDays(f.learnedAt, 2), false, {
      zh: '部分省份（如广东 2023）：发生或可能发生死亡、严重伤害时 2 个工作日内报告',
      en: 'some provinces (e.g. Guangdong 2023): within 2 working days where death or serious injury occurred or may occur',
    });
  }
  if (f.role === 'producer' && food) {
    // Due with the completion deadline, which is only fixed once the recall has started.
    add('summary', f.completeBy, !f.announcedAt, {
      zh: '召回完成后提交总结报告（未查到单独期限，按完成期限计）',
      en: 'summary report after completion (no separate figure found: due with the completion deadline)',
    });
  } else if (f.role === 'producer') {
    const base = f.completedAt ?? f.completeBy;
    add('summary', base ? addWorkingDays(base, 15) : null, !f.completedAt, {
      zh: '召回完成后 15 个工作日内提交召回总结报告',
      en: 'summary report within 15 working days of completion',
    });
  }
  return out;
}

export type ReportState = 'filed' | 'overdue' | 'due_soon' | 'open' | 'waiting';

/** Where a report stands now: filed, late, due within a day, open, or waiting for its start. */
export function reportState(d: ReportDeadline, filedAt: Date | null, now: Date): ReportState {
  if (filedAt) return 'filed';
  if (!d.dueAt) return 'waiting';
  if (d.dueAt.getTime() < now.getTime()) return 'overdue';
  if (d.dueAt.getTime() - now.getTime() <= DAY) return 'due_soon';
  return 'open';
}
