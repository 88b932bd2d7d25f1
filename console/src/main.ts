/**
 * The console app: reads /config.json, signs in when the settings name a Cognito user pool (no
 * sign-in on loopback), then shows one view per location hash: #upload, #periods, #period/<id>,
 * #rejected. Landmarks (header, nav, main), a skip link, focus on each view's heading, and one
 * aria-live region for outcomes.
 */
import type { ConsoleConfig, Session } from '../../lambda/console/contract.ts';
import { api, setOnUnauthorised } from './api.ts';
import { idToken, setNewPassword, signIn, signOut, useAuth } from './auth.ts';
import { clear, field, h } from './dom.ts';
import { lang, setLang, t } from './i18n.ts';
import { meetingsView } from './meetings.ts';
import { periodsView } from './periods.ts';
import { rejectedView } from './rejected.ts';
import type { AppState } from './state.ts';
import { uploadView } from './upload.ts';

const root = document.getElementById('app')!;
let config: ConsoleConfig;
let session: Session | null = null;
let generation = 0;

function shell(content: HTMLElement, withNav: boolean): void {
  const langButton = h('button', { type: 'button', class: 'lang', lang: lang === 'vi' ? 'en' : 'vi', 'aria-label': t('app.langLabel') }, t('app.lang'));
  langButton.addEventListener('click', () => {
    setLang(lang === 'vi' ? 'en' : 'vi');
    void start();
  });
  const route = location.hash.replace(/^#/, '').split('/')[0] || 'upload';
  const link = (hash: string, key: 'nav.upload' | 'nav.periods' | 'nav.rejected') =>
    h('li', {}, h('a', { href: `#${hash}`, ...(route === hash || (hash === 'periods' && route === 'period') ? { 'aria-current': 'page' } : {}) }, t(key)));
  const user = session
    ? h(
        'p',
        { class: 'user' },
        session.local ? t('app.local') : t('app.user', { name: session.user.name }),
        config.auth ? [' ', h('button', { type: 'button', class: 'small', onclick: () => { signOut(); void start(); } }, t('app.signOut'))] : null,
      )
    : null;
  document.querySelector('.skip')!.textContent = t('app.skip');
  clear(
    root,
    h('header', { class: 'top' }, h('h1', {}, t('app.title')), h('div', { class: 'tools' }, user, langButton)),
    withNav ? h('nav', { 'aria-label': t('app.nav') }, h('ul', {}, link('upload', 'nav.upload'), link('periods', 'nav.periods'), link('rejected', 'nav.rejected'))) : null,
    h('main', { id: 'main', tabindex: -1 }, content),
    h('div', { id: 'live', class: 'live', 'aria-live': 'polite', role: 'status' }),
  );
}

function showView(focus: boolean): void {
  const mine = ++generation;
  const state: AppState = { config, session: session!, alive: () => mine === generation };
  const [route, arg] = location.hash.replace(/^#/, '').split('/');
  const view =
    route === 'periods' ? periodsView(state)
    : route === 'period' && arg ? meetingsView(state, decodeURIComponent(arg))
    : route === 'rejected' ? rejectedView(state)
    : uploadView(state);
  shell(view, true);
  if (focus) view.querySelector<HTMLElement>('h2')?.focus();
}

function signInView(message = ''): void {
  generation++;
  const auth = config.auth!;
  const user = h('input', { type: 'text', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' }, message);
  const form = h(
    'form',
    { class: 'signin', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, t('signin.title')),
    field(t('signin.user'), user),
    field(t('signin.password'), password),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('signin.submit')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    signIn(auth, user.value.trim(), password.value)
      .then((r) => (r.done ? start() : newPasswordView(user.value.trim(), r.session)))
      .catch((err: Error) => (error.textContent = t('signin.failed', { message: err.message })));
  });
  shell(form, false);
  user.focus();
}

function newPasswordView(username: string, challenge: string): void {
  const auth = config.auth!;
  const password = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'signin', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, t('signin.title')),
    field(t('signin.newPassword'), password, t('signin.newPasswordHint')),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('signin.setPassword')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setNewPassword(auth, username, password.value, challenge)
      .then((r) => (r.done ? start() : signInView()))
      .catch((err: Error) => (error.textContent = t('signin.failed', { message: err.message })));
  });
  shell(form, false);
  password.focus();
}

async function start(): Promise<void> {
  setLang(lang);
  try {
    config ??= (await (await fetch('/config.json')).json()) as ConsoleConfig;
    useAuth(config.auth);
    if (config.auth && !idToken()) return signInView();
    session = await api<Session>('GET', '/api/session');
    showView(false);
  } catch (error) {
    if (config?.auth && !idToken()) return;
    shell(h('p', { class: 'error', role: 'alert' }, t('app.error', { message: (error as Error).message })), false);
  }
}

setOnUnauthorised(() => {
  signOut();
  if (config?.auth) signInView();
});
// The skip link moves focus without touching the location (which names the view).
document.querySelector('.skip')!.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main')?.focus();
});
window.addEventListener('hashchange', () => session && location.hash !== '#main' && showView(true));
void start();
