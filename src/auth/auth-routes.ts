import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../http/access.js';
import { Email, ErrorResponses, Password } from '../http/schemas.js';
import type { AuthService } from './auth-service.js';
import { ROLES } from './roles.js';

const UserView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locale: z.string(),
  disabled: z.boolean(),
});

const UserListItem = UserView.extend({
  /** Live sessions (admins only; null for others). */
  activeSessions: z.number().int().nullable(),
});

const SessionView = z.object({ id: z.uuid(), createdAt: z.date(), expiresAt: z.date() });
const UserSessionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });

const MeView = z.object({
  tenant: z.object({ id: z.uuid(), name: z.string(), locale: z.string(), timezone: z.string() }),
  user: UserView.nullable(),
  actor: z.object({ type: z.enum(['user', 'token', 'system']), name: z.string(), role: z.enum(ROLES) }),
});

const TokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  hint: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const IdParams = z.strictObject({ id: z.uuid() });

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; secureCookies: boolean }> = async (
  app,
  { auth, secureCookies },
) => {
  app.get(
    '/auth/status',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether sign-up is open and whether the caller is logged in',
        response: { 200: z.object({ signupAllowed: z.boolean(), authenticated: z.boolean() }) },
      },
    },
    async (req) => ({ signupAllowed: await auth.signupAllowed(), authenticated: req.actor !== null }),
  );

  app.post(
    '/auth/signup',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Create a tenant (merchant) and its first admin; first run or open sign-up only',
        body: z.strictObject({
          tenantName: z.string().trim().min(1).max(100),
          email: Email,
          password: Password,
          name: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 201: MeView, ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const session = await auth.signup(req.body);
      setSessionCookie(reply, session.cookie, session.expiresAt, secureCookies);
      const me = await auth.me({
        tenantId: session.tenantId,
        type: 'user',
        id: session.userId,
        name: '',
        role: 'admin',
      });
      return reply.status(201).send(me);
    },
  );

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        // A cap on requests per address; wrong passwords are slowed down per account and per address
        // with growing delays by the auth service. req.ip trusts forwarding headers only from
        // AFTERCARE_TRUSTED_PROXIES, so a client cannot pick its own address.
        rateLimit: { max: 60, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets an httpOnly session cookie',
        body: z.strictObject({ email: Email, password: z.string().min(1).max(200) }),
        response: { 200: MeView, ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const session = await auth.login(req.body.email, req.body.password, req.ip);
      setSessionCookie(reply, session.cookie, session.expiresAt, secureCookies);
      return auth.me({
        tenantId: session.tenantId,
        type: 'user',
        id: session.user.id,
        name: session.user.name,
        role: session.user.role,
      });
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await auth.logout(cookie);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['auth'],
        summary: 'The caller, their tenant and role',
        response: { 200: MeView, ...ErrorResponses },
      },
    },
    async (req) => auth.me(actorOf(req)),
  );

  app.get(
    '/users',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['users'],
        summary: 'Users of the tenant',
        response: { 200: z.object({ items: z.array(UserListItem) }) },
      },
    },
    async (req) => ({ items: await auth.listUsers(actorOf(req)) }),
  );

  app.get(
    '/users/:id/sessions',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['users'],
        summary: "A user's live sessions (admin, or one's own)",
        params: IdParams,
        response: { 200: z.object({ items: z.array(SessionView) }), ...ErrorResponses },
      },
    },
    async (req) => ({
      items: (await auth.listSessions(actorOf(req), req.params.id)).map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        expiresAt: s.expiresAt,
      })),
    }),
  );

  app.delete(
    '/users/:id/sessions',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['users'],
        summary: 'End every session of a user (admin, or one’s own): they must log in again',
        params: IdParams,
        response: { 200: z.object({ revoked: z.number().int() }), ...ErrorResponses },
      },
    },
    async (req) => ({ revoked: await auth.revokeSessions(actorOf(req), req.params.id) }),
  );

  app.delete(
    '/users/:id/sessions/:sessionId',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['users'],
        summary: 'End one session of a user (admin, or one’s own)',
        params: UserSessionParams,
        response: { 200: z.object({ revoked: z.number().int() }), ...ErrorResponses },
      },
    },
    async (req) => ({
      revoked: await auth.revokeSessions(actorOf(req), req.params.id, req.params.sessionId),
    }),
  );

  app.post(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Add a user (admin)',
        body: z.strictObject({
          email: Email,
          name: z.string().trim().min(1).max(100),
          role: z.enum(ROLES),
          password: Password,
        }),
        response: { 201: UserView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await auth.createUser(actorOf(req), req.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['users'],
        summary: 'Change a user: name and language for oneself; role and access (admin)',
        params: IdParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(100).optional(),
          role: z.enum(ROLES).optional(),
          disabled: z.boolean().optional(),
          locale: z.enum(['zh-CN', 'en']).optional(),
        }),
        response: { 200: UserView, ...ErrorResponses },
      },
    },
    async (req) => auth.updateUser(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token for an integration; the token is shown only in this answer',
        body: z.strictObject({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES).optional() }),
        response: { 201: TokenView.extend({ token: z.string() }), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const { token, row } = await auth.createToken(actorOf(req), req.body);
      return reply.status(201).send({ ...toTokenView(row), token });
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'API tokens (never their values)',
        response: { 200: z.object({ items: z.array(TokenView) }) },
      },
    },
    async (req) => ({ items: (await auth.listTokens(actorOf(req))).map(toTokenView) }),
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token',
        params: IdParams,
        response: { 200: TokenView, ...ErrorResponses },
      },
    },
    async (req) => toTokenView(await auth.revokeToken(actorOf(req), req.params.id)),
  );
};

function toTokenView(row: z.infer<typeof TokenView> & Record<string, unknown>): z.infer<typeof TokenView> {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hint: row.hint,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
