/**
 * One period's meetings with their facts, as the last render found them. Editors correct a
 * meeting's facts (a correction on each of its articles), leave an article out, split an article
 * into a meeting of its own, merge meetings (one label on all their articles), or undo. Corrections
 * are the stored `corrections/<path>.json` objects; the period then re-renders and this view follows.
 */
import type { ArticleFact, MeetingFact, PeriodDetail } from '../../lambda/console/contract.ts';
import { api, ApiFailure, download, q } from './api.ts';
import { announce, clear, field, h, type Child } from './dom.ts';
import { kindLabel, kindSlugs, lang, showDate, showTime, t, type Key } from './i18n.ts';
import { downloadButtons } from './periods.ts';
import type { AppState } from './state.ts';

const REFRESH_MS = 2000;
type Correction = Record<string, unknown>;

const uploadKeys = (articles: ArticleFact[]): string[] => [...new Set(articles.flatMap((a) => a.sources.filter((s) => s.upload).map((s) => s.key)))];

/** Merges `patch` into each article's stored correction (or a new one) and saves it. */
async function correct(keys: string[], patch: (existing: Correction) => Correction): Promise<void> {
  for (const key of keys) {
    const existing = (await api<Correction | null>('GET', `/api/corrections${q({ key })}`)) ?? {};
    await api('PUT', `/api/corrections${q({ key })}`, patch(existing));
  }
}

function dateText(m: MeetingFact): string {
  if (!m.date) return '—';
  const extra = m.date.startsWith('--') ? t('meeting.noYear') : m.dateInferred ? t('meeting.yearInferred') : '';
  return [showDate(m.date), extra, m.planned ? t('meeting.planned') : ''].filter(Boolean).join(' ');
}

function attendanceText(a: MeetingFact['attendance']): string {
  if (!a) return '—';
  const parts: string[] = [];
  if (a.present !== undefined && a.expected !== undefined) parts.push(t('attendance.present', { present: a.present, expected: a.expected }));
  if (a.total !== undefined) parts.push(t('attendance.total', { total: a.total.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') }));
  if (a.bridgePoints !== undefined) parts.push(t('attendance.bridgePoints', { count: a.bridgePoints }));
  if (a.members !== undefined) parts.push(t('attendance.members', { count: a.members }));
  return parts.join(' · ') || a.printed.join(', ') || '—';
}

/** A corrected field in words: `primaryEvent.date` → `Ngày`; paths without a word stay as they are. */
const FIELD_WORDS: [string, Key][] = [
  ['primaryEvent.dateInferred', 'meeting.inferredShort'],
  ['primaryEvent.date', 'meeting.date'],
  ['primaryEvent.type', 'meeting.kind'],
  ['primaryEvent.organizer', 'meeting.organizer'],
  ['primaryEvent.chair', 'meeting.chair'],
  ['primaryEvent.format', 'meeting.format'],
  ['primaryEvent.attendance', 'meeting.attendance'],
  ['documents', 'meeting.documents'],
  ['meeting', 'meeting.label'],
];
const fieldWord = (field: string): string => {
  const hit = FIELD_WORDS.find(([path]) => field === path || field.startsWith(`${path}.`));
  return hit ? t(hit[1]) : field;
};
const show = (v: unknown): string =>
  v === null || v === undefined ? '—'
  : typeof v === 'boolean' ? t(v ? 'meeting.yes' : 'meeting.no')
  : typeof v === 'string' ? (/^(\d{4}|-)-\d{2}-\d{2}$/.test(v) ? showDate(v) : v)
  : JSON.stringify(v);

function facts(rows: [Key, Child | string][]): HTMLDListElement {
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v || '—')]));
}

