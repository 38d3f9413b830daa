import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { listPublishedInitiatives } from '../../domain/initiatives/queries.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createDemoDatabase, testCtx } from '../../test/database.js';
import { htmlValidator } from '../../test/html.js';
import { buildApp } from '../app.js';

let database: Database;
let app: FastifyInstance;
let initiativeId: number;
const validator = htmlValidator;

beforeAll(async () => {
  database = await createDemoDatabase();
  app = await buildApp({ database });
  initiativeId = (await listPublishedInitiatives(database.db, { limit: 1 }))[0]!.id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const pageTypes = () => [
  '/',
  '/malomraden/hallbar-samhallsplanering',
  '/insatser',
  '/insatser?q=v%C3%A4tgas',
  `/insatser/${initiativeId}`,
  '/kommuner',
  '/kommuner/0880',
  '/kommuner/0008',
  '/aktorer',
  '/aktorer/region-kalmar-lan',
  '/agenda-2030',
  '/agenda-2030/7',
  '/handlingsprogram',
  '/tackning',
  '/utvecklingsaret',
  '/tackning?ar=2023',
  '/handlingsprogram/energi-och-klimat',
  '/tillganglighet',
  '/personuppgifter',
];

describe('every public page type, in Swedish and English', () => {
  it('answers 200 with valid HTML, 304 on a matching ETag, and stays under 60 KB', async () => {
    for (const path of pageTypes().flatMap((p) => [p, p === '/' ? '/en' : `/en${p}`])) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).toContain(
        path.startsWith('/en') ? '<html lang="en">' : '<html lang="sv">',
      );
      expect(Buffer.byteLength(res.body), path).toBeLessThan(60_000);
      const report = await validator.validateString(res.body);
      const problems = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`),
      );
      expect(problems, path).toEqual([]);
      if (res.headers.etag) {
        const again = await app.inject({
          url: path,
          headers: { 'if-none-match': res.headers.etag as string },
        });
        expect(again.statusCode, path).toBe(304);
      }
    }
  });
});

describe('search', () => {
  it('finds initiatives by Swedish word forms and shows facets with counts', async () => {
    const res = await app.inject('/insatser?q=f%C3%B6retagen');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/\d+ insats(er)? för ”företagen”/);
    expect(res.body).toContain('<mark>');
    expect(res.body).toMatch(/name="omrade" value="[a-z-]+"/);
  });

  it('narrows by facets and paginates', async () => {
    const all = await app.inject('/insatser');
    const total = Number(/(\d+) insatser/.exec(all.body)![1]);
    const kalmar = await app.inject('/insatser?plats=0880&status=pagaende');
    const narrowed = Number(/(\d+) insats/.exec(kalmar.body)![1]);
    expect(narrowed).toBeLessThan(total);
    expect(all.body).toContain('rel="next"');
    const page2 = await app.inject('/insatser?sida=2');
    expect(page2.body).toContain('Sida 2 av');
  });

  it('lists the chosen filters with a link each that removes it, and keeps a chosen value that matches nothing', async () => {
    const res = await app.inject('/insatser?plats=0880&status=pagaende&agenda=7');
    expect(res.statusCode).toBe(200);
    const chosen = /<div class="active-filters">([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? '';
    expect(chosen).toContain('<h2 id="valda-filter">Valda filter</h2>');
    expect(chosen).toContain(
      '<a href="/insatser?agenda=7&amp;status=pagaende#resultat"><span class="facet">Plats:</span> Kalmar <span class="remove">(ta bort)</span></a>',
    );
    expect(chosen).toContain(
      '<a href="/insatser?agenda=7&amp;plats=0880#resultat"><span class="facet">Status:</span> Pågående',
    );
    expect(chosen).toContain(
      '<a href="/insatser?plats=0880&amp;status=pagaende#resultat"><span class="facet">Globala mål:</span> 7.',
    );
    expect(chosen).toContain('<a href="/insatser#resultat">Rensa alla val</a>');
    expect(res.body).toContain('<summary>Filtrera <span class="count">(3 valda)</span></summary>');

    // Words nothing contains: every facet list is empty, yet the chosen place stays, checked, at 0.
    const none = await app.inject(
      '/insatser?q=qqqxxxzzz&plats=0880&omrade=god-miljo-for-barn-och-unga',
    );
    expect(none.body).toContain('Inga insatser matchar sökningen.');
    expect(none.body).toMatch(
      /name="plats" value="0880" checked> <label for="[^"]+">Kalmar <span class="count">\(0\)<\/span>/,
    );
    expect(none.body).toMatch(/name="omrade" value="god-miljo-for-barn-och-unga" checked>/);
    expect(none.body).not.toMatch(/name="plats" value="0881"/);
    // An unknown value is not made up.
    const unknown = await app.inject('/insatser?plats=9999');
    expect(unknown.body).not.toContain('value="9999"');

    const en = await app.inject('/en/insatser?plats=0880');
    expect(en.body).toContain('<h2 id="valda-filter">Chosen filters</h2>');
    expect(en.body).toContain('href="#resultat">Skip to the results</a>');
  });

  it('finds an initiative by the words of its English text, on both sites', async () => {
    const before = await app.inject('/en/insatser?q=hydrogen&sort=relevans');
    expect(before.body).toContain('Most initiatives are written in Swedish');
    const [row] = await queryRows<{ id: number }>(
      database.db,
      sql`update initiatives set title_en = 'Hydrogen refuelling along the coast'
        where id = (select max(id) from initiatives where workflow_state = 'publicerad') returning id`,
    );
    for (const url of ['/en/insatser?q=hydrogen', '/insatser?q=hydrogen&sort=nyast']) {
      const res = await app.inject(url);
      expect(res.body, url).toContain(
        `href="${url.startsWith('/en') ? '/en' : ''}/insatser/${row!.id}"`,
      );
    }
    expect((await app.inject('/en/insatser?q=hydrogen')).body).toContain(
      'Hydrogen refuelling along the coast',
    );
  });

  it('corrects a misspelt word against the published texts', async () => {
    const res = await app.inject('/insatser?q=bredbnad');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Inga insatser innehöll ”bredbnad”. Visar träffar för ”bredband”.');
    expect(res.body).toContain('<mark>');
    const en = await app.inject('/en/insatser?q=bredbnad');
    expect(en.body).toContain('Showing results for “bredband”.');
  });

  it('never fails or reflects hostile input', async () => {
    const hostile = [
      '/insatser?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      "/insatser?q='%3B%20drop%20table%20initiatives%3B--",
      '/insatser?q=%00%ff%fe',
      `/insatser?q=${'a'.repeat(5000)}`,
      '/insatser?sida=-1',
      '/insatser?sida=1000000000',
      '/insatser?omrade=%3Cb%3E&status=ok%C3%A4nd&agenda=99&ar=abc',
      '/insatser?q=%22unterminated&sort=%3Cx%3E',
      '/insatser?q=!!!%20%7C%20%26%20%3A*',
      '/en/insatser?q=%3Cimg%20src%3Dx%3E',
    ];
    for (const url of hostile) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toMatch(/<script>alert|<img src=x>|<b>/);
    }
    const unknown = await app.inject('/insatser?status=ok%C3%A4nd');
    expect(unknown.body).toContain('Vi förstod inte');
  });

  it('downloads the current result as CSV with a BOM', async () => {
    const res = await app.inject('/insatser.csv?plats=0880');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain('id,titel,status');
  });
});

describe('action programmes', () => {
  it('lists programmes with their measures and the initiatives under each', async () => {
    const list = await app.inject('/handlingsprogram');
    expect(list.body).toContain('href="/handlingsprogram/energi-och-klimat"');
    const page = await app.inject('/handlingsprogram/energi-och-klimat');
    expect(page.body).toContain('Förnybar energiproduktion');
    expect(page.body).toMatch(/href="\/insatser\/\d+"/);
    const missing = await app.inject('/handlingsprogram/finns-inte');
    expect(missing.statusCode).toBe(404);
  });
});

describe('coverage', () => {
  it('reconciles money per goal area with the total for every year of the demo data', async () => {
    const { analyseCoverage, loadFundedInitiatives } = await import(
      '../../domain/evaluation/coverage.js'
    );
    const { coverageLabels } = await import('../../domain/evaluation/coverageReference.js');
    const initiatives = await loadFundedInitiatives(database.db);
    const labels = await coverageLabels(database.db);
    const reference = {
      goals: labels.goals.map((g) => g.key),
      places: labels.places.map((p) => p.key),
      perspectives: labels.perspectives.map((p) => p.key),
    };
    for (let year = 2019; year <= 2030; year++) {
      const c = analyseCoverage(initiatives, reference, year);
      const sum = (rows: { amount: number }[]) => rows.reduce((s, r) => s + r.amount, 0);
      // Every table of shares adds up to the total to the krona.
      for (const key of [
        'goalAreas',
        'goals',
        'places',
        'sdgGoals',
        'perspectives',
        'sources',
      ] as const)
        expect(sum(c.money[key]), `${year} ${key}`).toBe(c.total);
      expect(sum(c.areaBySource), String(year)).toBe(c.total);
      // The area × funder table's rows are the areas' amounts, its columns the funders'.
      for (const a of c.money.goalAreas)
        expect(sum(c.areaBySource.filter((x) => x.area === a.key)), a.key).toBe(a.amount);
      for (const f of c.money.sources)
        expect(sum(c.areaBySource.filter((x) => x.source === f.key)), f.key).toBe(f.amount);
    }
    const page = await app.inject('/tackning?ar=2024');
    expect(page.body).toContain('Pengar per målområde och finansiär');
  });

  it('shows the same money for a goal area, a goal and a place on every page', async () => {
    const { analyseCoverage, loadFundedInitiatives } = await import(
      '../../domain/evaluation/coverage.js'
    );
    const { coverageLabels } = await import('../../domain/evaluation/coverageReference.js');
    const { formatMillions, formatSek } = await import('../i18n/index.js');
    const labels = await coverageLabels(database.db);
    const c = analyseCoverage(
      await loadFundedInitiatives(database.db),
      {
        goals: labels.goals.map((g) => g.key),
        places: labels.places.map((p) => p.key),
        perspectives: labels.perspectives.map((p) => p.key),
      },
      null,
    );
    const amount = (rows: { key: string; amount: number }[], key: string) =>
      rows.find((r) => r.key === key)?.amount ?? 0;
    const coverage = (await app.inject('/tackning')).body;
    const start = (await app.inject('/')).body;
    expect(start).toContain('Så räknas pengarna:');
    for (const a of labels.goalAreas) {
      const money = amount(c.money.goalAreas, a.key);
      expect(money, a.key).toBeGreaterThan(0);
      expect(start, a.key).toContain(formatMillions('sv', money));
      expect(coverage, a.key).toContain(
        `<a href="/insatser?omrade=${a.key}#resultat">${a.sv}</a></th><td class="num">${formatSek('sv', money)}</td>`,
      );
    }
    const places = (await app.inject('/kommuner')).body;
    for (const code of ['0881', '0880']) {
      const money = amount(c.money.places, code);
      expect(money, code).toBeGreaterThan(0);
      const page = (await app.inject(`/kommuner/${code}`)).body;
      expect(page, code).toContain(`<dd>${formatMillions('sv', money)}</dd>`);
      expect(page, code).toContain('Så räknas pengarna:');
      expect(places, code).toContain(`<td class="num">${formatMillions('sv', money)}</td>`);
      expect(coverage, code).toContain(`/insatser?plats=${code}#resultat`);
    }
    const goal = labels.goals[0]!;
    const [{ slug }] = (await queryRows<{ slug: string }>(
      database.db,
      sql`select a.slug from goals g join goal_areas a on a.id = g.goal_area_id
        join strategies s on s.id = a.strategy_id and s.is_current where g.code = ${goal.key}`,
    )) as [{ slug: string }];
    const goalPage = (await app.inject(`/malomraden/${slug}/mal/${goal.key}`)).body;
    expect(goalPage).toContain(formatSek('sv', amount(c.money.goals, goal.key)));
  });
});

