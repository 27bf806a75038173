// Small pieces every page uses: headings, messages, badges, tables, selects.

import { h, fill } from './dom.js';
import { t } from './i18n.js';

// The page's title; focused after a navigation so screen readers announce it.
export function pageTitle(text) {
  return h('h1', { class: 'page-title', tabindex: '-1' }, text);
}

// A line for outcomes. kind: info | ok | error | warn. Errors use role=alert
// so they are read out at once; the others role=status.
export function messageBox(extraClass = '') {
  const base = `message ${extraClass}`.trim();
  const box = h('div', { class: base, hidden: true });
  box.show = (text, kind = 'info', ...extra) => {
    box.className = `${base} message-${kind}`;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    fill(box, h('p', null, text), ...extra);
    box.hidden = false;
    // Where the user is looking may be far from the box (a long form).
    if (kind === 'error' || kind === 'ok') box.scrollIntoView({ block: 'nearest' });
  };
  box.hide = () => {
    box.hidden = true;
    fill(box);
  };
  return box;
}

export function stateBadge(state) {
  if (!state) return null;
  return h('span', { class: `badge state-${state}` }, t(`state_${state}`));
}

export function typeName(type) {
  return t(`type_${type}`);
}

export function langName(code) {
  return t(`lang_${code}`);
}

// A <select> with its label; options as [value, text].
export function labelledSelect(id, label, options, value) {
  const select = h('select', { id, name: id });
  for (const [v, text] of options) {
    select.appendChild(h('option', { value: v, selected: v === value }, text));
  }
  return { wrap: h('div', { class: 'field' }, h('label', { for: id }, label), select), select };
}

// A table with a header row; rows are arrays of cells (text or nodes).
export function table(caption, headings, rows, attrs = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      attrs,
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', null, h('tr', null, headings.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', null, rows),
    ),
  );
}

export function roleName(role) {
  return t(`role_${role}`);
}
