import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../lib/xml.js';
import { buildInitiative } from '../../test/factories.js';
import { initiativeSchema } from '../initiatives/initiativeSchema.js';
import {
  multiLineText,
  oneLine,
  singleLineText,
  stripControls,
  stripControlsDeep,
} from './plainText.js';
import { linkableUrl, webAddressSchema } from './webAddress.js';

const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text hygiene', () => {
  it('strips C0 controls, DEL, C1 and lone surrogates, keeping tab and line breaks', () => {
    expect(stripControls('a\u0001b\u001Fc\u007Fd\u0085e\tf\ng\r\nh\uD800i\uFFFEj')).toBe(
      'abcde\tf\ng\r\nhij',
    );
    expect(stripControls('😀 Kalmar')).toBe('😀 Kalmar');
  });

  it('puts a single-line field on one line', () => {
    expect(oneLine('Rubrik\u0001 med\ttab\r\noch\nrad')).toBe('Rubrik med tab och rad');
    expect(singleLineText().trim().parse('  \u0007Vätgas\u0002 ')).toBe('Vätgas');
    expect(multiLineText().trim().parse('Rad ett\u0001\nRad två')).toBe('Rad ett\nRad två');
  });

  it('gives text XML can hold, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(XML_INVALID.test(stripControls(s))).toBe(false);
        expect(XML_INVALID.test(escapeXml(s))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('is used by the initiative schema for titles and descriptions', () => {
    const parsed = initiativeSchema.safeParse(
      buildInitiative({
        ownerOrganisationId: 1,
        goalIds: [1],
        title: 'Insats\u0001\u0002 med\u001F kontroll',
        description: 'Första raden\u0000\nAndra raden',
      }),
    );
    expect(parsed.success ? parsed.data.title : parsed.error.issues).toBe('Insats med kontroll');
    expect(parsed.success && parsed.data.description).toBe('Första raden\nAndra raden');
  });

  it('walks request bodies in place, leaving files alone', () => {
    const file = { data: Buffer.from('\u0001'), filename: 'a\u0001.csv' };
    const body = { a: 'x\u0001', b: ['y\u0002', { c: 'z\u0003' }], file };
    stripControlsDeep(body);
    expect(body).toEqual({
      a: 'x',
      b: ['y', { c: 'z' }],
      file: { data: file.data, filename: 'a.csv' },
    });
    expect(file.data[0]).toBe(1);
  });
});

describe('web addresses', () => {
  it('accepts http(s) addresses with a host only', () => {
    for (const ok of [
      'https://www.kalmar.se',
      'http://example.se/a?b=1#c',
      'https://xn--kalmar-lns-r5a.se/',
    ]) {
      expect(webAddressSchema.safeParse(ok).success, ok).toBe(true);
      expect(linkableUrl(ok)).toBe(ok);
    }
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.se',
      '//example.se',
      'https://',
      'www.kalmar.se',
      'https://exa mple.se',
      'https://example.se/\u0001',
    ]) {
      const r = webAddressSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toMatch(/https:\/\//);
      expect(linkableUrl(bad), bad).toBeNull();
    }
  });
});
