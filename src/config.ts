import { resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // The same database without a transaction pooler (PostgreSQL itself, or PgBouncer in session mode)
  // for what needs a session of its own: the workers' LISTEN and the Pinduoduo message service's
  // leader lock. Set it when DATABASE_URL goes through PgBouncer in transaction mode; default DATABASE_URL.
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_DIRECT_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AFTERCARE_SECRET: z.string().min(16, 'AFTERCARE_SECRET must be at least 16 characters').optional(),
  AFTERCARE_OPEN_SIGNUP: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  AFTERCARE_ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  AFTERCARE_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(0),
  AFTERCARE_SECURE_COOKIES: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  // Who may set X-Forwarded-For/-Host/-Proto: comma-separated addresses or CIDR ranges of the
  // reverse proxies in front. Unset: nobody (the socket's address is the client's).
  AFTERCARE_TRUSTED_PROXIES: z.string().default(''),
  // Hosts (host or host:port) and CIDR ranges the server may reach over plain http/ws and at
  // internal addresses (staging, tests). Unset: https/wss to public addresses only.
  AFTERCARE_OUTBOUND_ALLOW: z.string().default(''),
  // Only the allow-list, nothing else: an installation that must never reach the internet (an
  // isolated staging, the browser tests), refused before any DNS lookup.
  AFTERCARE_OUTBOUND_ONLY_ALLOWED: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  AFTERCARE_METRICS_TOKEN: z
    .string()
    .min(16, 'AFTERCARE_METRICS_TOKEN must be at least 16 characters')
    .optional(),
  // Extra origins (https://desk.example.com) whose pages may post to the API with the session cookie.
  AFTERCARE_ALLOWED_ORIGINS: z.string().default(''),
  // The address platforms reach this server at (https://desk.example.com): the shop page builds
  // each shop's webhook address from it. Unset: the address the console was opened at.
  AFTERCARE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Ingest workers (inbox → tickets) and the outbox sender.
  AFTERCARE_INGEST_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  AFTERCARE_OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  AFTERCARE_INGEST_WORKERS: z.coerce.number().int().min(0).max(32).optional(),
  AFTERCARE_PDD_MESSAGE_SERVICE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  AFTERCARE_PDD_MESSAGE_URL: z.url({ protocol: /^wss?$/ }).optional(),
  AFTERCARE_OUTBOX_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  // How often the periodic workers (care, deadline reminders, recalls, blocklist expiry, reconciler,
  // retention, summaries, the Pinduoduo message service's shop scan) look for due work. Unset: each
  // its own pace (1 s to an hour); tests and demos shorten it.
  AFTERCARE_PERIODIC_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  AFTERCARE_INGEST_BATCH: z.coerce.number().int().min(1).max(1000).optional(),
  // PGlite: events per worker transaction while webhooks arrive (an acknowledgement waits for it).
  AFTERCARE_INGEST_ARRIVING_BATCH: z.coerce.number().int().min(1).max(1000).optional(),
  AFTERCARE_INGEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  // How often shops' platform tokens are checked for renewal (they are renewed an hour before expiry).
  AFTERCARE_TOKEN_REFRESH_MS: z.coerce.number().int().min(1000).max(3_600_000).default(300_000),
  // How long before expiry a token is renewed (default one hour; tests shorten the wait).
  AFTERCARE_TOKEN_REFRESH_AHEAD_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(7 * 24 * 3_600_000)
    .default(3_600_000),
  // Where evidence files live: 'fs' (DATA_DIR/blobs) or 's3' (an S3-compatible bucket, for more than one machine).
  AFTERCARE_BLOB_STORE: z.enum(['fs', 's3']).default('fs'),
  AFTERCARE_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  AFTERCARE_S3_BUCKET: z.string().optional(),
  AFTERCARE_S3_REGION: z.string().default('us-east-1'),
  AFTERCARE_S3_ACCESS_KEY_ID: z.string().optional(),
  AFTERCARE_S3_SECRET_ACCESS_KEY: z.string().optional(),
  AFTERCARE_S3_PREFIX: z.string().default(''),
  AFTERCARE_API_BASE_DOUYIN: z.url().optional(),
  AFTERCARE_API_BASE_PINDUODUO: z.url().optional(),
  AFTERCARE_API_BASE_TIKTOK: z.url().optional(),
  AFTERCARE_API_BASE_TAOBAO: z.url().optional(),
});

