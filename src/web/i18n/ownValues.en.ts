import type { OwnValuesMessages } from './ownValues.sv.js';

/** Messages of the page of an indicator's own values (table and upload), English. */
export const ownValuesEn: OwnValuesMessages = {
  title: (name: string) => `Own values: ${name}`,
  back: 'Back to the indicator',
  lead: 'Type values by area and year. Empty boxes are left as they are. All values are saved together, or none if anything is wrong.',
  notManual:
    'The indicator fetches its values from its source (Kolada or SCB). Own values can only be given for indicators with the source “Own values”.',
  tableHeading: 'Type values',
  caption: (unit: string) => `Values by area and year (${unit})`,
  area: 'Area',
  gender: { T: 'total', K: 'women', M: 'men' },
  cellLabel: (place: string, year: number, gender: string) => `${place} ${year}, ${gender}`,
  notNumber: 'Type a number, for example 12.5.',
  atLeastOne: 'Type at least one value.',
  save: 'Save the values',
  errorsTitle: 'Nothing has been saved. Correct this and save again',
  uploadHeading: 'Upload a file',
  uploadLead:
    'A CSV file (UTF-8) or an Excel file with the header row indicator,place,period,gender,value,status – the same format as the command riktning import csv. Every row is checked first; if there is a single error nothing is saved and each error is shown with its row and column.',
  file: 'File (.csv or .xlsx)',
  upload: 'Upload',
  noFile: 'Choose a file to upload.',
  wrongType: 'The file must be a CSV file (.csv) or an Excel workbook (.xlsx).',
  tooLarge: 'The file is too large (at most 20 MB).',
  uploadFailed:
    'Nothing has been saved: the file has errors. Correct the rows below and upload the file again.',
  errorsCaption: 'Errors by row and column',
  colRow: 'Row',
  colColumn: 'Column',
  colMessage: 'Error',
  whole: 'The whole file',
  runLink: (id: number) => `See import run ${id}`,
  saved: (id: string) => `The values are saved (import run ${id}).`,
  uploaded: (id: string) => `The file is imported (import run ${id}).`,
};
