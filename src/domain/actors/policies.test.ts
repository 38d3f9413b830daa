import { describe, expect, it } from 'vitest';
import type { UserRole } from '../context.js';
import { curatorRoles, isCurator, roleNames } from './policies.js';

describe('curator roles', () => {
  it('are exactly the roles whose holders isCurator accepts', () => {
    const roles = Object.keys(roleNames) as UserRole[];
    const accepted = roles.filter((role) =>
      isCurator({ kind: 'user', userId: 1, role, organisationIds: [], label: 'test' }),
    );
    expect([...curatorRoles].sort()).toEqual(accepted.sort());
    expect([...curatorRoles].sort()).toEqual(['admin', 'samordnare']);
  });
});
