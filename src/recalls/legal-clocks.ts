import { addWorkingTime, compileCalendar, type Weekday } from '../sla/calendar.js';
import type { HazardLevel } from './recall-types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type ClockRule = {
  /** Hours from learning of the risk to starting the recall (announcement). */
  startHours: number | null;
  /** Working days from the start to completing it (food) or to filing the summary report (consumer goods). */
  completeWorkingDays: number | null;
  /** Whether the figures were confirmed against the current legal text. */
  uncertain: boolean;
  basis: { zh: string; en: string };
};

/**
 * 《食品召回管理办法》(2015-09-01) art. 13: level 1 starts within 24 h and completes within 10
 * working days, level 2 48 h / 20, level 3 72 h / 30.
 * UNCERTAIN: confirmed from a secondary summary only (../shared/platforms.md), not the gazetted
 * text; every figure can be overridden per campaign (clockOverride).
 *
 * 《消费品召回管理暂行规定》(SAMR, 2020-01-01) sets no fixed hour count for sellers; the older
 * product-specific rules ask for the summary report within 15 working days of completion, and some
 * provinces (Guangdong 2023) want a report within 2 working days where serious harm occurred.
 * UNCERTAIN: none of these could be confirmed here; the defaults below are a prudent reading
 * (start within 24 h, summary report 15 working days after the start), overridable per campaign.
 */
export const CLOCK_RULES: Record<HazardLevel, ClockRule> = {
  food_1: {
    startHours: 24,
    completeWorkingDays: 10,
    uncertain: true,
    basis: { zh: '《食品召回管理办法》一级召回', en: 'Food Recall Measures, level 1' },
  },
  food_2: {
    startHours: 48,
    completeWorkingDays: 20,
    uncertain: true,
    basis: { zh: '《食品召回管理办法》二级召回', en: 'Food Recall Measures, level 2' },
  },
  food_3: {
    startHours: 72,
    completeWorkingDays: 30,
    uncertain: true,
    basis: { zh: '《食品召回管理办法》三级召回', en: 'Food Recall Measures, level 3' },
  },
  consumer: {
    startHours: 24,
    completeWorkingDays: 15,
    uncertain: true,
    basis: {
      zh: '《消费品召回管理暂行规定》（期限待核实）',
      en: 'Consumer Product Recall Provisions (deadlines to be confirmed)',
    },
  },
};

// Mainland working days: Monday–Friday around the clock, with public holidays and 调休.
export const WORKING_DAYS = compileCalendar({
  timezone: 'Asia/Shanghai',
  hours: ([1, 2, 3, 4, 5] as Weekday[]).map((day) => ({ day, start: '00:00', end: '24:00' })),
  holidays: 'CN',
});

export type RecallClock = {
  startBy: Date | null;
  completeBy: Date | null;
  startMet: boolean | null;
  uncertain: boolean;
  basis: { zh: string; en: string };
};

/** The campaign's legal clock: when it must start (announce) and complete, and whether the start was met. */
export function recallClock(
  level: HazardLevel,
  learnedAt: Date,
  announcedAt: Date | null,
  override: { startHours?: number | undefined; completeWorkingDays?: number | undefined } | null,
): RecallClock {
  const rule = CLOCK_RULES[level];
  const startHours = override?.startHours ?? rule.startHours;
  const days = override?.completeWorkingDays ?? rule.completeWorkingDays;
  const startBy = startHours === null ? null : new Date(learnedAt.getTime() + startHours * HOUR);
  const from = (announcedAt ?? startBy ?? learnedAt).getTime();
  const completeBy = days === null ? null : new Date(addWorkingTime(WORKING_DAYS, from, days * DAY));
  return {
    startBy,
    completeBy,
    startMet: startBy && announcedAt ? announcedAt.getTime() <= startBy.getTime() : null,
    uncertain: rule.uncertain && !override,
    basis: rule.basis,
  };
}
