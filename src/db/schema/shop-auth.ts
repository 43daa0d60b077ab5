import { pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, ts } from './columns.js';

/**
 * A shop authorisation under way: the merchant was sent to the platform's consent page with `state`;
 * the callback finds it by the state's SHA-256 (the state itself is never stored), once, within minutes.
 */
export const shopAuthStates = pgTable(
  'shop_auth_states',
  {
    tenantId: tenantId(),
    stateHash: text('state_hash').notNull(),
    shopId: uuid('shop_id').notNull(),
    userId: uuid('user_id').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.stateHash] }),
    // The platform's redirect names a state only. Allowed in tenancy.test.ts.
    uniqueIndex('shop_auth_states_global').on(t.stateHash),
  ],
);
