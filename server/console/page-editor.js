// One item, both languages side by side (vi left, en right), each with its
// own form, revision, state and buttons: save, submit, approve, send back,
// discard, delete, as the role and the state allow. The form has every field
// the server's status lists for the type; the body has a Markdown toolbar and
// the server's preview. A 422 puts each problem next to its field; a 409 says
// so plainly and keeps the text typed.

import * as api from './api.js';
import {
  h, fill, append, debounce, formatTime, confirmButton,
} from './dom.js';
import { t, fieldLabel, bodyLabel } from './i18n.js';
import {
  session, status, canEdit, canPublish, fieldsOf, categories, categoryTitle, unsaved, LANGS,
} from './state.js';
import { markdownToolbar } from './markdown-toolbar.js';
import { previewFragment } from './preview.js';
import {
  messageBox, pageTitle, stateBadge, typeName, langName,
} from './ui.js';

const ID_PATTERN = /^[a-z0-9-]{2,64}$/;
const ID_PREFIX = {
  category: 'cat-', document: 'doc-', faq: 'faq-', service: 'svc-', announcement: 'ann-',
};

// "Hành lý miễn thuế" → "hanh-ly-mien-thue": an id suggested from a title.
function slug(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56).replace(/-+$/, '');
}

// Dates as staff in Vietnam write them: "2026-01-15" shows as "15/01/2026",
// "2026-12-01T07:30" as "01/12/2026 07:30".
function showDate(value) {
  if (value === null || value === undefined) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(String(value));
  return m ? `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}` : ''}` : String(value);
}

// What was typed, back in the authoring format: "15/1/2026" or "15.01.2026"
// → "2026-01-15", with " 7:30" → "T07:30" where a time is allowed. Anything
// else goes to the server as typed, and its answer says what is wrong.
function readDate(text, withTime) {
  const raw = text.trim();
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(raw)) return raw;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:h](\d{2}))?$/.exec(raw);
  if (!m || (m[4] && !withTime)) return raw;
  const pad = (n) => String(n).padStart(2, '0');
  const date = `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
  return m[4] ? `${date}T${pad(m[4])}:${m[5]}` : date;
}

function stashKey(id, lang) {
  return `${id}/${lang}`;
}

