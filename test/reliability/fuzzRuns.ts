/**
 * How many cases each property-based test runs: a few hundred in the normal suite, 10 000 in the
 * long mode (RIKTNING_LONG_TESTS=1, see README).
 */
export const LONG_TESTS = process.env.RIKTNING_LONG_TESTS === '1';
export const FUZZ_RUNS = LONG_TESTS ? 10_000 : 300;
/** Requests through the whole app cost more than a parser call; fewer, but still many. */
export const ROUTE_FUZZ_RUNS = LONG_TESTS ? 2_000 : 60;
/** The time a long property may take before vitest gives up. */
export const FUZZ_TIMEOUT_MS = LONG_TESTS ? 900_000 : 60_000;

/** Fragments that try to break out of HTML, attributes, URLs, CSV and SQL. */
export const hostileFragments = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '\u0000',
  '\r\nSet-Cookie: x=1',
  '%00',
  '%3Cscript%3E',
  "' or 1=1 --",
  '"; drop table users; --',
  '../../etc/passwd',
  '\uFEFF',
  '\uFFFD',
  '\u202E',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'åäö ÅÄÖ',
  '"',
  ',',
  '\n',
  '\t',
  ' ',
];
