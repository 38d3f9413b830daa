/** Reads an HTML form as a browser would submit it, for tests that post what a page shows. */

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string) =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** The fields of the form posting to `action`: what submitting it unchanged would send. */
export function readForm(page: string, action: string): Record<string, string | string[]> {
  const start = page.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const body = page.slice(start, page.indexOf('</form>', start));
  const out: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = out[name];
    out[name] = had === undefined ? value : ([] as string[]).concat(had, value);
  };
  for (const m of body.matchAll(/<input\b([^>]*)>/g)) {
    const tag = m[1]!;
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name || type === 'submit' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(tag)) continue;
    add(name, unescape(attr(tag, 'value') ?? ''));
  }
  for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(m[1]!, 'name');
    if (name) add(name, unescape(m[2]!));
  }
  for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[1]!, 'name');
    const selected = /<option value="([^"]*)"[^>]*\bselected/.exec(m[2]!);
    const first = /<option value="([^"]*)"/.exec(m[2]!);
    if (name) add(name, unescape((selected ?? first)?.[1] ?? ''));
  }
  return out;
}
