import { createSessionService, type SessionServiceDeps } from './session-service.js';
import { createTokenService } from './token-service.js';
import { createUserService } from './user-service.js';

export type AuthServiceDeps = SessionServiceDeps;

/** Accounts, log-in and credentials as one service: sessions, API tokens and the team. */
export function createAuthService(deps: AuthServiceDeps) {
  return {
    ...createSessionService(deps),
    ...createTokenService(deps),
    ...createUserService(deps),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
