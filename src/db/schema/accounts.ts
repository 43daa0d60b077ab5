import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantId, ts, updatedAt } from './columns.js';

export const tenants = pgTable('tenants', {
  tenantId: uuid('tenant_id').primaryKey(),
  name: text('name').notNull(),
  locale: text('locale').notNull().default('zh-CN'),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // An e-mail is unique within a tenant only: signing up or adding a user never tells whether the
    // address has an account with another merchant (login tries the password on each account).
    uniqueIndex('users_email').on(t.tenantId, sql`lower(${t.email})`),
    // The one global lookup: a login names only an e-mail, not a tenant. Allowed in tenancy.test.ts.
    index('users_email_global').on(sql`lower(${t.email})`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('sessions_token').on(t.tenantId, t.tokenHash),
    index('sessions_user').on(t.tenantId, t.userId),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    hint: text('hint').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('api_tokens_hash').on(t.tenantId, t.tokenHash),
  ],
);

export const shops = pgTable(
  'shops',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    platform: text('platform', { enum: ['pinduoduo', 'douyin', 'tiktok', 'taobao', 'manual'] }).notNull(),
    name: text('name').notNull(),
    externalShopId: text('external_shop_id'),
    appKey: text('app_key'),
    // AES-256-GCM sealed: base64(iv | tag | ciphertext), see shared/secret-box.ts
    appSecretSealed: text('app_secret_sealed'),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    enabled: boolean('enabled').notNull().default(true),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Webhooks arrive at /hooks/<platform>/<shopId> with no tenant in hand. Allowed in tenancy.test.ts.
    uniqueIndex('shops_id_global').on(t.id),
    index('shops_platform').on(t.tenantId, t.platform),
  ],
);

/** Per-tenant sequences (ticket numbers) without a global sequence. */
export const tenantCounters = pgTable(
  'tenant_counters',
  {
    tenantId: tenantId(),
    name: text('name').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    action: text('action').notNull(),
    actorType: text('actor_type', { enum: ['user', 'token', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_entity').on(t.tenantId, t.entityType, t.entityId, t.at),
  ],
);
