import type { Platform } from '../channel.js';
import type { DeliveryCategory } from '../delivery-error.js';

/** An app the fake knows (by app key / client id): its secret and the shop's access token. */
export type FakeApp = {
  appKey: string;
  appSecret: string;
  /** The shop's access token (session key); calls with another token are refused. */
  accessToken?: string | undefined;
  /** TikTok: the cipher shop-scoped calls must carry. */
  shopCipher?: string | undefined;
  /** Calls this app may not make (the fake answers with the platform's permission error). */
  denied?: string[];
  /** The shop's name on its consent page and in token answers. */
  shopName?: string | undefined;
  /** The redirect registered with the app (TikTok, Douyin take none in the consent URL). */
  redirectUri?: string | undefined;
  /** Douyin: the service-market app's service id (its consent page is found by it). */
  serviceId?: string | undefined;
  /** Lifetime of tokens the fake issues (default 7 days). */
  tokenTtlSeconds?: number | undefined;
  /** Set by the fake when it issues a token: calls after this instant are refused as expired. */
  accessTokenExpiresAt?: number | undefined;
  refreshToken?: string | undefined;
  /** How many tokens the fake has issued to this app (consent and refreshes). */
  issued?: number | undefined;
};

export type FakeHttpRequest = {
  method: string;
  /** The API path, without the /<platform> prefix the fake is mounted under. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: string;
};

/** What a platform module makes of a request. */
export type FakeVerdict =
  | { ok: true; app: FakeApp; api: string; params: Record<string, unknown>; answer?: unknown }
  | { ok: false; category: DeliveryCategory; detail: string; api?: string };

/** A platform module of the fake: its checks and its own error and success shapes. */
export type FakePlatformModule = {
  verify(req: FakeHttpRequest, apps: (appKey: string) => FakeApp | undefined, nowMs: number): FakeVerdict;
  /** The platform's answer for a refusal of this category. */
  errorAnswer(category: DeliveryCategory, detail: string): { status: number; body: unknown };
  /** The platform's answer for an accepted call (data the API would return). */
  successAnswer(api: string, data: unknown): { status: number; body: unknown };
};

export type FakeCall = {
  platform: Platform;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: string;
  /** The platform's name for the call (method, type or path template); null when not recognised. */
  api: string | null;
  /** The business parameters as the platform reads them. */
  params: Record<string, unknown>;
  /** Whether the fake accepted the call (checks passed and no failure was injected). */
  accepted: boolean;
  /** Why it was refused (the category our readers should map the answer to). */
  refusal: DeliveryCategory | null;
  status: number;
  answer: unknown;
};

/** A failure the fake is told to produce. */
export type FakeFailure =
  | { type: 'error'; category: DeliveryCategory; detail?: string }
  | { type: 'timeout'; ms?: number }
  | { type: 'status'; status: number; body: unknown };
