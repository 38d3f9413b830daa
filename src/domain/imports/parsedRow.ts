/** One value as a source delivers it, before it is checked against our places and stored. */
export interface ParsedRow {
  placeCode: string;
  period: number;
  gender: 'T' | 'K' | 'M';
  value: number | null;
  /** Empty when a value is present; the source's reason (e.g. "Missing") when it is not. */
  status: string;
}

/** A response that does not have the documented shape. */
export class SourceParseError extends Error {
  readonly code = 'source_bad_response';
  constructor(message: string) {
    super(message);
    this.name = 'SourceParseError';
  }
}
