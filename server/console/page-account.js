// Changing one's own password; every session of the user ends, so the next
// page is the log-in.

import * as api from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { session, setSession, setNotice } from './state.js';
import { messageBox, pageTitle } from './ui.js';

export async function render(root, route, ctx) {
  const message = messageBox();
  const field = (id, label, auto, hint) => h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', {
      id, type: 'password', autocomplete: auto, 'aria-describedby': hint ? `${id}-hint` : null,
    }),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null);
  const form = h('form', { class: 'narrow-form', novalidate: true },
    h('input', { type: 'text', autocomplete: 'username', value: session.user, hidden: true, readonly: true }),
    field('current-password', t('current_password'), 'current-password'),
    field('new-password', t('new_password'), 'new-password', t('password_hint')),
    field('repeat-password', t('repeat_password'), 'new-password'),
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('change_password'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value;
    if (value('new-password') !== value('repeat-password')) {
      message.show(t('passwords_differ'), 'error');
      return;
    }
    const answer = await api.post('password', { current: value('current-password'), password: value('new-password') }, { quiet401: true });
    if (answer.ok) {
      setSession(null);
      setNotice(t('password_changed'), 'ok');
      ctx.navigate('#/login');
    } else {
      message.show(t('error_prefix', api.reason(answer)), 'error');
    }
  });
  root.append(h('section', { class: 'card narrow' }, pageTitle(t('account_title')), form));
}
