import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService } from '../auth/auth-service.js';
import { type Actor, hasRole, type Role } from '../auth/roles.js';
import { AppError } from '../shared/app-error.js';

export const SESSION_COOKIE = 'ac_session';

/** Every /api route declares who may call it; a route without `config.access` refuses to register. */
export type Access = 'public' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionRejected: boolean;
  }
}

export function installAccessControl(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionRejected', false);

  app.addHook('onRoute', (route) => {
    const guarded = route.url.startsWith('/api/') || route.url.startsWith('/hooks/');
    if (guarded && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header) {
      const [scheme, value] = header.split(' ');
      if (scheme?.toLowerCase() === 'bearer' && value) {
        request.actor = await auth.authenticateToken(value.trim());
        if (!request.actor) request.sessionRejected = true;
      }
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      request.actor = await auth.authenticateSession(cookie);
      if (!request.actor) request.sessionRejected = true;
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (!request.actor) {
      if (request.sessionRejected && request.cookies?.[SESSION_COOKIE]) clearSessionCookie(reply);
      throw new AppError(
        'UNAUTHENTICATED',
        request.sessionRejected
          ? 'your session has expired or the token was revoked: log in again'
          : 'log in first',
      );
    }
    if (!hasRole(request.actor.role, access)) {
      throw new AppError('FORBIDDEN', `this needs the ${access} role; you are ${request.actor.role}`);
    }
  });
}

/** The caller of a guarded route; the preHandler has already refused anonymous requests. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'log in first');
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, value: string, expires: Date, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
