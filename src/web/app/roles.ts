import type { Role } from './types.js';

const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** Whether `role` may do what `minRole` allows (admin ⊃ supervisor ⊃ agent). */
export const hasRole = (role: Role | undefined, minRole: Role): boolean =>
  role !== undefined && RANK[role] >= RANK[minRole];
