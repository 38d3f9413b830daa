import type { ConfirmMessages } from './confirm.sv.js';

/** The shared words of a confirmation step, English. */
export const confirmEn: ConfirmMessages = {
  cannotUndo: 'This cannot be undone.',
  cancel: 'Cancel',
  checkboxHint: 'Confirm by ticking the box and pressing the button again.',
};
