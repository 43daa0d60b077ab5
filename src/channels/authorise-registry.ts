import type { AuthSpec } from './authorise.js';
import type { Platform } from './channel.js';
import { douyinAuthorise } from './douyin/authorise.js';
import { pinduoduoAuthorise } from './pinduoduo/authorise.js';
import { taobaoAuthorise } from './taobao/authorise.js';
import { tiktokAuthorise } from './tiktok/authorise.js';

/** Each platform's shop authorisation (consent page, token exchange, refresh). */
export const AUTHORISE: Record<Platform, AuthSpec> = {
  douyin: douyinAuthorise,
  pinduoduo: pinduoduoAuthorise,
  tiktok: tiktokAuthorise,
  taobao: taobaoAuthorise,
};