export function meetingsView(state: AppState, period: string): HTMLElement {
  const heading = h('h2', { id: 'period-title', tabindex: -1 }, period);
  const status = h('p', { class: 'period-status', role: 'status' });
  const body = h('div', { 'aria-busy': 'true' });
  const selected = new Set<string>();
  let last = '';
  let lastRendered: string | null | undefined;
  let editing = false;
  const fail = (error: unknown): void => announce(t('app.error', { message: (error as Error).message }));

  async function saved(): Promise<void> {
    announce(t('period.saved'));
    editing = false;
    await refresh(true);
    // The card that had focus was redrawn: focus goes back to the period's heading.
    heading.focus();
  }

  function articleItem(a: ArticleFact): HTMLLIElement {
    const keys = uploadKeys([a]);
    const title = a.title ?? t('article.untitled');
    const actions: Child[] = [];
    if (state.session.canEdit && keys.length > 0) {
      actions.push(
        h('button', { type: 'button', class: 'small', onclick: () => void (async () => {
          if (!window.confirm(t('article.confirmExclude', { title }))) return;
          await correct(keys, (c) => ({ ...c, exclude: true }));
          await saved();
        })().catch(fail) }, t('article.exclude')),
        h('button', { type: 'button', class: 'small', onclick: () => void correct(keys, (c) => ({ ...c, meeting: `tach-${a.id.slice(0, 16)}` })).then(saved).catch(fail) }, t('article.split')),
      );
      if (a.corrections.length > 0) {
        actions.push(
          h('button', { type: 'button', class: 'small', onclick: () => void (async () => {
            for (const key of keys) await api('DELETE', `/api/corrections${q({ key })}`);
            await saved();
          })().catch(fail) }, t('article.undo')),
        );
      }
    }
    return h(
      'li',
      { class: 'article', 'data-article': a.id },
      h('p', {}, h('strong', {}, title), a.publishedAt ? ` · ${showTime(a.publishedAt)}` : ''),
      h(
        'ul',
        { class: 'sources' },
        a.sources.map((s) =>
          h(
            'li',
            { 'data-source': s.key },
            s.upload
              ? h('button', { type: 'button', class: 'link', onclick: () => void download(`/api/uploads/download${q({ key: s.key })}`).catch(fail) }, `${t('article.uploaded')}: ${s.key.slice(s.key.lastIndexOf('/') + 1)}`)
              : s.key,
            s.url ? [' · ', h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.outlet ?? t('article.original'))] : s.outlet ? ` · ${s.outlet}` : null,
          ),
        ),
      ),
      a.corrections.length > 0
        ? h('p', { class: 'corrected' }, h('span', { class: 'badge ok' }, t('meeting.corrected')), ' ', a.corrections.map((c) => `${fieldWord(c.field)}: ${show(c.original)} → ${show(c.corrected)}`).join('; '))
        : null,
      actions.length ? h('div', { class: 'actions' }, actions) : null,
    );
  }

  function editForm(m: MeetingFact, card: HTMLElement, title: string): HTMLFormElement {
    const kind = h('select', {}, kindSlugs().map((s) => h('option', { value: s, selected: s === m.kind }, kindLabel(s))));
    const date = h('input', { type: 'date', value: m.date && !m.date.startsWith('--') ? m.date : '' });
    const inferred = h('input', { type: 'checkbox', checked: m.dateInferred });
    const organizer = h('input', { type: 'text', value: m.organizer ?? '' });
    const chairName = h('input', { type: 'text', value: m.chair?.name ?? '' });
    const chairPosition = h('input', { type: 'text', value: m.chair?.position ?? '' });
    const num = (v: number | undefined) => h('input', { type: 'number', min: 0, step: 1, inputmode: 'numeric', value: v ?? '' });
    const present = num(m.attendance?.present);
    const expected = num(m.attendance?.expected);
    const total = num(m.attendance?.total);
    const bridge = num(m.attendance?.bridgePoints);
    const docCodes = m.documents.map((d) => d.code ?? d.key).join('\n');
    const documents = h('textarea', { rows: 3 }, docCodes);
    const note = h('input', { type: 'text', maxlength: 2000 });
    const problems = h('div', { class: 'problems', role: 'alert' });
    inferred.id = `inferred-${m.key.replace(/\W/g, '')}`;
    // A date a person types is a checked date, unless they say otherwise.
    date.addEventListener('input', () => (inferred.checked = false));

    const form = h(
      'form',
      { class: 'edit', 'aria-label': t('meeting.formTitle', { title }) },
      field(t('meeting.kind'), kind),
      field(t('meeting.date'), date),
      h('div', { class: 'field check' }, inferred, h('label', { for: inferred.id }, t('meeting.inferred'))),
      field(t('meeting.organizer'), organizer),
      field(t('meeting.chairName'), chairName),
      field(t('meeting.chairPosition'), chairPosition),
      h('div', { class: 'numbers' }, field(t('meeting.present'), present), field(t('meeting.expected'), expected), field(t('meeting.total'), total), field(t('meeting.bridgePoints'), bridge)),
      field(t('meeting.documentCodes'), documents),
      field(t('meeting.note'), note),
      problems,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('meeting.save')), h('button', { type: 'button', onclick: () => close() }, t('meeting.cancel'))),
    );
    const close = (): void => {
      editing = false;
      form.remove();
      card.querySelector<HTMLButtonElement>('button.edit-toggle')?.focus();
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const event: Correction = {};
      if (kind.value !== m.kind) event.type = kind.value;
      const oldDate = m.date && !m.date.startsWith('--') ? m.date : '';
      if (date.value !== oldDate) event.date = date.value || null;
      if (inferred.checked !== m.dateInferred) event.dateInferred = inferred.checked;
      if (organizer.value.trim() !== (m.organizer ?? '')) event.organizer = organizer.value.trim() || null;
      if (chairName.value.trim() !== (m.chair?.name ?? '') || chairPosition.value.trim() !== (m.chair?.position ?? '')) {
        event.chair = chairName.value.trim() ? { name: chairName.value.trim(), position: chairPosition.value.trim() || null } : null;
      }
      const figures: Record<string, number> = {};
      for (const [name, input, old] of [['present', present, m.attendance?.present], ['expected', expected, m.attendance?.expected], ['total', total, m.attendance?.total], ['bridgePoints', bridge, m.attendance?.bridgePoints]] as const) {
        if (input.value !== '' && Number(input.value) !== old) figures[name] = Number(input.value);
      }
      if (Object.keys(figures).length) event.attendance = figures;
      const codes = documents.value.split('\n').map((s) => s.trim()).filter(Boolean);
      const patch: Correction = {};
      if (Object.keys(event).length) patch.primaryEvent = event;
      if (codes.join('\n') !== docCodes) {
        const known = new Map(m.documents.map((d) => [d.code ?? d.key, d]));
        patch.documents = codes.map((code) => ({ code: known.get(code)?.code ?? code, type: known.get(code)?.type ?? null, subject: known.get(code)?.subject ?? null }));
      }
      if (note.value.trim()) patch.note = note.value.trim();
      if (!patch.primaryEvent && !patch.documents) return close();
      clear(problems);
      void correct(uploadKeys(m.articles), (c) => ({
        ...c,
        ...patch,
        ...(patch.primaryEvent ? { primaryEvent: { ...((c.primaryEvent as Correction | undefined) ?? {}), ...(patch.primaryEvent as Correction) } } : {}),
      }))
        .then(saved)
        .catch((error: unknown) => {
          const lines = error instanceof ApiFailure && error.problems.length ? error.problems : [(error as Error).message];
          clear(problems, h('p', {}, t('meeting.problems')), h('ul', {}, lines.map((l) => h('li', {}, l))));
          problems.focus();
        });
    });
    return form;
  }

  function meetingCard(m: MeetingFact, n: number): HTMLElement {
    const id = `meeting-${n}`;
    const title = `${kindLabel(m.kind)} — ${dateText(m)}`;
    const corrected = m.articles.some((a) => a.corrections.length > 0);
    const card = h(
      'article',
      { class: 'meeting', 'aria-labelledby': id, 'data-meeting': m.key },
      h('h4', { id }, title, corrected ? [' ', h('span', { class: 'badge ok' }, t('meeting.corrected'))] : null),
      facts([
        ['meeting.kind', kindLabel(m.kind)],
        ['meeting.date', h('span', { class: 'date' }, dateText(m))],
        ['meeting.organizer', m.organizer ?? ''],
        ['meeting.chair', m.chair ? `${m.chair.name}${m.chair.position ? `, ${m.chair.position}` : ''}` : ''],
        ['meeting.format', m.format ? t(`format.${m.format}`) : ''],
        ['meeting.attendance', attendanceText(m.attendance)],
        ['meeting.documents', m.documents.length ? h('ul', {}, m.documents.map((d) => h('li', {}, [d.type, d.code ?? d.key].filter(Boolean).join(' '), d.subject ? ` — ${d.subject}` : ''))) : ''],
      ]),
      h('h5', {}, t('meeting.sources')),
      h('ul', { class: 'articles' }, m.articles.map(articleItem)),
    );
    if (state.session.canEdit) {
      const box = h('input', { type: 'checkbox', id: `select-${n}`, checked: selected.has(m.key), onchange: (e: Event) => ((e.target as HTMLInputElement).checked ? selected.add(m.key) : selected.delete(m.key)) });
      const toggle = h('button', { type: 'button', class: 'edit-toggle', 'aria-expanded': 'false' }, t('meeting.edit'));
      toggle.addEventListener('click', () => {
        const open = card.querySelector('form.edit');
        if (open) {
          open.remove();
          editing = false;
          toggle.setAttribute('aria-expanded', 'false');
          return;
        }
        editing = true;
        toggle.setAttribute('aria-expanded', 'true');
        const form = editForm(m, card, title);
        toggle.parentElement!.after(form);
        form.querySelector<HTMLElement>('select, input')?.focus();
      });
      card.append(h('div', { class: 'actions' }, toggle, h('span', { class: 'check' }, box, h('label', { for: box.id }, t('meeting.select')))));
    }
    return card;
  }

  function render(d: PeriodDetail): void {
    heading.textContent = d.summary.label;
    status.textContent = d.summary.rendering ? t('period.rendering') : d.summary.renderedAt ? t('period.renderedAt', { time: showTime(d.summary.renderedAt) }) : t('period.notRendered');
    status.className = `period-status${d.summary.rendering ? ' busy' : ''}`;
    const parts: Child[] = [downloadButtons(d.summary)];
    if (d.meetings) {
      parts.push(h('h3', {}, t('period.meetings', { count: d.meetings.length })));
      if (state.session.canEdit && d.meetings.length > 1) {
        parts.push(
          h('p', { class: 'hint' }, t('period.mergeHint')),
          h('button', { type: 'button', onclick: () => {
            const chosen = d.meetings!.filter((m) => selected.has(m.key));
            if (chosen.length < 2) return announce(t('period.mergeNeedTwo'));
            const label = `gop-${Date.now().toString(36)}`;
            void correct(uploadKeys(chosen.flatMap((m) => m.articles)), (c) => ({ ...c, meeting: label })).then(() => selected.clear()).then(saved).catch(fail);
          } }, t('period.merge')),
        );
      }
      parts.push(d.meetings.length ? h('div', { class: 'meetings' }, d.meetings.map(meetingCard)) : h('p', {}, t('period.noMeetings')));
      if (d.otherArticles.length) parts.push(h('h3', {}, t('period.others', { count: d.otherArticles.length })), h('ul', { class: 'articles' }, d.otherArticles.map(articleItem)));
    }
    clear(body, ...parts);
    body.setAttribute('aria-busy', 'false');
  }

  async function refresh(force = false): Promise<void> {
    if (!state.alive()) return;
    try {
      const d = await api<PeriodDetail>('GET', `/api/periods/${encodeURIComponent(period)}`);
      const text = JSON.stringify(d);
      if (lastRendered !== undefined && d.summary.renderedAt !== lastRendered && !d.summary.rendering) announce(t('period.rerendered', { period: d.summary.label }));
      lastRendered = d.summary.renderedAt;
      // An open form is not swept away by a refresh; the status line still follows.
      if (editing && !force) {
        status.textContent = d.summary.rendering ? t('period.rendering') : t('period.renderedAt', { time: showTime(d.summary.renderedAt) });
      } else if (text !== last || force) {
        last = text;
        render(d);
      }
    } catch (error) {
      clear(body, h('p', { class: 'error' }, t('app.error', { message: (error as Error).message })));
    }
    if (!force) window.setTimeout(() => void refresh(), REFRESH_MS);
  }
  void refresh();
  return h('section', { 'aria-labelledby': 'period-title' }, h('p', {}, h('a', { href: '#periods' }, t('period.back'))), heading, status, body);
}
