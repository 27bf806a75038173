// Accounts (admins): the list, add, disable, and a new password for someone
// who forgot theirs.

import * as api from './api.js';
import {
  h, fill, formatTime, confirmButton,
} from './dom.js';
import { t } from './i18n.js';
import { isAdmin, ROLES, session } from './state.js';
import {
  messageBox, pageTitle, roleName, labelledSelect, table,
} from './ui.js';

export async function render(root) {
  const message = messageBox();
  root.append(pageTitle(t('users_title')), message);
  if (!isAdmin()) {
    message.show(t('forbidden'), 'error');
    return;
  }
  const list = h('div', { class: 'results' });

  function passwordForm(user, cell) {
    const id = `password-${user.name}`;
    const input = h('input', {
      id, type: 'password', autocomplete: 'new-password', minlength: 10, 'aria-describedby': `${id}-hint`,
    });
    const go = h('button', { type: 'submit', class: 'primary' }, t('set_password'));
    const cancel = h('button', { type: 'button' }, t('cancel'));
    const form = h('form', { class: 'inline-form', novalidate: true },
      h('label', { for: id }, `${t('new_password')} (${user.name})`), input,
      h('span', { class: 'hint', id: `${id}-hint` }, t('password_hint')), go, cancel);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await api.post(`users/${api.path(user.name)}/password`, { password: input.value });
      if (answer.ok) {
        message.show(t('password_set', user.name), 'ok');
        await load();
      } else {
        message.show(t('error_prefix', api.reason(answer)), 'error');
        input.focus();
      }
    });
    cancel.addEventListener('click', () => load());
    fill(cell, form);
    input.focus();
  }

  async function load() {
    const answer = await api.get('users');
    if (!answer.ok || !Array.isArray(answer.data)) {
      message.show(t('error_prefix', api.reason(answer)), 'error');
      return;
    }
    fill(list, table(t('users_title'), [t('col_name'), t('col_role'), t('col_status'), t('col_created'), ''],
      answer.data.map((user) => {
        const cell = h('td', { class: 'row-actions' });
        const reset = h('button', { type: 'button', dataset: { action: 'password' } }, t('reset_password'));
        reset.addEventListener('click', () => passwordForm(user, cell));
        cell.append(reset);
        if (!user.disabled && user.name !== session.user) {
          cell.append(confirmButton(t('disable'), t('disable_confirm'), async () => {
            const r = await api.post(`users/${api.path(user.name)}/disable`);
            if (r.ok) {
              message.show(t('user_disabled', user.name), 'ok');
              await load();
            } else {
              message.show(t('error_prefix', api.reason(r)), 'error');
            }
          }, { class: 'danger', dataset: { action: 'disable' } }));
        }
        return h('tr', { class: user.disabled ? 'user-disabled' : null, dataset: { name: user.name } },
          h('td', { class: 'mono' }, user.name),
          h('td', null, roleName(user.role)),
          h('td', null, h('span', { class: `badge ${user.disabled ? 'state-expired' : 'state-published'}` }, user.disabled ? t('disabled') : t('active'))),
          h('td', { class: 'nowrap' }, formatTime(user.created)),
          cell);
      }), { class: 'users-table' }));
  }

  const name = h('input', {
    id: 'new-user-name', autocomplete: 'off', pattern: '[a-z0-9._-]{1,64}', autocapitalize: 'none', spellcheck: 'false',
  });
  const role = labelledSelect('new-user-role', t('role'), ROLES.map((r) => [r, roleName(r)]), 'editor');
  const password = h('input', {
    id: 'new-user-password', type: 'password', autocomplete: 'new-password', minlength: 10, 'aria-describedby': 'new-user-password-hint',
  });
  const add = h('form', { class: 'add-user filters', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'new-user-name' }, t('col_name')), name),
    role.wrap,
    h('div', { class: 'field' }, h('label', { for: 'new-user-password' }, t('password'), ' ',
      h('span', { class: 'req', id: 'new-user-password-hint' }, `(${t('password_hint')})`)), password),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, t('add_user'))));
  add.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await api.post('users', { name: name.value.trim(), role: role.select.value, password: password.value });
    if (answer.ok) {
      message.show(t('user_added', name.value.trim()), 'ok');
      name.value = '';
      password.value = '';
      await load();
    } else {
      message.show(t('error_prefix', api.reason(answer)), 'error');
    }
  });

  root.append(list, h('section', { class: 'card', 'aria-labelledby': 'add-user-heading' }, h('h2', { id: 'add-user-heading' }, t('add_user')), add));
  await load();
}
