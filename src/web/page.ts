import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from './components/layout.js';
import type { SafeHtml } from './html.js';
import type { Locale } from './i18n/index.js';

/** The page shell every HTML front door answers with: the site layout around a body. */
export interface Page {
  title: string;
  body: SafeHtml;
  description?: string;
  feeds?: { href: string; title: string }[];
  /** Where the language link goes when the language is not in the path (signed-in pages). */
  languageHref?: string;
  /** Further skip links after "Hoppa till innehållet" (see LayoutParams). */
  skipLinks?: { href: string; label: string }[];
  /** The installation holds demo data: the layout says so once, under the menu. */
  demo?: boolean;
}

export function renderPage(locale: Locale, path: string, page: Page): string {
  return layout({ locale, path, ...page }).toString();
}

export function sendPage(
  reply: FastifyReply,
  page: Page & { path: string },
  status = 200,
  locale: Locale = 'sv',
) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderPage(locale, page.path, page));
}

/** Serves a rendered page through the page cache. */
export type ServePage = (
  req: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<Page>,
) => Promise<FastifyReply>;
