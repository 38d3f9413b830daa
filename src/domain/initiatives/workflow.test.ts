import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  transitions,
  type WorkflowAction,
  type WorkflowState,
} from './workflow.js';

const states: WorkflowState[] = ['utkast', 'inskickad', 'publicerad', 'returnerad', 'arkiverad'];
const actions = Object.keys(transitions) as WorkflowAction[];

describe('initiative workflow', () => {
  it('lets an owning actor submit a draft but not approve it', () => {
    expect(checkTransition('utkast', 'submit', { role: 'aktor', isOwnerEditor: true })).toEqual({
      ok: true,
      to: 'inskickad',
    });
    const approve = checkTransition('inskickad', 'approve', { role: 'aktor', isOwnerEditor: true });
    expect(approve.ok === false && approve.code).toBe('forbidden');
  });

  it('lets a coordinator approve or return a submitted initiative', () => {
    expect(
      checkTransition('inskickad', 'approve', { role: 'samordnare', isOwnerEditor: false }),
    ).toEqual({ ok: true, to: 'publicerad' });
    expect(
      checkTransition('inskickad', 'return', { role: 'samordnare', isOwnerEditor: false }),
    ).toEqual({ ok: true, to: 'returnerad' });
  });

  it('refuses an actor from another organisation', () => {
    const r = checkTransition('utkast', 'submit', { role: 'aktor', isOwnerEditor: false });
    expect(r.ok === false && r.code).toBe('forbidden');
  });

  it('refuses transitions from the wrong state whoever asks', () => {
    const r = checkTransition('publicerad', 'approve', { role: 'admin', isOwnerEditor: true });
    expect(r.ok === false && r.code).toBe('invalid_transition');
  });

  it('never deletes: archived can only be restored, to a draft', () => {
    for (const action of actions) {
      const r = checkTransition('arkiverad', action, { role: 'system', isOwnerEditor: false });
      expect(r.ok).toBe(action === 'restore');
      if (r.ok) expect(r.to).toBe('utkast');
    }
  });

  it('every state can reach publicerad and arkiverad', () => {
    const reach = (from: WorkflowState, target: WorkflowState): boolean => {
      const seen = new Set<WorkflowState>([from]);
      const queue = [from];
      while (queue.length) {
        const s = queue.shift()!;
        if (s === target) return true;
        for (const a of actions) {
          const r = checkTransition(s, a, { role: 'system', isOwnerEditor: false });
          if (r.ok && !seen.has(r.to)) {
            seen.add(r.to);
            queue.push(r.to);
          }
        }
      }
      return false;
    };
    for (const s of states) {
      expect(reach(s, 'publicerad')).toBe(true);
      expect(reach(s, 'arkiverad')).toBe(true);
    }
  });
});
