import { html, type SafeHtml } from '../html.js';

/**
 * A wide table in a box of its own that scrolls sideways on a narrow screen, so the page never
 * does; a named section that takes keyboard focus, so it scrolls without a pointer too.
 */
export function scrollBox(label: string, content: SafeHtml): SafeHtml {
  return html`<section class="table-scroll" aria-label="${label}" tabindex="0">${content}</section>`;
}
