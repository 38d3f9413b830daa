import { HtmlValidate } from 'html-validate';

/**
 * The HTML validator every page test uses: html-validate's recommended rules, minus pure style
 * preferences of the markup (doctype case, trailing spaces, boolean attribute form), with inline
 * styles forbidden (the CSP refuses them) and checkbox groups allowed to share a name.
 */
export const htmlValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'doctype-style': 'off',
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
    'no-inline-style': 'error',
    'attribute-boolean-style': 'off',
    'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
  },
});

/** The problems of a page, one line each, so an assertion on [] shows them all. */
export async function htmlProblems(page: string): Promise<string[]> {
  const report = await htmlValidator.validateString(page);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`),
  );
}
