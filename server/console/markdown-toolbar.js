// Bold, italic, heading, list, table and link for a Markdown textarea: each
// puts Markdown around the selection (or a sample word, selected, when
// nothing is), pressed again it takes it off. Fires "input" so the preview
// and the unsaved mark follow. Ctrl+B and Ctrl+I work in the textarea.

import { h } from './dom.js';
import { t } from './i18n.js';

function changed(textarea) {
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  textarea.focus();
}

// **selection**, or takes the markers off when they are already there.
function wrap(textarea, marker, sample, after = marker) {
  const { value, selectionStart: start, selectionEnd: end } = textarea;
  const selected = value.slice(start, end);
  if (value.slice(start - marker.length, start) === marker && value.slice(end, end + after.length) === after && selected) {
    textarea.setRangeText(selected, start - marker.length, end + after.length, 'select');
  } else if (selected.startsWith(marker) && selected.endsWith(after) && selected.length >= marker.length + after.length + 1) {
    textarea.setRangeText(selected.slice(marker.length, selected.length - after.length), start, end, 'select');
  } else {
    const text = selected || sample;
    textarea.setRangeText(marker + text + after, start, end, 'end');
    textarea.setSelectionRange(start + marker.length, start + marker.length + text.length);
  }
  changed(textarea);
}

// Puts `prefix` at the start of every line the selection touches (or takes
// it off when every one has it).
function prefixLines(textarea, prefix, sample) {
  const { value } = textarea;
  let start = textarea.selectionStart;
  const end = textarea.selectionEnd;
  start = value.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = value.indexOf('\n', end > start && value[end - 1] === '\n' ? end - 1 : end);
  if (lineEnd < 0) lineEnd = value.length;
  const block = value.slice(start, lineEnd);
  if (!block.trim()) {
    textarea.setRangeText(prefix + sample, start, lineEnd, 'end');
    textarea.setSelectionRange(start + prefix.length, start + prefix.length + sample.length);
    changed(textarea);
    return;
  }
  const lines = block.split('\n');
  const all = lines.every((line) => !line.trim() || line.startsWith(prefix));
  const out = lines.map((line) => {
    if (!line.trim()) return line;
    if (all) return line.slice(prefix.length);
    return prefix + line.replace(/^#{1,6}\s+|^[-*+]\s+/, '');
  });
  textarea.setRangeText(out.join('\n'), start, lineEnd, 'select');
  changed(textarea);
}

// A block (the table) on lines of its own after the selection.
function insertBlock(textarea, block) {
  const { value } = textarea;
  const at = textarea.selectionEnd;
  const before = value.slice(0, at);
  const lead = !before ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = value.slice(at).startsWith('\n') ? '\n' : '\n\n';
  textarea.setRangeText(lead + block + trail, at, at, 'end');
  const first = at + lead.length;
  textarea.setSelectionRange(first, first + block.indexOf('\n'));
  changed(textarea);
}

function link(textarea) {
  const { value, selectionStart: start, selectionEnd: end } = textarea;
  const text = value.slice(start, end) || t('tb_link_sample');
  const url = 'https://';
  textarea.setRangeText(`[${text}](${url})`, start, end, 'end');
  const urlAt = start + text.length + 3;
  textarea.setSelectionRange(urlAt, urlAt + url.length);
  changed(textarea);
}

export function markdownToolbar(textarea) {
  const actions = [
    ['bold', 'B', () => wrap(textarea, '**', t('tb_bold_sample'))],
    ['italic', 'I', () => wrap(textarea, '*', t('tb_italic_sample'))],
    ['heading', 'H', () => prefixLines(textarea, '## ', t('tb_heading_sample'))],
    ['list', '•', () => prefixLines(textarea, '- ', t('tb_list_sample'))],
    ['table', '▦', () => insertBlock(textarea, t('tb_table_sample'))],
    ['link', '↗', () => link(textarea)],
  ];
  const bar = h('div', { class: 'md-toolbar', role: 'toolbar', 'aria-label': t('toolbar'), 'aria-controls': textarea.id });
  for (const [name, icon, act] of actions) {
    const button = h('button', { type: 'button', class: `tb-${name}`, dataset: { action: name }, title: t(`tb_${name}`) },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, icon), h('span', { class: 'tb-label' }, t(`tb_${name}`)));
    // Keep the selection: a mousedown on the button would otherwise move focus.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', act);
    bar.appendChild(button);
  }
  textarea.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'b') { event.preventDefault(); actions[0][2](); }
    if (key === 'i') { event.preventDefault(); actions[1][2](); }
  });
  return bar;
}
