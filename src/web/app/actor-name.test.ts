import i18next from 'i18next';
import { beforeAll, expect, test } from 'vitest';
import { actorName } from './actor-name.js';
import { common } from './i18n-common.js';

const zh = i18next.createInstance();
const en = i18next.createInstance();
beforeAll(async () => {
  for (const [i, lng] of [
    [zh, 'zh-CN'],
    [en, 'en'],
  ] as const)
    await i.init({ lng, ns: ['common'], resources: { [lng]: { common: common[lng] } } });
});

test.each([
  ['system', 'system', '系统', 'System'],
  ['sla escalation', 'system', '时效升级', 'SLA escalation'],
  ['Aftercare', 'system', '售后工作台', 'Aftercare'],
  ['Aftercare 自动回复', 'system', '自动确认回复', 'Automatic acknowledgement'],
  ['智能助手', 'system', '智能助手', 'Assistant'],
  ['召回提醒计划', 'system', '召回提醒计划', 'Recall reminder schedule'],
  ['抖店', 'system', '抖店', 'Douyin Shop'],
  ['pinduoduo', 'system', '拼多多', 'Pinduoduo'],
  ['customer', 'customer', '买家', 'Buyer'],
  ['', 'customer', '买家', 'Buyer'],
  ['王*', 'customer', '王*', '王*'],
  // A person is shown by their own name, even one that reads like a job's.
  ['System', 'user', 'System', 'System'],
  ['李娜', 'user', '李娜', '李娜'],
])('%s (%s) reads %s / %s', (name, type, inZh, inEn) => {
  expect(actorName(name, type, zh.t)).toBe(inZh);
  expect(actorName(name, type, en.t)).toBe(inEn);
});
