// What every page shares: who is logged in, the server's status (key id,
// version, the fields of each type), the categories, and a one-shot notice
// carried from one page to the next.

import * as api from './api.js';

export const session = { user: '', role: '', csrf: '' };
export const status = { key_id: '', version: 0, allow_self_approval: false, types: [], fields: {} };

// The fields of each type as docs/authoring-format.md lists them, used only
// when the server's status does not give them.
const FALLBACK_FIELDS = {
  category: [['title', true, 'line'], ['order', false, 'integer']],
  document: [
    ['title', true, 'line'], ['category', true, 'line'], ['number', true, 'line'],
    ['issuer', true, 'line'], ['issued', true, 'date'], ['effective', false, 'date'],
    ['expires', false, 'date'], ['summary', false, 'text'], ['source_url', false, 'url'],
    ['tags', false, 'list'],
  ],
  faq: [['title', true, 'line'], ['category', true, 'line'], ['tags', false, 'list']],
  service: [['title', true, 'line'], ['prefix', true, 'line'], ['order', false, 'integer']],
  announcement: [['title', true, 'line'], ['starts', true, 'datetime'], ['ends', true, 'datetime']],
  office: [
    ['title', true, 'line'], ['address', true, 'line'], ['phone', false, 'line'],
    ['email', false, 'line'], ['hours', false, 'list'],
  ],
};
export const TYPES = ['category', 'document', 'faq', 'service', 'announcement', 'office'];
export const STATES = ['published', 'draft', 'review', 'approved', 'expired'];
export const LANGS = ['vi', 'en'];
export const ROLES = ['viewer', 'editor', 'publisher', 'admin'];

export function setSession(data) {
  session.user = data ? data.user : '';
  session.role = data ? data.role : '';
  session.csrf = data ? data.csrf : '';
  api.setCsrf(session.csrf);
}

export const canEdit = () => ['editor', 'publisher', 'admin'].includes(session.role);
export const canPublish = () => ['publisher', 'admin'].includes(session.role);
export const isAdmin = () => session.role === 'admin';

export async function loadStatus() {
  const answer = await api.get('status');
  if (answer.ok && answer.data) Object.assign(status, answer.data);
  return answer;
}

export function types() {
  return Array.isArray(status.types) && status.types.length ? status.types : TYPES;
}

// [{name, required, kind}] of a type, without id, type, lang and body.
export function fieldsOf(type) {
  const given = status.fields && status.fields[type];
  const list = Array.isArray(given) && given.length
    ? given
    : (FALLBACK_FIELDS[type] || []).map(([name, required, kind]) => ({ name, required, kind }));
  return list.filter((f) => !['id', 'type', 'lang', 'body'].includes(f.name));
}

// Categories as [{id, title}] in `lang` (the other language's title when an
// item has only that one), fetched at most once per page load unless forced.
let categoryCache = null;
export async function categories(force = false) {
  if (categoryCache && !force) return categoryCache;
  const answer = await api.get('items?type=category&limit=1000');
  if (!answer.ok || !Array.isArray(answer.data)) return categoryCache || [];
  const byId = new Map();
  for (const item of answer.data) {
    const entry = byId.get(item.id) || { id: item.id, titles: {} };
    entry.titles[item.lang] = item.title;
    byId.set(item.id, entry);
  }
  categoryCache = [...byId.values()];
  return categoryCache;
}

export function categoryTitle(entry, lang) {
  return entry.titles[lang] || entry.titles.vi || entry.titles.en || entry.id;
}

let notice = null;
// A message for the next page shown (after log-out, after a redirect).
export function setNotice(text, kind = 'info') {
  notice = { text, kind };
}
export function takeNotice() {
  const n = notice;
  notice = null;
  return n;
}

// Text typed in the editor and not saved, kept while the user moves between
// pages or switches the interface language; by "id/lang".
export const unsaved = new Map();
