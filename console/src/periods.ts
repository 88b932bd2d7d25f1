/** The periods view: every period, its counts, last render, a re-render in progress, downloads. */
import type { PeriodSummary } from '../../lambda/console/contract.ts';
import { api, download } from './api.ts';
import { announce, clear, h } from './dom.ts';
import { showTime, t } from './i18n.ts';
import type { AppState } from './state.ts';

const REFRESH_MS = 2000;

export function downloadButtons(p: PeriodSummary): HTMLElement {
  return h(
    'div',
    { class: 'downloads' },
    p.formats
      .filter((f) => f !== 'json')
      .map((f) =>
        h(
          'button',
          { type: 'button', class: 'small', 'aria-label': t('periods.downloadAs', { format: f.toUpperCase(), period: p.label }), onclick: () => void download(`/api/periods/${encodeURIComponent(p.period)}/download/${f}`).catch((e: Error) => announce(t('app.error', { message: e.message }))) },
          f.toUpperCase(),
        ),
      ),
  );
}

export const statusText = (p: PeriodSummary): string => (p.rendering ? t('periods.rendering') : p.renderedAt ? t('periods.ready') : t('periods.never'));

function table(periods: PeriodSummary[]): HTMLElement {
  if (periods.length === 0) return h('p', {}, t('periods.none'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'periods' },
      h('caption', {}, t('periods.caption')),
      h('thead', {}, h('tr', {}, ...(['period', 'meetings', 'articles', 'renderedAt', 'status', 'download'] as const).map((k) => h('th', { scope: 'col' }, t(`periods.${k}`))))),
      h(
        'tbody',
        {},
        periods.map((p) =>
          h(
            'tr',
            { 'data-period': p.period, class: p.rendering ? 'rendering' : '' },
            h('th', { scope: 'row', 'data-label': t('periods.period') }, h('a', { href: `#period/${encodeURIComponent(p.period)}` }, p.label), h('small', { class: 'id' }, ` ${p.period}`)),
            h('td', { 'data-label': t('periods.meetings') }, String(p.meetings)),
            h('td', { 'data-label': t('periods.articles') }, String(p.articles)),
            h('td', { 'data-label': t('periods.renderedAt'), class: 'rendered-at' }, showTime(p.renderedAt)),
            h('td', { 'data-label': t('periods.status'), class: 'state' }, h('span', { class: p.rendering ? 'badge busy' : 'badge' }, statusText(p))),
            h('td', { 'data-label': t('periods.download') }, downloadButtons(p)),
          ),
        ),
      ),
    ),
  );
}

export function periodsView(state: AppState): HTMLElement {
  const body = h('div', { 'aria-busy': 'true' });
  let last = '';
  async function refresh(): Promise<void> {
    if (!state.alive()) return;
    try {
      const periods = await api<PeriodSummary[]>('GET', '/api/periods');
      const text = JSON.stringify(periods);
      // Rebuilt only when something changed, so focus and reading position stay put.
      if (text !== last) {
        last = text;
        clear(body, table(periods));
      }
      body.setAttribute('aria-busy', 'false');
    } catch (error) {
      clear(body, h('p', { class: 'error' }, t('app.error', { message: (error as Error).message })));
    }
    window.setTimeout(() => void refresh(), REFRESH_MS);
  }
  void refresh();
  return h('section', { 'aria-labelledby': 'periods-title' }, h('h2', { id: 'periods-title', tabindex: -1 }, t('periods.title')), body);
}
