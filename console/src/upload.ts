/**
 * The upload view: drop or pick many files, give each an optional source address and publication
 * time, upload them (a progress bar each, XMLHttpRequest for progress), then show each outcome as
 * soon as the pipeline knows it.
 */
import type { UploadFile, UploadInstruction, UploadOutcome, UploadTicket } from '../../lambda/console/contract.ts';
import { api, ApiFailure, q } from './api.ts';
import { announce, field, h } from './dom.ts';
import { kindLabel, reasonText, showBytes, showDate, t } from './i18n.ts';
import type { AppState } from './state.ts';

interface Item {
  file: File;
  row: HTMLLIElement;
  url: HTMLInputElement;
  published: HTMLInputElement;
  progress: HTMLProgressElement;
  status: HTMLParagraphElement;
  state: 'ready' | 'sending' | 'waiting' | 'done';
  key?: string;
}

const POLL_MS = 1000;
const GIVE_UP_MS = 3 * 60 * 1000;

function send(file: File, upload: UploadInstruction, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    let body: Document | XMLHttpRequestBodyInit = file;
    if (upload.method === 'POST') {
      const form = new FormData();
      for (const [k, v] of Object.entries(upload.fields ?? {})) form.append(k, v);
      form.append('file', file);
      body = form;
    } else {
      for (const [k, v] of Object.entries(upload.headers)) xhr.setRequestHeader(k, v);
    }
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `HTTP ${xhr.status}`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        /* S3 answers XML; the status says enough */
      }
      reject(new Error(message));
    };
    xhr.onerror = () => reject(new Error('the connection failed'));
    xhr.send(body);
  });
}

