import { refuse } from '../outbound.js';
import type { PullSpec } from '../pull.js';

/** Not pulled yet: the reconciler skips a platform without feeds (webhooks only). */
export const taobaoPull: PullSpec = {
  feeds: [],
  maxWindowMs: 60 * 60_000,
  maxPageSize: 50,
  listRequest: ({ feed }) => refuse('manual_only', `taobao has no list API for ${feed} here yet`),
  readPage: () => ({ ok: false, category: 'manual_only', code: 'no_feed', message: 'not pulled' }),
  versionKey: () => null,
};
