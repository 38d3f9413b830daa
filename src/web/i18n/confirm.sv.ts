/** The shared words of a confirmation step, Swedish. */
export const confirmSv = {
  cannotUndo: 'Det här går inte att ångra.',
  cancel: 'Avbryt',
  checkboxHint: 'Bekräfta genom att kryssa i rutan och trycka på knappen igen.',
};

export type ConfirmMessages = typeof confirmSv;
