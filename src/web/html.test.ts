import { htmlValidator } from '../test/html.js';
import { describe, expect, it } from 'vitest';
import { goalAreaCard, goalAreaCardExamples } from './components/goalAreaCard.js';
import { initiativeCard, initiativeCardExamples } from './components/initiativeCard.js';
import { layout } from './components/layout.js';
import { html, raw } from './html.js';

const validator = htmlValidator;

async function validPage(body: ReturnType<typeof html>) {
  const page = layout({ locale: 'sv', title: 'Test', body, path: '/' }).toString();
  const report = await validator.validateString(page);
  return { page, report };
}

describe('html templates', () => {
  it('escapes interpolated values and keeps nested templates', () => {
    const evil = '<img src=x onerror="alert(1)">&\'';
    const out = html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}</p>`.toString();
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
    expect(out).toContain('<b>&lt;img');
  });

  it('renders arrays, skips null, undefined and false, and trusts raw', () => {
    expect(html`${[1, 2]}${null}${undefined}${false}${raw('<br>')}`.toString()).toBe('12<br>');
  });
});

describe('component examples', () => {
  for (const [name, params] of Object.entries(initiativeCardExamples)) {
    it(`initiativeCard/${name} is valid, accessible markup`, async () => {
      const { page, report } = await validPage(initiativeCard(params));
      expect(
        report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
      ).toEqual([]);
      expect(page).not.toContain('<script>');
    });
  }
  for (const [name, params] of Object.entries(goalAreaCardExamples)) {
    it(`goalAreaCard/${name} is valid markup`, async () => {
      const { report } = await validPage(
        html`<ul>
          ${goalAreaCard(params)}
        </ul>`,
      );
      expect(
        report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
      ).toEqual([]);
    });
  }
});
