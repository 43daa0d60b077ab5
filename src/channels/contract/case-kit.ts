// Test support shared by the contract cases: the clock, the credentials and settings each platform's
// cases run with, and the shape of a case.
import type { Platform } from '../channel.js';
import type { OutboundWork, PlatformRequest } from '../outbound.js';
import type { Creds } from './sdk-mirrors.js';

export const NOW = new Date('2026-11-25T02:00:00.000Z'); // 10:00:00 in Beijing

export const CREDS: Record<Platform, Creds> = {
  douyin: {
    appKey: '7152331234567890123',
    appSecret: 'dy-secret-0123456789',
    accessToken: 'dy-access-token-1',
  },
  pinduoduo: {
    appKey: 'pdd-client-id-1',
    appSecret: 'pdd-client-secret-1',
    accessToken: 'pdd-access-token-1',
  },
  tiktok: {
    appKey: '6a1b2c3d4e5f',
    appSecret: 'tts-secret-abcdef',
    accessToken: 'ROW_tts-access-token-1',
    shopCipher: 'ROW_shop-cipher-1',
  },
  taobao: { appKey: '12345678', appSecret: 'top-secret-0123456789', accessToken: '6100a1b2c3d4e5f-session' },
};

/** Shop settings each platform's cases run with. */
export const SETTINGS: Record<Platform, Record<string, unknown>> = {
  douyin: { accessToken: CREDS.douyin.accessToken, returnAddressId: '7001' },
  pinduoduo: { accessToken: CREDS.pinduoduo.accessToken, returnAddressId: '2026001' },
  tiktok: { accessToken: CREDS.tiktok.accessToken, shopCipher: CREDS.tiktok.shopCipher },
  taobao: { accessToken: CREDS.taobao.accessToken, returnAddressId: '880001' },
};

export type ApiCase = {
  platform: Platform;
  name: string;
  /** The SDK file the request follows. */
  source: string;
  work: OutboundWork;
  /** The same call made through the SDK (rebuilt step by step in sdk-mirrors.ts). */
  sdk: () => PlatformRequest;
};

export type ManualCase = { platform: Platform; kind: string; caseRef: string | null };

export const work = (
  id: string,
  kind: string,
  caseRef: string | null,
  orderRef: string | null,
  payload: Record<string, unknown>,
): OutboundWork => ({
  id,
  kind,
  caseRef,
  orderRef,
  payload,
});