export function uploadView(state: AppState): HTMLElement {
  const items: Item[] = [];
  const list = h('ul', { class: 'queue', 'aria-label': t('upload.queue') });
  const summary = h('p', { class: 'summary', role: 'status' });
  const input = h('input', { type: 'file', id: 'upload-files', multiple: true, accept: '.txt,.html,.htm,text/plain,text/html', class: 'visually-hidden' });
  const startButton = h('button', { type: 'button', class: 'primary', disabled: true }, t('upload.start'));
  const clearButton = h('button', { type: 'button' }, t('upload.clear'));

  const setStatus = (item: Item, text: string, kind: 'info' | 'ok' | 'bad' = 'info'): void => {
    item.status.textContent = text;
    item.status.className = `status ${kind}`;
  };
  const refreshSummary = (): void => {
    const done = items.filter((i) => i.state === 'done').length;
    summary.textContent = items.length ? t('upload.summary', { done, total: items.length }) : '';
    startButton.disabled = !items.some((i) => i.state === 'ready');
  };

  function add(files: Iterable<File>): void {
    for (const file of files) {
      const url = h('input', { type: 'url', inputmode: 'url', placeholder: 'https://…', autocomplete: 'off' });
      const published = h('input', { type: 'datetime-local' });
      const progress = h('progress', { max: 1, value: 0, 'aria-label': t('upload.progress', { name: file.name }) });
      const status = h('p', { class: 'status info' }, t('upload.ready'));
      const row = h(
        'li',
        { class: 'item' },
        h('p', { class: 'name' }, h('strong', {}, file.name), ` · ${showBytes(file.size)}`),
        h('div', { class: 'meta' }, field(t('upload.sourceUrl'), url), field(t('upload.publishedAt'), published)),
        progress,
        status,
      );
      items.push({ file, row, url, published, progress, status, state: 'ready' });
      list.append(row);
    }
    refreshSummary();
  }

  function show(item: Item, outcome: UploadOutcome): void {
    if (outcome.state === 'pending') return;
    item.state = 'done';
    if (outcome.state === 'parsed') {
      const date = outcome.date ? `${showDate(outcome.date)}${outcome.yearInferred ? ` ${t('meeting.yearInferred')}` : ''}` : '—';
      const meeting = outcome.kind ? t('upload.parsedMeeting', { kind: kindLabel(outcome.kind), date }) : t('upload.noMeeting');
      setStatus(item, `${t('upload.parsed', { title: outcome.title ?? item.file.name })} — ${meeting}`, 'ok');
      item.row.dataset.outcome = 'parsed';
    } else {
      setStatus(item, t('upload.rejected', { reason: reasonText(outcome.reason) }), 'bad');
      item.status.append(h('small', { class: 'detail' }, outcome.message));
      item.row.dataset.outcome = 'rejected';
    }
    announce(`${item.file.name}: ${item.status.firstChild?.textContent ?? ''}`);
  }

  async function poll(started: number): Promise<void> {
    const waiting = items.filter((i) => i.state === 'waiting' && i.key);
    if (waiting.length === 0 || !state.alive()) return refreshSummary();
    try {
      const outcomes = await api<UploadOutcome[]>('GET', `/api/uploads${q({ keys: waiting.map((i) => i.key!).join(',') })}`);
      outcomes.forEach((o, n) => show(waiting[n]!, o));
    } catch {
      /* a failed poll is retried */
    }
    refreshSummary();
    if (Date.now() - started > GIVE_UP_MS) {
      for (const i of items.filter((x) => x.state === 'waiting')) setStatus(i, t('upload.slow'));
      return;
    }
    window.setTimeout(() => void poll(started), POLL_MS);
  }

  const describe = (item: Item): UploadFile => {
    const publishedAt = item.published.value || undefined;
    const sourceUrl = item.url.value.trim() || undefined;
    return { name: item.file.name, type: item.file.type, size: item.file.size, ...(sourceUrl ? { sourceUrl } : {}), ...(publishedAt ? { publishedAt } : {}) };
  };

  function failed(item: Item, error: unknown): void {
    item.state = 'done';
    item.row.dataset.outcome = 'refused';
    const message = error instanceof Error ? error.message : String(error);
    setStatus(item, error instanceof ApiFailure ? t('upload.refused', { message }) : t('upload.failed', { message }), 'bad');
    announce(`${item.file.name}: ${item.status.textContent}`);
  }

  async function sendOne(item: Item, ticket: UploadTicket): Promise<void> {
    try {
      await send(item.file, ticket.upload, (f) => (item.progress.value = f));
      item.progress.value = 1;
      item.key = ticket.key;
      item.row.dataset.key = ticket.key;
      item.state = 'waiting';
      setStatus(item, t('upload.waiting'));
    } catch (error) {
      failed(item, error);
    }
  }

  async function start(): Promise<void> {
    const ready = items.filter((i) => i.state === 'ready');
    startButton.disabled = true;
    for (const item of ready) {
      item.state = 'sending';
      setStatus(item, t('upload.sending'));
    }
    // One request for all the files, so the server gives each its own name (two "bai.txt" from two
    // folders do not overwrite each other). When it refuses the batch (one file of another type, too
    // large), each file is asked for alone, one after the other, so each refusal names its file.
    let tickets: UploadTicket[] | null = null;
    try {
      tickets = await api<UploadTicket[]>('POST', '/api/uploads', { files: ready.map(describe) });
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.status === 0 || error.status >= 500) {
        ready.forEach((item) => failed(item, error));
        return refreshSummary();
      }
    }
    if (tickets) {
      // Three at a time: enough to keep the line busy, few enough to show steady progress.
      const queue = ready.map((item, n) => [item, tickets[n]!] as const);
      await Promise.all(Array.from({ length: Math.min(3, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await sendOne(...next);
      }));
    } else {
      for (const item of ready) {
        try {
          const [ticket] = await api<UploadTicket[]>('POST', '/api/uploads', { files: [describe(item)] });
          await sendOne(item, ticket!);
        } catch (error) {
          failed(item, error);
        }
      }
    }
    refreshSummary();
    void poll(Date.now());
  }

  input.addEventListener('change', () => {
    add(input.files ?? []);
    input.value = '';
  });
  startButton.addEventListener('click', () => void start());
  clearButton.addEventListener('click', () => {
    for (const i of items.filter((x) => x.state === 'done')) i.row.remove();
    items.splice(0, items.length, ...items.filter((x) => x.state !== 'done'));
    refreshSummary();
  });

  const zone = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('p', {}, t('upload.drop')),
    h('label', { for: input.id, class: 'button' }, t('upload.pick')),
    input,
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    add(e.dataTransfer?.files ?? []);
  });

  const section = h(
    'section',
    { 'aria-labelledby': 'upload-title' },
    h('h2', { id: 'upload-title', tabindex: -1 }, t('upload.title')),
  );
  if (!state.session.canEdit) {
    section.append(h('p', { class: 'notice' }, t('app.readOnly')));
    return section;
  }
  section.append(
    h('p', {}, t('upload.help', { max: showBytes(state.config.maxUploadBytes) })),
    zone,
    list,
    h('div', { class: 'actions' }, startButton, clearButton),
    summary,
  );
  return section;
}
