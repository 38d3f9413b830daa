import { describe, expect, it } from 'vitest';
import { el, escapeXml, text } from './xml.js';

describe('xml', () => {
  it('escapes markup characters and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
  it('builds elements with escaped attributes and text', () => {
    expect(el('a', { b: '"', c: null }, text('n', { 'xml:lang': 'sv' }, 'R&D'))).toBe(
      '<a b="&quot;"><n xml:lang="sv">R&amp;D</n></a>',
    );
    expect(el('e', { code: 1 })).toBe('<e code="1"/>');
  });
});
