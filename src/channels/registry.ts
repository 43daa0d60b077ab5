import type { ChannelAdapter, Platform } from './channel.js';
import { douyinAdapter } from './douyin/adapter.js';
import { pinduoduoAdapter } from './pinduoduo/adapter.js';
import { taobaoAdapter } from './taobao/adapter.js';
import { tiktokAdapter } from './tiktok/adapter.js';

/**
 * Every platform's adapter. Its own file: the adapters import the types in channel.ts, so the
 * registry that imports the adapters cannot live there without a cycle.
 */
export const CHANNELS: Record<Platform, ChannelAdapter> = {
  douyin: douyinAdapter,
  pinduoduo: pinduoduoAdapter,
  tiktok: tiktokAdapter,
  taobao: taobaoAdapter,
};
