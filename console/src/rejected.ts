/** Rejected uploads: the file, the reason in plain words, download and (editors) delete. */
import type { RejectedUpload } from '../../lambda/console/contract.ts';
import { api, download, q } from './api.ts';
import { announce, clear, h } from './dom.ts';
import { reasonText, showBytes, showTime, t } from './i18n.ts';
import type { AppState } from './state.ts';

const nameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

export function rejectedView(state: AppState): HTMLElement {
  const body = h('div', { 'aria-busy': 'true' });
  const fail = (e: Error): void => announce(t('app.error', { message: e.message }));

  async function remove(r: RejectedUpload): Promise<void> {
    if (!window.confirm(t('rejected.confirmDelete', { name: nameOf(r.key) }))) return;
    await api('DELETE', `/api/rejected${q({ key: r.key })}`);
    announce(t('rejected.deleted', { name: nameOf(r.key) }));
    await load();
  }

  async function load(): Promise<void> {
    try {
      const rows = await api<RejectedUpload[]>('GET', '/api/rejected');
      body.setAttribute('aria-busy', 'false');
      if (rows.length === 0) return clear(body, h('p', {}, t('rejected.none')));
      clear(
        body,
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'rejected' },
            h('caption', {}, t('rejected.caption')),
            h('thead', {}, h('tr', {}, ...(['file', 'reason', 'at', 'size', 'actions'] as const).map((k) => h('th', { scope: 'col' }, t(`rejected.${k}`))))),
            h(
              'tbody',
              {},
              rows.map((r) =>
                h(
                  'tr',
                  { 'data-key': r.key },
                  h('th', { scope: 'row', 'data-label': t('rejected.file') }, nameOf(r.key), h('small', { class: 'detail' }, r.key)),
                  h('td', { 'data-label': t('rejected.reason') }, h('span', { class: 'reason' }, reasonText(r.reason)), h('small', { class: 'detail' }, r.message)),
                  h('td', { 'data-label': t('rejected.at') }, showTime(r.at)),
                  h('td', { 'data-label': t('rejected.size') }, showBytes(r.size)),
                  h(
                    'td',
                    { 'data-label': t('rejected.actions') },
                    h('button', { type: 'button', class: 'small', 'aria-label': `${t('rejected.download')} ${nameOf(r.key)}`, onclick: () => void download(`/api/rejected/download${q({ key: r.key })}`).catch(fail) }, t('rejected.download')),
                    state.session.canEdit
                      ? h('button', { type: 'button', class: 'small danger', 'aria-label': `${t('rejected.delete')} ${nameOf(r.key)}`, onclick: () => void remove(r).catch(fail) }, t('rejected.delete'))
                      : null,
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      clear(body, h('p', { class: 'error' }, t('app.error', { message: (error as Error).message })));
    }
  }
  void load();
  return h('section', { 'aria-labelledby': 'rejected-title' }, h('h2', { id: 'rejected-title', tabindex: -1 }, t('rejected.title')), body);
}
