// The console's shell: the session at start, the header, and hash routes to
// one module per page. Routes:
//   #/login              #/items?q=&type=&category=&lang=&state=&page=
//   #/item/ID            #/new/TYPE
//   #/review             #/history      #/history/N/ID/LANG
//   #/audit              #/users        #/account

import * as api from './api.js';
import { h, fill } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import {
  session, status, setSession, loadStatus, canPublish, isAdmin, setNotice,
} from './state.js';
import { roleName } from './ui.js';
import * as loginPage from './page-login.js';
import * as itemsPage from './page-items.js';
import * as editorPage from './page-editor.js';
import * as reviewPage from './page-review.js';
import * as historyPage from './page-history.js';
import * as auditPage from './page-audit.js';
import * as usersPage from './page-users.js';
import * as accountPage from './page-account.js';

const PAGES = {
  login: loginPage,
  items: itemsPage,
  item: editorPage,
  new: editorPage,
  review: reviewPage,
  history: historyPage,
  audit: auditPage,
  users: usersPage,
  account: accountPage,
};

let cleanup = null;
let rendering = 0;
let firstRender = true;

export function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = raw.split('?');
  const parts = pathPart.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { parts, query: new URLSearchParams(queryPart) };
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function navLink(hash, label, current) {
  return h('a', { href: hash, 'aria-current': current ? 'page' : null }, label);
}

function renderHeader(route) {
  const header = document.getElementById('top');
  const page = route.parts[0] || 'items';
  const langButton = h(
    'button',
    { type: 'button', class: 'lang-switch', lang: lang() === 'vi' ? 'en' : 'vi', 'aria-label': t('switch_lang_label') },
    t('switch_lang'),
  );
  langButton.addEventListener('click', () => {
    setLang(lang() === 'vi' ? 'en' : 'vi');
    document.title = t('app_title');
    render();
  });
  if (!session.user) {
    fill(header, h('div', { class: 'bar' }, h('span', { class: 'brand' }, t('app_name')), h('div', { class: 'who' }, langButton)));
    return;
  }
  const logout = h('button', { type: 'button', class: 'logout' }, t('logout'));
  logout.addEventListener('click', async () => {
    await api.del('session');
    setSession(null);
    setNotice(t('logged_out'), 'ok');
    navigate('#/login');
  });
  const links = [navLink('#/items', t('nav_items'), ['items', 'item', 'new'].includes(page))];
  if (canPublish()) links.push(navLink('#/review', t('nav_review'), page === 'review'));
  links.push(navLink('#/history', t('nav_history'), page === 'history'));
  if (isAdmin()) {
    links.push(navLink('#/audit', t('nav_audit'), page === 'audit'));
    links.push(navLink('#/users', t('nav_users'), page === 'users'));
  }
  fill(
    header,
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '#/items' }, t('app_name')),
      h('nav', { 'aria-label': t('nav_label') }, h('ul', null, links.map((a) => h('li', null, a)))),
      h(
        'div',
        { class: 'who' },
        h(
          'dl',
          { class: 'facts' },
          h('div', null, h('dt', { class: 'visually-hidden' }, t('signed_in_as')), h('dd', { id: 'current-user' },
            h('a', { href: '#/account', title: t('nav_account') }, session.user), ' ',
            h('span', { class: 'role' }, `(${roleName(session.role)})`))),
          h('div', null, h('dt', null, t('key_id')), h('dd', { class: 'mono', id: 'key-id' }, status.key_id || '—')),
          h('div', null, h('dt', null, t('version')), h('dd', { id: 'current-version' },
            status.version ? String(status.version) : t('no_version'))),
        ),
        h('div', { class: 'header-buttons' }, langButton, logout),
      ),
    ),
  );
}

async function render() {
  const token = ++rendering;
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // A page's clean-up never blocks the next page.
    }
    cleanup = null;
  }
  const route = parseHash();
  let name = route.parts[0] || 'items';
  if (!PAGES[name]) name = 'items';
  if (name !== 'login' && !session.user) {
    const answer = await api.get('session', { quiet401: true });
    if (token !== rendering) return;
    if (answer.ok && answer.data) {
      setSession(answer.data);
      await loadStatus();
      if (token !== rendering) return;
    } else {
      const next = location.hash && !location.hash.startsWith('#/login') ? location.hash : '';
      location.replace(`#/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
      return;
    }
  }
  document.title = t('app_title');
  renderHeader(route);
  const main = document.getElementById('main');
  const root = h('div', { class: `page page-${name}` });
  fill(main, root);
  const done = await PAGES[name].render(root, route, { navigate, refreshHeader: () => renderHeader(parseHash()) });
  if (token !== rendering) {
    if (typeof done === 'function') done();
    return;
  }
  cleanup = typeof done === 'function' ? done : null;
  if (!firstRender) {
    const title = root.querySelector('.page-title');
    if (title && !root.contains(document.activeElement)) title.focus({ preventScroll: false });
  }
  firstRender = false;
}

api.onSessionLost(() => {
  if (parseHash().parts[0] === 'login') return;
  setSession(null);
  setNotice(t('login_ended'), 'warn');
  const next = location.hash || '#/items';
  location.hash = `#/login?next=${encodeURIComponent(next)}`;
});

window.addEventListener('hashchange', render);
setLang(lang());
render();
