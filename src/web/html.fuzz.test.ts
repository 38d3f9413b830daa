import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, hostileFragments } from '../../test/reliability/fuzzRuns.js';
import { escapeHtml, html, raw } from './html.js';
import { renderMarkdown } from './markdown.js';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(...hostileFragments),
  fc
    .array(fc.constantFrom(...hostileFragments, '<', '>', '&', '"', "'", 'a'), { maxLength: 12 })
    .map((p) => p.join('')),
);

const unescape = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

describe('the HTML escaper (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('leaves no character that opens markup or ends an attribute, and loses nothing', () => {
    fc.assert(
      fc.property(text, (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(unescape(e)).toBe(s);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('html`` keeps the template and escapes every value, in text and in attributes', () => {
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 3 }), (a, b, list) => {
        const out = html`<p title="${a}" data-x='${b}'>${a}${list}</p>`.value;
        const expected = `<p title="${escapeHtml(a)}" data-x='${escapeHtml(b)}'>${escapeHtml(a)}${list.map(escapeHtml).join('')}</p>`;
        expect(out).toBe(expected);
        // Exactly the template's own tags.
        expect(out.match(/</g)).toHaveLength(2);
        // SafeHtml passes through untouched, and nothing else does.
        expect(html`${raw('<b>')}${a}`.value).toBe(`<b>${escapeHtml(a)}`);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

/** The tags and attributes Markdown may produce; anything else is a hole. */
const allowedTags = new Set([
  'p',
  'em',
  'strong',
  'a',
  'ul',
  'ol',
  'li',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'code',
  'pre',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  's',
]);
const allowedAttributes = new Set(['href', 'start', 'style', 'class', 'title']);

function checkMarkup(out: string) {
  for (const m of out.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    expect(allowedTags, `tag <${tag}> in ${out}`).toContain(tag);
    for (const a of m[2]!.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
      const name = a[1]!.toLowerCase();
      expect(allowedAttributes, `attribute ${name} in ${out}`).toContain(name);
      if (name === 'href') {
        expect(unescape(a[2] ?? '').trim()).toMatch(/^$|^(https?:|mailto:)/i);
      }
      if (name === 'style') expect(a[2]).toMatch(/^text-align:(left|right|center)$/);
    }
  }
  expect(out).not.toMatch(/<script|<iframe|<svg|<img|<object|<embed|<style/i);
}

describe('Markdown rendering (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
  const markdownBits = fc.constantFrom(
    '# ',
    '## ',
    '* ',
    '1. ',
    '> ',
    '```\n',
    '`',
    '**',
    '_',
    '[x](',
    ')',
    '](',
    '<',
    '>',
    '\n\n',
    '| a | b |\n|:--|--:|\n| 1 | 2 |\n',
    '---\n',
    '![i](x.png)',
    '<http://x.example>',
    '<javascript:alert(1)>',
    '[a](javascript:alert(1))',
    '[a](<javascript:alert(1)>)',
    '[a]( JAVASCRIPT:alert(1))',
    '[a](vbscript:x)',
    '[a](data:text/html;base64,PHNjcmlwdD4=)',
    '[r]: javascript:alert(1)\n[x][r]',
    '<a href="javascript:alert(1)">x</a>',
    'onclick="x"',
    '[a](http://x.example "t\\" onmouseover=\\"alert(1)")',
    '&#x6A;avascript:',
    '\\',
  );
  const source = fc
    .array(fc.oneof(markdownBits, text), { maxLength: 20 })
    .map((parts) => parts.join(''));

  it(
    'never produces a script, an event handler or a link that is not http(s) or mailto',
    () => {
      fc.assert(
        fc.property(source, (s) => {
          checkMarkup(renderMarkdown(s).value);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
