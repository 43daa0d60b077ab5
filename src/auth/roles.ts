export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

export const hasRole = (actual: Role, required: Role): boolean => RANK[actual] >= RANK[required];

/** Who did something: recorded on every audit event and message. */
export type Actor = {
  tenantId: string;
  type: 'user' | 'token' | 'system';
  id: string | null;
  name: string;
  role: Role;
};

export const systemActor = (tenantId: string, name = 'system'): Actor => ({
  tenantId,
  type: 'system',
  id: null,
  name,
  role: 'admin',
});
