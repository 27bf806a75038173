// Log-in: POST /session; 401 wrong name or password, 429 throttled (the form
// stays usable and says how long to wait).

import * as api from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { setSession, loadStatus, takeNotice } from './state.js';
import { messageBox, pageTitle } from './ui.js';

export async function render(root, route, ctx) {
  const message = messageBox();
  const notice = takeNotice();
  if (notice) message.show(notice.text, notice.kind);

  const user = h('input', { id: 'login-user', name: 'user', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, t('login_button'));
  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'login-user' }, t('user_name')), user),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('password')), password),
    message,
    h('div', { class: 'actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const answer = await api.post('session', { user: user.value.trim(), password: password.value }, { quiet401: true });
    button.disabled = false;
    if (answer.ok && answer.data) {
      setSession(answer.data);
      await loadStatus();
      const next = route.query.get('next');
      ctx.navigate(next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/items');
      return;
    }
    if (answer.status === 401) {
      message.show(t('login_wrong'), 'error');
      password.select();
    } else if (answer.status === 429) {
      const wait = answer.headers.get('Retry-After') || '?';
      message.show(t('login_throttled', wait), 'error');
    } else {
      message.show(t('error_prefix', api.reason(answer)), 'error');
    }
  });

  root.append(
    h(
      'section',
      { class: 'login card' },
      pageTitle(t('login_title')),
      h('p', { class: 'intro' }, t('login_intro')),
      form,
    ),
  );
  user.focus();
}
