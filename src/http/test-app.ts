import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { Database } from '../db/client.js';
import { closeAfterFile } from '../db/test-cleanup.js';
import { createTestDatabase } from '../db/test-db.js';
import type { AppDeps, Services } from '../services.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { createSecretBox } from '../shared/secret-box.js';
import { createOutboundPolicy } from './outbound-policy.js';

export type TestApp = {
  app: FastifyInstance;
  services: Services;
  database: Database;
  /** Signs up a new tenant (open sign-up is on in tests) and returns a client logged in as its admin. */
  signup(name?: string): Promise<TestClient>;
};

export type TestClient = {
  tenantId: string;
  userId: string;
  cookie: string;
  email: string;
  request(method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Another user of the same tenant with the given role, logged in. */
  addUser(role: 'agent' | 'supervisor' | 'admin'): Promise<TestClient>;
};

let counter = 0;

/** A real app on a real, isolated database for one test file; closed after the file. */
export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock: Clock = overrides.clock ?? systemClock;
  // Tests reach loopback only: a shop on a platform's real gateway is refused before any lookup.
  const ownOutbound = overrides.outbound ? null : createOutboundPolicy({ onlyAllowed: true });
  const { app, services } = await buildApp({
    database,
    clock,
    secretBox: createSecretBox(Buffer.alloc(32, 7)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    logLevel: 'silent',
    webRoot: '/nonexistent',
    ...(ownOutbound ? { outbound: ownOutbound } : {}),
    ...overrides,
  });
  closeAfterFile(async () => {
    await app.close();
    await ownOutbound?.close();
    await database.close();
  });

  const clientFor = (tenantId: string, userId: string, cookie: string, email: string): TestClient => ({
    tenantId,
    userId,
    cookie,
    email,
    request: (method, url, payload) =>
      app.inject({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as never }),
      }),
    async addUser(role) {
      const userEmail = `${role}-${++counter}-${Date.now()}@example.cn`;
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie },
        payload: { email: userEmail, name: `${role} ${counter}`, role, password: 'plum-blossom-tea-2718' },
      });
      if (created.statusCode !== 201) throw new Error(`addUser failed: ${created.body}`);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: userEmail, password: 'plum-blossom-tea-2718' },
      });
      return clientFor(tenantId, created.json().id, sessionCookie(login), userEmail);
    },
  });

  return {
    app,
    services,
    database,
    async signup(name = 'Test Shop') {
      const email = `owner-${++counter}-${Date.now()}@example.cn`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { tenantName: `${name} ${counter}`, email, password: 'plum-blossom-tea-2718' },
      });
      if (res.statusCode !== 201) throw new Error(`signup failed: ${res.body}`);
      const body = res.json();
      return clientFor(body.tenant.id, body.user.id, sessionCookie(res), email);
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error('no session cookie');
  return first.split(';')[0]!;
}
