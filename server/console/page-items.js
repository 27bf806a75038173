// Every item in the tree and in drafts: search (the kiosk's own folding),
// filters by type, category, language and state, pages of 50, and "new" per
// type for those who may write. Filters live in the address (#/items?…) so
// Back and a shared link show the same list.

import * as api from './api.js';
import { h, fill, debounce, formatTime } from './dom.js';
import { t, lang } from './i18n.js';
import {
  canEdit, types, STATES, LANGS, categories, categoryTitle, status, loadStatus,
} from './state.js';
import {
  messageBox, pageTitle, stateBadge, typeName, langName, labelledSelect, table,
} from './ui.js';

const PAGE_SIZE = 50;
const FILTERS = ['type', 'category', 'lang', 'state'];

export async function render(root, route) {
  const query = route.query;
  const message = messageBox();
  const cats = await categories(true);
  const all = ['', t('filter_all')];

  const search = h('input', {
    id: 'items-q', type: 'search', name: 'q', value: query.get('q') || '', placeholder: t('search_placeholder'), autocomplete: 'off',
  });
  const typeSel = labelledSelect('items-type', t('filter_type'), [all, ...types().map((v) => [v, typeName(v)])], query.get('type') || '');
  const catSel = labelledSelect('items-category', t('filter_category'),
    [all, ...cats.map((c) => [c.id, categoryTitle(c, lang())])], query.get('category') || '');
  const langSel = labelledSelect('items-lang', t('filter_lang'), [all, ...LANGS.map((v) => [v, langName(v)])], query.get('lang') || '');
  const stateSel = labelledSelect('items-state', t('filter_state'), [all, ...STATES.map((v) => [v, t(`state_${v}`)])], query.get('state') || '');
  const selects = { type: typeSel.select, category: catSel.select, lang: langSel.select, state: stateSel.select };
  let page = Math.max(1, Number(query.get('page')) || 1);

  const form = h(
    'form',
    { class: 'filters', role: 'search', novalidate: true },
    h('div', { class: 'field grow' }, h('label', { for: 'items-q' }, t('search')), search),
    typeSel.wrap, catSel.wrap, langSel.wrap, stateSel.wrap,
    h('div', { class: 'field' }, h('button', { type: 'submit' }, t('apply_filters'))),
  );

  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' });
  const pager = h('nav', { class: 'pager', 'aria-label': t('page_of', page, '…') });

  function currentQuery() {
    const q = new URLSearchParams();
    if (search.value.trim()) q.set('q', search.value.trim());
    for (const name of FILTERS) if (selects[name].value) q.set(name, selects[name].value);
    return q;
  }

  async function load() {
    const q = currentQuery();
    const shown = new URLSearchParams(q);
    if (page > 1) shown.set('page', String(page));
    const hash = `#/items${shown.toString() ? `?${shown}` : ''}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    q.set('limit', String(PAGE_SIZE));
    q.set('offset', String((page - 1) * PAGE_SIZE));
    const answer = await api.get(`items?${q}`);
    if (!answer.ok) {
      message.show(t('error_prefix', api.reason(answer)), 'error');
      return;
    }
    message.hide();
    const items = Array.isArray(answer.data) ? answer.data : [];
    const total = Number(answer.headers.get('X-Total-Count')) || items.length;
    count.textContent = t('count_items', total);
    const catNames = new Map(cats.map((c) => [c.id, categoryTitle(c, lang())]));
    if (!items.length) {
      fill(results, h('p', { class: 'empty' }, t('no_items')));
    } else {
      fill(results, table(t('items_title'),
        [t('col_title'), t('col_id'), t('col_type'), t('col_lang'), t('col_category'), t('col_state'), t('col_updated')],
        items.map((item) => h('tr', { dataset: { id: item.id, lang: item.lang } },
          h('td', { class: 'title-cell' }, h('a', { href: `#/item/${encodeURIComponent(item.id)}`, lang: item.lang }, item.title || t('untitled'))),
          h('td', { class: 'mono' }, item.id),
          h('td', { class: 'nowrap' }, typeName(item.type)),
          h('td', null, item.lang),
          h('td', null, item.category ? catNames.get(item.category) || item.category : ''),
          h('td', null, stateBadge(item.state)),
          h('td', { class: 'nowrap' }, formatTime(item.updated)))),
        { class: 'items-table' }));
    }
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const prev = h('button', { type: 'button', disabled: page <= 1 }, t('prev_page'));
    const next = h('button', { type: 'button', disabled: page >= pages }, t('next_page'));
    prev.addEventListener('click', () => { page -= 1; load(); });
    next.addEventListener('click', () => { page += 1; load(); });
    pager.setAttribute('aria-label', t('page_of', page, pages));
    fill(pager, pages > 1 ? [prev, h('span', null, t('page_of', page, pages)), next] : []);
  }

  const restart = () => { page = 1; load(); };
  form.addEventListener('submit', (event) => { event.preventDefault(); restart(); });
  for (const select of Object.values(selects)) select.addEventListener('change', restart);
  search.addEventListener('input', debounce(restart, 350));

  const newButtons = canEdit()
    ? h('div', { class: 'new-items', role: 'group', 'aria-label': t('new_item') },
      h('span', { class: 'label' }, `${t('new_item')}:`),
      types().filter((type) => type !== 'office').map((type) => h('a', { class: 'button', href: `#/new/${type}` }, t('new_of_type', typeName(type)))))
    : null;

  // Files in the tree that do not pass the checks (edited by hand): publishing
  // refuses until they are fixed, so say so where staff look first.
  await loadStatus();
  const problems = Array.isArray(status.tree_problems) ? status.tree_problems : [];
  const treeWarning = problems.length
    ? h('div', { class: 'message message-warn', role: 'status' },
      h('p', null, t('tree_problems', problems.length)),
      h('details', null, h('summary', null, t('show_problems')),
        h('ul', { class: 'mono' }, problems.slice(0, 200).map((p) => h('li', null, String(p))))))
    : null;

  root.append(h('div', { class: 'page-head' }, pageTitle(t('items_title')), newButtons));
  if (treeWarning) root.append(treeWarning);
  root.append(form, message, count, results, pager);
  await load();
}
