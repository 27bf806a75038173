// Every published version, newest first: who, when, what changed; a line
// diff per changed item (#/history/N/ID/LANG) with "restore this text"; and
// "roll back to this version" for publishers, which publishes the old content
// as a new, higher version.

import * as api from './api.js';
import {
  h, append, formatTime, confirmButton,
} from './dom.js';
import { t } from './i18n.js';
import {
  canEdit, canPublish, loadStatus, setNotice, takeNotice,
} from './state.js';
import {
  messageBox, pageTitle, typeName, table,
} from './ui.js';

export async function render(root, route, ctx) {
  if (route.parts.length >= 4) return renderDiff(root, route);
  const message = messageBox();
  const list = h('div', { class: 'versions' });
  root.append(pageTitle(t('history_title')), message, list);
  const notice = takeNotice();
  if (notice) message.show(notice.text, notice.kind);

  const answer = await api.get('versions');
  if (!answer.ok || !Array.isArray(answer.data)) {
    message.show(t('error_prefix', api.reason(answer)), 'error');
    return undefined;
  }
  if (!answer.data.length) {
    list.append(h('p', { class: 'empty' }, t('history_empty')));
    return undefined;
  }
  const newest = answer.data[0].version;
  for (const v of answer.data) {
    const changes = Array.isArray(v.changes) ? v.changes : [];
    const rows = changes.map((c) => h('tr', null,
      h('td', null, h('span', { class: `badge change-${c.change}` }, t(`change_${c.change}`))),
      h('td', null, typeName(c.type)),
      h('td', { class: 'title-cell' }, h('a', {
        href: `#/history/${v.version}/${encodeURIComponent(c.id)}/${encodeURIComponent(c.lang)}`, lang: c.lang,
      }, c.title || c.id)),
      h('td', { class: 'mono' }, c.id),
      h('td', null, c.lang)));
    const head = h('div', { class: 'version-head' },
      h('h2', { id: `version-${v.version}` }, t('version_n', v.version)),
      v.version === newest ? h('span', { class: 'badge state-published' }, t('current_version')) : null,
      v.rollback_of ? h('span', { class: 'badge rollback' }, t('rollback_of', v.rollback_of)) : null,
      h('p', { class: 'byline' }, t('published_by', v.published_by || '—', formatTime(v.published_at))));
    const card = h('section', { class: 'card version', 'aria-labelledby': `version-${v.version}`, dataset: { version: String(v.version) } }, head,
      rows.length
        ? table(t('version_n', v.version), ['', t('col_type'), t('col_title'), t('col_id'), t('col_lang')], rows, { class: 'changes-table' })
        : h('p', { class: 'empty' }, t('no_changes')));
    if (canPublish() && v.version !== newest) {
      const note = messageBox();
      card.append(h('div', { class: 'actions' }, confirmButton(t('rollback'), t('rollback_confirm'), async () => {
        const r = await api.post(`versions/${encodeURIComponent(v.version)}/rollback`);
        if (r.ok && r.data) {
          await loadStatus();
          ctx.refreshHeader();
          setNotice(t('rolled_back', r.data.version, v.version), 'ok');
          ctx.navigate('#/history');
        } else {
          note.show(t('error_prefix', api.reason(r)), 'error');
        }
      }, { class: 'danger', dataset: { action: 'rollback' } })), note);
    }
    list.append(card);
  }
  return undefined;
}

async function renderDiff(root, route) {
  const [, version, id, lang] = route.parts;
  const message = messageBox();
  const title = pageTitle(t('diff_title', version, id, lang));
  root.append(h('p', { class: 'crumbs' }, h('a', { href: '#/history' }, t('back_history'))), title, message);
  const answer = await api.get(`versions/${api.path(version, 'items', id, lang)}`);
  if (!answer.ok || !answer.data) {
    message.show(t('error_prefix', api.reason(answer)), 'error');
    return undefined;
  }
  const diff = Array.isArray(answer.data.diff) ? answer.data.diff : [];
  const changed = diff.some((d) => d.op === '+' || d.op === '-');
  const lines = diff.map((d) => {
    const kind = d.op === '+' ? 'add' : d.op === '-' ? 'del' : 'same';
    const mark = d.op === '+' ? '+' : d.op === '-' ? '−' : ' ';
    return h('div', { class: `diff-line diff-${kind}` },
      h('span', { class: 'diff-op', 'aria-hidden': 'true' }, mark),
      h('span', { class: 'visually-hidden' }, kind === 'add' ? '+ ' : kind === 'del' ? '- ' : ''),
      h('span', { class: 'diff-text' }, d.line === '' ? '\u00a0' : String(d.line)));
  });
  const actions = h('div', { class: 'actions' });
  if (canEdit() && answer.data.text) {
    const restore = h('button', { type: 'button', class: 'primary', dataset: { action: 'restore' } }, t('restore'));
    restore.addEventListener('click', async () => {
      restore.disabled = true;
      const r = await api.post(`versions/${api.path(version, 'items', id, lang)}/restore`);
      restore.disabled = false;
      if (r.ok) {
        message.show(t('restored', version), 'ok', h('p', null, h('a', { href: `#/item/${encodeURIComponent(id)}` }, t('open_draft'))));
      } else {
        message.show(t('error_prefix', api.reason(r)), 'error');
      }
    });
    actions.append(restore);
  }
  append(root, [
    h('p', { class: 'hint' }, t('diff_legend')),
    h('div', { class: 'diff', role: 'region', 'aria-label': t('diff_title', version, id, lang), tabindex: '0' },
      changed ? lines : h('p', { class: 'empty' }, t('diff_none'))),
    actions,
    answer.data.text
      ? h('details', { class: 'full-text' }, h('summary', null, t('full_text')), h('pre', { class: 'file-text' }, String(answer.data.text)))
      : null,
  ]);
  return undefined;
}