export async function render(root, route) {
  const creating = route.parts[0] === 'new';
  let type = creating ? route.parts[1] : '';
  let id = creating ? (type === 'office' ? 'office' : '') : route.parts[1] || '';
  const loaded = {};
  const message = messageBox();

  if (!creating) {
    const answers = await Promise.all(LANGS.map((l) => api.get(`items/${api.path(id, l)}`)));
    answers.forEach((answer, i) => {
      if (answer.ok && answer.data) loaded[LANGS[i]] = answer.data;
    });
    const failed = answers.find((a) => !a.ok && a.status !== 404);
    if (!loaded.vi && !loaded.en) {
      root.append(pageTitle(t('not_found')), message);
      message.show(failed ? t('error_prefix', api.reason(failed)) : t('not_found'), 'error');
      return undefined;
    }
    type = (loaded.vi || loaded.en).type;
  }
  if (!fieldsOf(type).length) {
    root.append(pageTitle(t('not_found')));
    return undefined;
  }
  const hasCategory = fieldsOf(type).some((f) => f.name === 'category');
  const cats = hasCategory ? await categories() : [];

  const titleText = () => {
    const title = (panes.vi && panes.vi.titleValue()) || (panes.en && panes.en.titleValue()) || id;
    return creating && !saved ? t('editor_new', typeName(type)) : t('editor_title', typeName(type), title || t('untitled'));
  };
  const heading = pageTitle('');

  // The id, typed once for both languages when creating.
  let idInput = null;
  let idTouched = false;
  const idError = h('p', { class: 'field-error', id: 'item-id-error', hidden: true });
  const idBlock = creating && type !== 'office'
    ? h('div', { class: 'field id-field' },
      h('label', { for: 'item-id' }, t('item_id'), ' ', h('span', { class: 'req' }, `(${t('required')})`)),
      idInput = h('input', {
        id: 'item-id', name: 'id', class: 'mono', pattern: '[a-z0-9-]{2,64}', autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': 'item-id-hint item-id-error',
      }),
      h('p', { class: 'hint', id: 'item-id-hint' }, t('item_id_hint')),
      idError)
    : null;
  if (idInput) {
    idInput.addEventListener('input', () => {
      idTouched = true;
      idInput.value = idInput.value.toLowerCase().replace(/\s+/g, '-');
    });
  }
  function currentId() {
    if (!idInput) return id;
    return idInput.value.trim();
  }
  let saved = !creating;
  // Unsaved text is kept under the id, or under the type while a new item has none.
  const stashBase = () => (saved ? currentId() : `new:${type}`);
  function idCreated(newId) {
    saved = true;
    if (!creating || !idInput) return;
    id = newId;
    idInput.readOnly = true;
    history.replaceState(null, '', `#/item/${encodeURIComponent(id)}`);
    heading.textContent = titleText();
  }
  function showIdError(text) {
    if (!idInput) return false;
    idError.textContent = text;
    idError.hidden = !text;
    idInput.setAttribute('aria-invalid', text ? 'true' : 'false');
    if (text) idInput.focus();
    return true;
  }

  const panes = {};
  const grid = h('div', { class: 'panes' });
  for (const l of LANGS) {
    panes[l] = makePane({
      lang: l, type, data: loaded[l] || null, creating, cats, currentId, idCreated, showIdError, stashBase,
      onTitle: (value) => {
        heading.textContent = titleText();
        if (l === 'vi' && idInput && !idTouched && !idInput.readOnly && type in ID_PREFIX) {
          const s = slug(value);
          idInput.value = s ? ID_PREFIX[type] + s : '';
        }
      },
    });
    grid.appendChild(panes[l].element);
  }
  heading.textContent = titleText();

  append(root, [
    h('div', { class: 'page-head' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/items' }, `‹ ${t('items_title')}`)),
      heading),
    message,
    canEdit() ? null : h('p', { class: 'banner banner-info read-only' }, t('read_only')),
    idBlock,
    grid,
  ]);
  for (const l of LANGS) panes[l].start();

  return () => {
    for (const l of LANGS) panes[l].stash();
  };
}

// One language of the item: its form, messages and buttons.
function makePane(opts) {
  const { lang, type, cats, currentId } = opts;
  let data = opts.data;
  let revision = data ? data.revision || '' : '';
  let baseline = '';
  const editable = canEdit();
  const controls = {};
  const errors = {};
  const prefix = `${lang}-`;

  const element = h('section', { class: 'pane', lang, 'aria-labelledby': `${prefix}heading`, dataset: { lang } });
  const message = messageBox('pane-message');

  function control(field) {
    const cid = prefix + field.name;
    const describedBy = [];
    let input;
    let hint = null;
    if (field.name === 'category') {
      input = h('select', { id: cid, name: field.name });
      input.appendChild(h('option', { value: '' }, t('choose_category')));
      for (const c of cats) input.appendChild(h('option', { value: c.id }, `${categoryTitle(c, lang)} (${c.id})`));
    } else if (field.kind === 'text') {
      input = h('textarea', { id: cid, name: field.name, rows: 3 });
    } else if (field.kind === 'list') {
      input = h('textarea', { id: cid, name: field.name, rows: 3, class: 'list-input' });
      hint = t('list_hint');
    } else if (field.kind === 'date') {
      input = h('input', {
        id: cid, name: field.name, class: 'date-input', placeholder: 'dd/mm/yyyy', autocomplete: 'off', spellcheck: 'false',
      });
      hint = t('date_hint');
    } else if (field.kind === 'datetime') {
      input = h('input', {
        id: cid, name: field.name, class: 'date-input', placeholder: 'dd/mm/yyyy hh:mm', autocomplete: 'off', spellcheck: 'false',
      });
      hint = t('datetime_hint');
    } else if (field.kind === 'integer') {
      input = h('input', { id: cid, name: field.name, type: 'number', step: 1, inputmode: 'numeric' });
    } else if (field.kind === 'url') {
      input = h('input', { id: cid, name: field.name, inputmode: 'url', autocomplete: 'off', spellcheck: 'false' });
      hint = t('url_hint');
    } else {
      input = h('input', { id: cid, name: field.name, autocomplete: 'off' });
    }
    if (hint) describedBy.push(`${cid}-hint`);
    describedBy.push(`${cid}-error`);
    input.setAttribute('aria-describedby', describedBy.join(' '));
    if (field.required) input.setAttribute('aria-required', 'true');
    if (!editable) {
      if (input.tagName === 'SELECT') input.disabled = true;
      else input.readOnly = true;
    }
    controls[field.name] = { input, field };
    errors[field.name] = h('p', { class: 'field-error', id: `${cid}-error`, hidden: true });
    return h('div', { class: `field field-${field.kind} field-name-${field.name}` },
      h('label', { for: cid }, fieldLabel(type, field.name),
        field.required ? h('span', { class: 'req' }, ` (${t('required')})`) : null),
      input,
      hint ? h('p', { class: 'hint', id: `${cid}-hint` }, hint) : null,
      errors[field.name]);
  }

  const fields = fieldsOf(type).map(control);

  const bodyId = `${prefix}body`;
  const body = h('textarea', {
    id: bodyId, name: 'body', class: 'body-input', rows: 14, spellcheck: 'true', 'aria-describedby': `${bodyId}-error`,
  });
  if (!editable) body.readOnly = true;
  controls.body = { input: body, field: { name: 'body', kind: 'body' } };
  errors.body = h('p', { class: 'field-error', id: `${bodyId}-error`, hidden: true });

  const previewBox = h('div', { class: 'kiosk-preview', id: `${prefix}preview`, 'aria-live': 'polite' });
  const previewWarnings = h('div', { class: 'preview-warnings', hidden: true });
  const previewStatus = h('p', { class: 'preview-status hint' });
  let previewSeq = 0;
  async function refreshPreview() {
    const seq = ++previewSeq;
    if (!body.value.trim()) {
      fill(previewBox, h('p', { class: 'hint' }, t('preview_empty')));
      previewWarnings.hidden = true;
      previewStatus.textContent = '';
      return;
    }
    previewStatus.textContent = t('preview_waiting');
    const answer = await api.post('preview', { body: body.value });
    if (seq !== previewSeq) return;
    if (!answer.ok || !answer.data) {
      previewStatus.textContent = t('preview_failed', api.reason(answer));
      if (answer.status === 403) fill(previewBox, h('pre', { class: 'plain-body' }, body.value));
      return;
    }
    previewStatus.textContent = '';
    fill(previewBox, previewFragment(answer.data.html));
    const warnings = Array.isArray(answer.data.warnings) ? answer.data.warnings : [];
    fill(previewWarnings, warnings.length
      ? [h('p', null, t('warnings')), h('ul', null, warnings.map((w) => h('li', null, String(w))))]
      : []);
    previewWarnings.hidden = !warnings.length;
  }
  const schedulePreview = debounce(refreshPreview, 400);

  const unsavedMark = h('span', { class: 'badge unsaved', hidden: true }, t('unsaved'));
  const stateSlot = h('span', { class: 'state-slot' });
  const facts = h('dl', { class: 'pane-facts' });
  const banners = h('div', { class: 'banners' });
  const actions = h('div', { class: 'actions pane-actions' });
  const sendBack = h('div', { class: 'send-back', hidden: true });

  const form = h('form', { class: 'item-form', novalidate: true, 'aria-labelledby': `${prefix}heading` },
    fields,
    h('div', { class: 'field field-body' },
      h('label', { for: bodyId }, bodyLabel(type)),
      editable ? markdownToolbar(body) : null,
      body,
      errors.body),
    h('section', { class: 'preview', 'aria-labelledby': `${prefix}preview-heading` },
      h('h3', { id: `${prefix}preview-heading` }, t('preview')),
      previewStatus, previewWarnings, previewBox),
    sendBack,
    message,
    actions);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (editable) save();
  });

  const missing = h('div', { class: 'pane-missing' });

  fill(element,
    h('div', { class: 'pane-head' },
      h('h2', { id: `${prefix}heading` }, `${langName(lang)} (${lang})`),
      stateSlot, unsavedMark),
    facts, banners, missing, form);

  // ---- values -------------------------------------------------------------

  function setValues(values) {
    for (const [name, { input, field }] of Object.entries(controls)) {
      const v = values[name];
      if (field.kind === 'date' || field.kind === 'datetime') input.value = showDate(v);
      else if (field.kind === 'list') input.value = Array.isArray(v) ? v.join('\n') : v == null ? '' : String(v);
      else if (field.name === 'category' && v && ![...input.options].some((o) => o.value === v)) {
        input.appendChild(h('option', { value: v }, String(v)));
        input.value = v;
      } else input.value = v == null ? '' : String(v);
    }
  }

  function values() {
    const out = {};
    for (const [name, { input, field }] of Object.entries(controls)) {
      if (name === 'body') continue;
      const raw = input.value;
      if (field.kind === 'list') {
        const list = raw.split('\n').map((s) => s.trim()).filter(Boolean);
        if (list.length) out[name] = list;
      } else if (field.kind === 'integer') {
        const text = raw.trim();
        if (text) out[name] = /^-?\d+$/.test(text) ? Number(text) : text;
      } else if (field.kind === 'date' || field.kind === 'datetime') {
        if (raw.trim()) out[name] = readDate(raw, field.kind === 'datetime');
      } else if (field.kind === 'text') {
        if (raw.trim()) out[name] = raw.replace(/\s+$/, '');
      } else if (raw.trim()) {
        out[name] = raw.trim();
      }
    }
    out.body = body.value;
    return out;
  }

  const snapshot = () => JSON.stringify(values());
  const isDirty = () => !form.hidden && snapshot() !== baseline;
  function markDirty() {
    unsavedMark.hidden = !isDirty();
  }
  form.addEventListener('input', () => {
    markDirty();
  });
  form.addEventListener('change', markDirty);
  body.addEventListener('input', schedulePreview);
  if (controls.title) controls.title.input.addEventListener('input', () => opts.onTitle(controls.title.input.value));

  function clearErrors() {
    for (const [name, p] of Object.entries(errors)) {
      p.hidden = true;
      p.textContent = '';
      controls[name].input.removeAttribute('aria-invalid');
    }
    opts.showIdError('');
  }

  function showErrors(list) {
    clearErrors();
    const general = [];
    let first = null;
    for (const e of list) {
      const name = e && typeof e.field === 'string' ? e.field : '';
      const text = e && e.message ? String(e.message) : '';
      if (name && errors[name]) {
        errors[name].textContent = errors[name].textContent ? `${errors[name].textContent} ${text}` : text;
        errors[name].hidden = false;
        controls[name].input.setAttribute('aria-invalid', 'true');
        if (!first) first = controls[name].input;
      } else if (name === 'id' && opts.showIdError(text)) {
        // shown beside the id
      } else {
        general.push(name ? `${fieldLabel(type, name)}: ${text}` : text);
      }
    }
    message.show(t('field_errors'), 'error', general.length ? h('ul', null, general.map((g) => h('li', null, g))) : null);
    if (first) first.focus();
  }

  // ---- what the pane shows for its state -----------------------------------

  function showFacts() {
    const rows = [];
    if (data) {
      if (data.revision) rows.push([t('revision'), h('span', { class: 'mono' }, String(data.revision).slice(0, 12))]);
      if (data.author) rows.push([t('author'), data.author]);
      if (data.updated) rows.push([t('updated'), formatTime(data.updated)]);
      if (data.path) rows.push([t('file'), h('span', { class: 'mono' }, data.path)]);
    }
    fill(facts, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
    fill(stateSlot, data ? stateBadge(data.state) : null);
    const b = [];
    if (data && data.deleted) b.push(h('p', { class: 'banner banner-delete' }, t('deletion_banner')));
    if (data && data.comment) b.push(h('p', { class: 'banner banner-comment' }, t('comment_banner', data.comment)));
    const problems = data && Array.isArray(data.problems) ? data.problems : [];
    if (problems.length) {
      b.push(h('div', { class: 'banner banner-delete' }, h('p', null, t('problems_banner')),
        h('ul', null, problems.map((p) => h('li', null, typeof p === 'string' ? p
          : [p.line ? `${p.line}: ` : '', p.field ? `${p.field}: ` : '', p.message || p.reason || JSON.stringify(p)].join(''))))));
    }
    fill(banners, b);
  }

  function showActions() {
    const list = [];
    const state = data ? data.state : '';
    if (editable) {
      list.push(h('button', { type: 'submit', class: 'primary', dataset: { action: 'save' } }, t('save')));
      if (data && state === 'draft') {
        const submit = h('button', { type: 'button', dataset: { action: 'submit' } }, t('submit'));
        submit.addEventListener('click', () => runSubmit());
        list.push(submit);
      }
    }
    if (canPublish() && state === 'review') {
      const own = data.author === session.user && !status.allow_self_approval;
      const approve = h('button', {
        type: 'button', class: 'approve', dataset: { action: 'approve' }, disabled: own, title: own ? t('own_change') : null,
      }, t('approve'));
      approve.addEventListener('click', () => simple('approve', t('approved_msg')));
      const back = h('button', { type: 'button', dataset: { action: 'send-back' }, 'aria-expanded': 'false' }, t('send_back'));
      back.addEventListener('click', () => openSendBack(back));
      list.push(approve, back);
      if (own) list.push(h('span', { class: 'hint' }, t('own_change')));
    }
    if (editable && data && (state === 'draft' || state === 'review') && (data.author === session.user || canPublish())) {
      list.push(confirmButton(t('discard'), t('discard_confirm'), () => runDiscard(), { class: 'subtle', dataset: { action: 'discard' } }));
    }
    if (editable && data && !data.deleted && (data.path || ['published', 'approved', 'expired'].includes(state))) {
      list.push(confirmButton(t('delete'), t('delete_confirm'), () => runDelete(), { class: 'danger', dataset: { action: 'delete' } }));
    }
    fill(actions, list);
    actions.hidden = !list.length;
  }

  function openSendBack(button) {
    const cid = `${prefix}send-back-comment`;
    const comment = h('textarea', { id: cid, rows: 2 });
    const go = h('button', { type: 'button', class: 'primary', dataset: { action: 'send-back-confirm' } }, t('send_back_confirm'));
    const cancel = h('button', { type: 'button' }, t('cancel'));
    go.addEventListener('click', () => simple('reject', t('sent_back_msg'), { comment: comment.value }));
    cancel.addEventListener('click', () => {
      sendBack.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    });
    fill(sendBack, h('div', { class: 'field' }, h('label', { for: cid }, t('send_back_comment')), comment), h('div', { class: 'actions' }, go, cancel));
    sendBack.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    comment.focus();
  }

  function showAll() {
    showFacts();
    showActions();
    baseline = JSON.stringify(valuesOf(data));
    markDirty();
  }

  // The values a loaded item gives the form, as values() would read them back.
  function valuesOf(item) {
    setValues(item || {});
    return JSON.parse(snapshot());
  }

  function showMissing() {
    if (data || opts.creating) {
      missing.hidden = true;
      form.hidden = false;
      return;
    }
    form.hidden = true;
    const children = [h('p', null, t('pane_missing', langName(lang)))];
    if (editable) {
      const start = h('button', { type: 'button', dataset: { action: 'create' } }, t('pane_create', langName(lang)));
      start.addEventListener('click', () => {
        missing.hidden = true;
        form.hidden = false;
        const first = form.querySelector('input, select, textarea');
        if (first) first.focus();
      });
      children.push(start);
    }
    fill(missing, children);
    missing.hidden = false;
  }

  // ---- actions -------------------------------------------------------------

  async function reload(note, kind = 'ok') {
    const idNow = currentId();
    const answer = await api.get(`items/${api.path(idNow, lang)}`);
    if (answer.ok && answer.data) {
      data = answer.data;
      revision = data.revision || '';
      setValues(data);
    } else if (answer.status === 404) {
      data = null;
      revision = '';
    }
    showAll();
    showMissing();
    if (note) message.show(note, kind);
    schedulePreview();
  }

  function failed(answer) {
    if (answer.status === 403) message.show(t('forbidden'), 'error', h('p', { class: 'detail' }, api.reason(answer)));
    else if (answer.status === 422 && answer.data && Array.isArray(answer.data.errors)) showErrors(answer.data.errors);
    else message.show(t('error_prefix', api.reason(answer)), 'error');
  }

  async function save() {
    const idNow = currentId();
    if (!ID_PATTERN.test(idNow)) {
      if (opts.showIdError(t('item_id_hint'))) return false;
    }
    const payload = { type, ...values(), revision };
    const button = actions.querySelector('[data-action="save"]');
    if (button) {
      button.disabled = true;
      button.textContent = t('saving');
    }
    const answer = await api.put(`items/${api.path(idNow, lang)}`, payload);
    if (button) {
      button.disabled = false;
      button.textContent = t('save');
    }
    if (answer.ok) {
      clearErrors();
      unsaved.delete(stashKey(opts.stashBase(), lang));
      opts.idCreated(idNow);
      await reload(t('saved'));
      return true;
    }
    if (answer.status === 409) {
      showConflict(answer);
      return false;
    }
    failed(answer);
    return false;
  }

  function showConflict(answer) {
    const latest = answer.data && typeof answer.data.revision === 'string' ? answer.data.revision : null;
    if (!revision) {
      message.show(t('conflict_exists'), 'error');
      return;
    }
    const extra = [h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/item/${encodeURIComponent(currentId())}`, target: '_blank', rel: 'noopener' }, t('open_latest')),
      latest !== null && latest !== ''
        ? confirmButton(t('overwrite'), t('overwrite_confirm'), async () => {
          revision = latest;
          await save();
        }, { dataset: { action: 'overwrite' } })
        : null)];
    message.show(t('conflict'), 'error', ...extra);
    message.classList.add('conflict');
  }

  async function runSubmit() {
    if (isDirty() && !(await save())) return;
    await simple('submit', t('submitted'));
  }

  async function simple(action, note, bodyJson) {
    const answer = await api.post(`items/${api.path(currentId(), lang)}/${action}`, bodyJson);
    if (!answer.ok) {
      failed(answer);
      return;
    }
    sendBack.hidden = true;
    await reload(note);
  }

  async function runDiscard() {
    const answer = await api.post(`items/${api.path(currentId(), lang)}/discard`);
    if (!answer.ok) {
      failed(answer);
      return;
    }
    unsaved.delete(stashKey(opts.stashBase(), lang));
    await reload(t('discarded'));
  }

  async function runDelete() {
    const answer = await api.post(`items/${api.path(currentId(), lang)}/delete`, { revision });
    if (answer.status === 409) {
      showConflict(answer);
      return;
    }
    if (!answer.ok) {
      failed(answer);
      return;
    }
    await reload(t('deleted_msg'));
  }

  return {
    element,
    titleValue: () => (controls.title ? controls.title.input.value.trim() : ''),
    start() {
      showAll();
      showMissing();
      const kept = unsaved.get(stashKey(opts.stashBase(), lang));
      if (kept) {
        setValues(kept.values);
        revision = kept.revision;
        form.hidden = false;
        missing.hidden = true;
        markDirty();
      }
      if (controls.title) opts.onTitle(controls.title.input.value);
      refreshPreview();
    },
    // Keeps typed, unsaved text for when the user comes back (or switches the
    // interface language, which draws the page again).
    stash() {
      const key = stashKey(opts.stashBase(), lang);
      if (isDirty()) unsaved.set(key, { values: values(), revision });
      else unsaved.delete(key);
    },
  };
}
