import type { Actor, UserRole } from '../context.js';

/**
 * What each role may do, in one place. The role names map to the stored roles:
 *
 * | issue               | stored role  | may                                                        |
 * | ------------------- | ------------ | ---------------------------------------------------------- |
 * | administrator       | `admin`      | everything                                                 |
 * | editor              | `samordnare` | approve, return and edit all initiatives; strategy content |
 * | organisation member | `aktor`      | create, edit and submit its own organisations' initiatives |
 * | reader              | `analytiker` | read its own organisations' drafts                         |
 */
export const roleNames: Record<UserRole, { sv: string; en: string }> = {
  admin: { sv: 'Administratör', en: 'Administrator' },
  samordnare: { sv: 'Samordnare (redaktör)', en: 'Coordinator (editor)' },
  aktor: { sv: 'Aktör (organisationsmedlem)', en: 'Actor (organisation member)' },
  analytiker: { sv: 'Analytiker (läsare)', en: 'Analyst (reader)' },
};

export type AccountPermission =
  | 'admin.enter'
  | 'users.manage'
  | 'users.invite'
  | 'strategy.manage'
  | 'organisations.manage'
  | 'audit.read';

const grants: Record<UserRole, readonly AccountPermission[]> = {
  admin: [
    'admin.enter',
    'users.manage',
    'users.invite',
    'strategy.manage',
    'organisations.manage',
    'audit.read',
  ],
  samordnare: ['admin.enter', 'strategy.manage', 'organisations.manage', 'audit.read'],
  aktor: ['admin.enter'],
  analytiker: ['admin.enter'],
};

/** Whether the actor holds an account-area permission. System actors (cli, seed) hold all. */
export function can(actor: Actor, permission: AccountPermission): boolean {
  if (actor.kind === 'system') return true;
  return grants[actor.role].includes(permission);
}

/** Whether a role belongs to the Region's staff who curate every organisation's records. */
export function isCuratorRole(role: UserRole): boolean {
  return role === 'admin' || role === 'samordnare';
}

/** Whether the actor is one of the Region's staff who curate every organisation's records. */
export function isCurator(actor: Actor): boolean {
  return actor.kind === 'system' || isCuratorRole(actor.role);
}

/** The stored roles whose holders curate (the reviewers a submitted initiative is mailed to). */
export const curatorRoles = (Object.keys(roleNames) as UserRole[]).filter(isCuratorRole);
