/** The shared words of a merge of two people's edits, Swedish. */
export const mergeSv = {
  heading: 'Någon annan har ändrat samma fält under tiden',
  lead: 'Fälten som bara en av er ändrade är redan sammanfogade i formuläret. Välj för varje fält nedan vilket värde som ska gälla och spara. Ingenting är sparat än.',
  caption: 'Fält som ni båda har ändrat',
  field: 'Fält',
  theirs: 'Sparat av den andra',
  mine: 'Din ändring',
  choose: 'Välj',
  keepTheirs: 'Behåll det sparade',
  useMine: 'Använd min ändring',
  empty: '(tomt)',
  chooseEach: 'Välj vilket värde som ska gälla för varje fält som ni båda har ändrat.',
};

export type MergeMessages = typeof mergeSv;
