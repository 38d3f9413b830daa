import MarkdownIt from 'markdown-it';
import { raw, type SafeHtml } from './html.js';

/**
 * Markdown for descriptions written by actors. Raw HTML in the source is escaped (html: false),
 * links are limited to http(s) and mailto, and headings start at level 3 under the page's own.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());
md.disable(['image']);
md.core.ruler.push('demote_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      const level = Math.min(6, Number(token.tag.slice(1)) + 2);
      token.tag = `h${level}`;
    }
  }
  return true;
});

export function renderMarkdown(source: string): SafeHtml {
  return raw(md.render(source));
}