export type BlobStoreConfig =
  | { kind: 'fs' }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      prefix: string;
    };

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** For LISTEN and session advisory locks: never through a transaction pooler. */
  databaseDirectUrl: string | undefined;
  databasePoolSize: number;
  secret: string | undefined;
  openSignup: boolean;
  role: 'api' | 'worker' | 'all';
  /** The niceness a worker process gives itself, so acknowledging webhooks wins the CPU it shares. */
  workerNice: number;
  secureCookies: boolean;
  sessionTtlHours: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustedProxies: string[];
  outboundAllow: string[];
  outboundOnlyAllowed: boolean;
  metricsToken: string | undefined;
  allowedOrigins: string[];
  publicUrl: string | undefined;
  tokenRefreshMs: number;
  tokenRefreshAheadMs: number;
  /** One pace for every periodic worker (tests); undefined: each worker's own. */
  periodicMs: number | undefined;
  blobStore: BlobStoreConfig;
  ingest: {
    inboxPollMs: number;
    outboxPollMs: number;
    /** Inbox worker loops in this process (default 2 on PostgreSQL, 1 on PGlite). */
    inboxWorkers: number | undefined;
    /** Connect the Pinduoduo message service for shops that ask for it (one worker process should). */
    pddMessageService: boolean;
    /** Where the Pinduoduo message service is (staging, tests); a shop's pddMessageUrl wins. */
    pddMessageUrl: string | undefined;
    outboxWorkers: number;
    /** Events per worker transaction (default: 200 on PostgreSQL, 60 on PGlite). */
    batchSize: number | undefined;
    /** PGlite: events per worker transaction while webhooks arrive (default in main.ts). */
    arrivingBatchSize: number | undefined;
    maxAttempts: number;
    apiBaseUrls: { douyin?: string; pinduoduo?: string; tiktok?: string; taobao?: string };
  };
};

/** The only reader of process.env: everything else receives a Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseDirectUrl: e.DATABASE_URL ? (e.DATABASE_DIRECT_URL ?? e.DATABASE_URL) : undefined,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    secret: e.AFTERCARE_SECRET,
    openSignup: e.AFTERCARE_OPEN_SIGNUP,
    role: e.AFTERCARE_ROLE,
    workerNice: e.AFTERCARE_WORKER_NICE,
    secureCookies: e.AFTERCARE_SECURE_COOKIES,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    trustedProxies: list(e.AFTERCARE_TRUSTED_PROXIES),
    outboundAllow: list(e.AFTERCARE_OUTBOUND_ALLOW),
    outboundOnlyAllowed: e.AFTERCARE_OUTBOUND_ONLY_ALLOWED,
    metricsToken: e.AFTERCARE_METRICS_TOKEN,
    allowedOrigins: list(e.AFTERCARE_ALLOWED_ORIGINS),
    publicUrl: e.AFTERCARE_PUBLIC_URL,
    tokenRefreshMs: e.AFTERCARE_TOKEN_REFRESH_MS,
    tokenRefreshAheadMs: e.AFTERCARE_TOKEN_REFRESH_AHEAD_MS,
    periodicMs: e.AFTERCARE_PERIODIC_MS,
    blobStore: blobStoreConfig(e),
    ingest: {
      inboxPollMs: e.AFTERCARE_INGEST_POLL_MS,
      outboxPollMs: e.AFTERCARE_OUTBOX_POLL_MS,
      inboxWorkers: e.AFTERCARE_INGEST_WORKERS,
      pddMessageService: e.AFTERCARE_PDD_MESSAGE_SERVICE,
      pddMessageUrl: e.AFTERCARE_PDD_MESSAGE_URL,
      outboxWorkers: e.AFTERCARE_OUTBOX_WORKERS,
      batchSize: e.AFTERCARE_INGEST_BATCH,
      arrivingBatchSize: e.AFTERCARE_INGEST_ARRIVING_BATCH,
      maxAttempts: e.AFTERCARE_INGEST_MAX_ATTEMPTS,
      apiBaseUrls: {
        ...(e.AFTERCARE_API_BASE_DOUYIN ? { douyin: e.AFTERCARE_API_BASE_DOUYIN } : {}),
        ...(e.AFTERCARE_API_BASE_PINDUODUO ? { pinduoduo: e.AFTERCARE_API_BASE_PINDUODUO } : {}),
        ...(e.AFTERCARE_API_BASE_TIKTOK ? { tiktok: e.AFTERCARE_API_BASE_TIKTOK } : {}),
        ...(e.AFTERCARE_API_BASE_TAOBAO ? { taobao: e.AFTERCARE_API_BASE_TAOBAO } : {}),
      },
    },
  };
}

const list = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function blobStoreConfig(e: z.infer<typeof Env>): BlobStoreConfig {
  if (e.AFTERCARE_BLOB_STORE === 'fs') return { kind: 'fs' };
  const missing = (
    [
      'AFTERCARE_S3_ENDPOINT',
      'AFTERCARE_S3_BUCKET',
      'AFTERCARE_S3_ACCESS_KEY_ID',
      'AFTERCARE_S3_SECRET_ACCESS_KEY',
    ] as const
  ).filter((name) => !e[name]);
  if (missing.length > 0) {
    throw new Error(`invalid configuration: AFTERCARE_BLOB_STORE=s3 needs ${missing.join(', ')}`);
  }
  return {
    kind: 's3',
    endpoint: e.AFTERCARE_S3_ENDPOINT as string,
    bucket: e.AFTERCARE_S3_BUCKET as string,
    region: e.AFTERCARE_S3_REGION,
    accessKeyId: e.AFTERCARE_S3_ACCESS_KEY_ID as string,
    secretAccessKey: e.AFTERCARE_S3_SECRET_ACCESS_KEY as string,
    prefix: e.AFTERCARE_S3_PREFIX,
  };
}
