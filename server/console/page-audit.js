// The audit log (admins): newest first, 100 at a time, "older" for more.

import * as api from './api.js';
import { h, formatTime } from './dom.js';
import { t } from './i18n.js';
import { isAdmin } from './state.js';
import { messageBox, pageTitle } from './ui.js';

const PAGE = 100;

export async function render(root) {
  const message = messageBox();
  root.append(pageTitle(t('audit_title')), message);
  if (!isAdmin()) {
    message.show(t('forbidden'), 'error');
    return;
  }
  const body = h('tbody');
  const wrap = h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table' },
    h('caption', { class: 'visually-hidden' }, t('audit_title')),
    h('thead', null, h('tr', null, [t('col_at'), t('col_user'), t('col_address'), t('col_action'), t('col_target'), t('col_detail')]
      .map((text) => h('th', { scope: 'col' }, text)))),
    body));
  const older = h('button', { type: 'button', hidden: true }, t('older'));
  root.append(wrap, h('div', { class: 'actions' }, older));
  let before = '';

  async function load() {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (before) q.set('before', before);
    const answer = await api.get(`audit?${q}`);
    if (!answer.ok || !Array.isArray(answer.data)) {
      message.show(t('error_prefix', api.reason(answer)), 'error');
      return;
    }
    if (!answer.data.length && !before) message.show(t('audit_empty'), 'info');
    for (const e of answer.data) {
      const failedLogin = e.action === 'login-failed' || e.action === 'login-throttled';
      body.append(h('tr', { class: failedLogin ? 'audit-failed' : null, dataset: { action: e.action || '' } },
        h('td', { class: 'nowrap' }, formatTime(e.at)),
        h('td', null, e.user || '—'),
        h('td', { class: 'mono' }, e.address || ''),
        h('td', null, h('span', { class: `badge action action-${String(e.action || '').replace(/[^a-z-]/g, '')}` }, e.action || '')),
        h('td', { class: 'mono wrap' }, e.target || ''),
        h('td', { class: 'wrap' }, typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail ?? ''))));
    }
    const last = answer.data[answer.data.length - 1];
    before = last ? String(last.id) : before;
    older.hidden = answer.data.length < PAGE;
  }
  older.addEventListener('click', load);
  await load();
}
