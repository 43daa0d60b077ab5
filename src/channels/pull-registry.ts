import type { Platform } from './channel.js';
import { douyinPull } from './douyin/pull.js';
import { pinduoduoPull } from './pinduoduo/pull.js';
import type { PullSpec } from './pull.js';
import { taobaoPull } from './taobao/pull.js';
import { tiktokPull } from './tiktok/pull.js';

/** Each platform's incremental list APIs for the reconciler. */
export const PULL: Record<Platform, PullSpec> = {
  douyin: douyinPull,
  pinduoduo: pinduoduoPull,
  tiktok: tiktokPull,
  taobao: taobaoPull,
};
