import type { InitiativeListItem } from '../../domain/initiatives/queries.js';
import { escapeXml } from '../../lib/xml.js';
import { localePath, type Locale } from '../i18n/index.js';

/**
 * An Atom 1.0 feed of newly published initiatives. All text goes through the XML escaper, which
 * also drops the characters XML 1.0 cannot hold, so one title cannot break the feed.
 */
export function atomFeed(p: {
  locale: Locale;
  baseUrl: string;
  selfPath: string;
  title: string;
  items: InitiativeListItem[];
}): string {
  const x = escapeXml;
  const iso = (d: Date | null) => (d ?? new Date(0)).toISOString();
  const updated = p.items.reduce(
    (max, i) => (iso(i.updatedAt) > max ? iso(i.updatedAt) : max),
    iso(null),
  );
  const entries = p.items
    .map((i) => {
      const url = `${p.baseUrl}${localePath(p.locale, `/insatser/${i.id}`)}`;
      const title = p.locale === 'en' && i.titleEn ? i.titleEn : i.title;
      return `<entry>
<id>${x(url)}</id>
<title>${x(title)}${i.isDemo ? x(p.locale === 'sv' ? ' (demodata)' : ' (demo data)') : ''}</title>
<link rel="alternate" type="text/html" href="${x(url)}"/>
<published>${iso(i.publishedAt ?? i.updatedAt)}</published>
<updated>${iso(i.updatedAt)}</updated>
<author><name>${x(i.ownerName)}</name></author>
<summary xml:lang="sv">${x(i.summary)}</summary>
</entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${p.locale}">
<id>${x(p.baseUrl + p.selfPath)}</id>
<title>${x(p.title)}</title>
<link rel="self" type="application/atom+xml" href="${x(p.baseUrl + p.selfPath)}"/>
<link rel="alternate" type="text/html" href="${x(p.baseUrl + localePath(p.locale, '/'))}"/>
<updated>${x(updated)}</updated>
<rights>CC0 1.0</rights>
${entries}
</feed>
`;
}
