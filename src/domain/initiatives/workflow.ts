import type { UserRole } from '../context.js';

export type WorkflowState = 'utkast' | 'inskickad' | 'publicerad' | 'returnerad' | 'arkiverad';
export type WorkflowAction = 'submit' | 'approve' | 'return' | 'archive' | 'restore';

interface Transition {
  from: readonly WorkflowState[];
  to: WorkflowState;
  /** Roles allowed beyond the initiative's own organisation editors. */
  roles: readonly UserRole[];
  /** Whether an editor of the owning organisation may do it. */
  owner: boolean;
}

/**
 * The approval workflow of the registry: an actor drafts and submits, the Region's coordinators
 * approve (publish) or return with a comment, and nothing is deleted — it is archived, and a
 * restore brings it back to the state it had before (a draft when that is not known). A
 * published initiative is archived only by the Region; its members ask for it.
 */
export const transitions: Record<WorkflowAction, Transition> = {
  submit: {
    from: ['utkast', 'returnerad'],
    to: 'inskickad',
    roles: ['admin', 'samordnare'],
    owner: true,
  },
  approve: { from: ['inskickad'], to: 'publicerad', roles: ['admin', 'samordnare'], owner: false },
  return: { from: ['inskickad'], to: 'returnerad', roles: ['admin', 'samordnare'], owner: false },
  archive: {
    from: ['utkast', 'inskickad', 'publicerad', 'returnerad'],
    to: 'arkiverad',
    roles: ['admin', 'samordnare'],
    owner: true,
  },
  restore: { from: ['arkiverad'], to: 'utkast', roles: ['admin', 'samordnare'], owner: false },
};

/**
 * The workflow of a change proposed to a published initiative by its organisation: drafted
 * (utkast), submitted (inskickad), then applied on approval or returned with a comment. The
 * published record stays as it is until the change is approved.
 */
export const pendingTransitions: Partial<Record<WorkflowAction, Transition>> = {
  submit: transitions.submit,
  approve: { ...transitions.approve, to: 'publicerad' },
  return: transitions.return,
};

export type TransitionCheck =
  | { ok: true; to: WorkflowState }
  | { ok: false; code: 'invalid_transition' | 'forbidden'; message: string };

export function checkTransition(
  from: WorkflowState,
  action: WorkflowAction,
  who: { role: UserRole | 'system'; isOwnerEditor: boolean },
  table: Partial<Record<WorkflowAction, Transition>> = transitions,
): TransitionCheck {
  const t = table[action];
  if (!t || !t.from.includes(from)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `En insats som är ${stateLabels[from]} kan inte ${actionLabels[action]}.`,
    };
  }
  const allowed =
    who.role === 'system' ||
    (t.roles as readonly string[]).includes(who.role) ||
    (t.owner && who.isOwnerEditor);
  if (!allowed) {
    return { ok: false, code: 'forbidden', message: 'Du har inte behörighet att göra detta.' };
  }
  return { ok: true, to: t.to };
}

export const stateLabels: Record<WorkflowState, string> = {
  utkast: 'ett utkast',
  inskickad: 'inskickad',
  publicerad: 'publicerad',
  returnerad: 'returnerad',
  arkiverad: 'arkiverad',
};

const actionLabels: Record<WorkflowAction, string> = {
  submit: 'skickas in',
  approve: 'godkännas',
  return: 'returneras',
  archive: 'arkiveras',
  restore: 'återställas',
};