describe('feeds and caching', () => {
  it('publishes an Atom feed site-wide and per goal area', async () => {
    const res = await app.inject('/flode.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect((res.body.match(/<entry>/g) ?? []).length).toBeGreaterThan(10);
    const area = await app.inject('/malomraden/starkt-konkurrenskraft/flode.atom');
    expect(area.statusCode).toBe(200);
    expect((await app.inject('/')).body).toContain('type="application/atom+xml"');
  });

  it('shows a change at once: archiving an initiative removes it from cached pages', async () => {
    const before = await app.inject(`/insatser/${initiativeId}`);
    expect(before.statusCode).toBe(200);
    await transitionInitiative(testCtx(database.db), { initiativeId, action: 'archive' });
    const after = await app.inject(`/insatser/${initiativeId}`);
    expect(after.statusCode).toBe(404);
    // Restoring returns it to the state it had before: published again.
    await transitionInitiative(testCtx(database.db), { initiativeId, action: 'restore' });
    expect((await app.inject(`/insatser/${initiativeId}`)).statusCode).toBe(200);
  });
});

describe('English', () => {
  it('links the other language and marks Swedish content', async () => {
    const res = await app.inject(`/en/insatser/${initiativeId}`);
    expect(res.body).toContain('hreflang="sv"');
    expect(res.body).toContain(`href="/insatser/${initiativeId}"`);
    expect(res.body).toContain('lang="sv"');
    const start = await app.inject('/en');
    expect(start.body).toContain('In 2030 Kalmar county is a sustainable region');
  });
});

describe('accessibility report form', () => {
  it('requires the CSRF token, keeps what was typed on errors, and stores a valid report', async () => {
    const noToken = await app.inject({
      method: 'POST',
      url: '/tillganglighet',
      payload: 'description=hej',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noToken.statusCode).toBe(403);
    const form = await app.inject('/tillganglighet');
    const cookie = String(form.headers['set-cookie']).split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const bad = await app.inject({
      method: 'POST',
      url: '/tillganglighet',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&pageUrl=%2Fkommuner&description=kort&contactEmail=inte-en-adress`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="/kommuner"');
    expect(bad.body).toContain('aria-invalid="true"');
    const good = await app.inject({
      method: 'POST',
      url: '/tillganglighet',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${token}&pageUrl=%2Fkommuner&description=${encodeURIComponent('Kartan går inte att använda med tangentbord.')}&contactEmail=`,
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/tillganglighet?skickat=1#rapportera');
  });
});
