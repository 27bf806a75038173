// For publishers: the changes waiting for review (approve here, or open the
// item to read it and send it back with a comment), the approved changes
// waiting to go out, and Publish, which answers with the version it made.

import * as api from './api.js';
import { h, fill, formatTime } from './dom.js';
import { t } from './i18n.js';
import { status, canPublish, loadStatus } from './state.js';
import {
  messageBox, pageTitle, stateBadge, typeName, table,
} from './ui.js';

export async function render(root, route, ctx) {
  const message = messageBox();
  if (!canPublish()) {
    root.append(pageTitle(t('review_title')), message);
    message.show(t('forbidden'), 'error');
    return;
  }
  const reviewList = h('div', { class: 'results' });
  const approvedList = h('div', { class: 'results' });
  const publishMessage = messageBox();
  publishMessage.id = 'publish-result';

  function row(item, withActions) {
    const cells = [
      h('td', { class: 'title-cell' }, h('a', { href: `#/item/${encodeURIComponent(item.id)}`, lang: item.lang }, item.title || t('untitled'))),
      h('td', { class: 'mono' }, item.id),
      h('td', null, typeName(item.type)),
      h('td', null, item.lang),
      h('td', null, stateBadge(item.state)),
      h('td', { class: 'nowrap' }, formatTime(item.updated)),
    ];
    if (withActions) {
      const note = h('span', { class: 'row-note', role: 'status' });
      const approve = h('button', { type: 'button', class: 'approve', dataset: { action: 'approve' } }, t('approve'));
      approve.addEventListener('click', async () => {
        approve.disabled = true;
        const answer = await api.post(`items/${api.path(item.id, item.lang)}/approve`);
        approve.disabled = false;
        if (answer.ok) {
          await load();
          message.show(`${t('approved_msg')} (${item.id}, ${item.lang})`, 'ok');
        } else {
          note.textContent = answer.status === 403 ? t('own_change') : t('error_prefix', api.reason(answer));
          note.className = 'row-note error';
        }
      });
      cells.push(h('td', { class: 'row-actions' },
        approve,
        h('a', { class: 'button', href: `#/item/${encodeURIComponent(item.id)}` }, t('review_open')),
        note));
    }
    return h('tr', { dataset: { id: item.id, lang: item.lang } }, cells);
  }

  const keyLine = h('p', { class: 'key-line' });
  const showKeyLine = () => fill(keyLine, `${t('key_id')}: `, h('span', { class: 'mono' }, status.key_id || '—'),
    ` · ${t('version')}: ${status.version || t('no_version')}`);
  showKeyLine();

  const headings = [t('col_title'), t('col_id'), t('col_type'), t('col_lang'), t('col_state'), t('col_updated')];

  async function load() {
    const [review, approved] = await Promise.all([api.get('items?state=review&limit=500'), api.get('items?state=approved&limit=500')]);
    if (!review.ok || !approved.ok) {
      message.show(t('error_prefix', api.reason(review.ok ? approved : review)), 'error');
      return;
    }
    fill(reviewList, review.data.length
      ? table(t('review_title'), [...headings, ''], review.data.map((item) => row(item, true)), { class: 'review-table' })
      : h('p', { class: 'empty' }, t('review_empty')));
    fill(approvedList, approved.data.length
      ? table(t('approved_title'), headings, approved.data.map((item) => row(item, false)), { class: 'approved-table' })
      : h('p', { class: 'empty' }, t('approved_empty')));
  }

  // One deliberate press: publishing sends only what a publisher approved.
  const publishButton = h('button', { type: 'button', class: 'primary publish', id: 'publish' }, t('publish_button'));
  publishButton.addEventListener('click', async () => {
    publishButton.disabled = true;
    publishMessage.show(t('publishing'), 'info');
    const answer = await api.post('publish');
    publishButton.disabled = false;
    if (answer.ok && answer.data) {
      await loadStatus();
      ctx.refreshHeader();
      showKeyLine();
      publishMessage.show(t('published_msg', answer.data.version, status.key_id || '—'), 'ok');
      await load();
    } else if (answer.status === 422 && answer.data && Array.isArray(answer.data.errors)) {
      publishMessage.show(t('publish_failed'), 'error',
        h('ul', null, answer.data.errors.map((e) => h('li', null, e.field ? `${e.field}: ${e.message}` : String(e.message)))));
    } else {
      publishMessage.show(t('error_prefix', api.reason(answer)), 'error');
    }
  });

  root.append(
    pageTitle(t('nav_review')),
    message,
    h('section', { class: 'card', 'aria-labelledby': 'review-heading' }, h('h2', { id: 'review-heading' }, t('review_title')), reviewList),
    h('section', { class: 'card', 'aria-labelledby': 'approved-heading' }, h('h2', { id: 'approved-heading' }, t('approved_title')), approvedList),
    h('section', { class: 'card publish-card', 'aria-labelledby': 'publish-heading' },
      h('h2', { id: 'publish-heading' }, t('publish_title')),
      h('p', null, t('publish_intro')),
      keyLine,
      h('div', { class: 'actions' }, publishButton),
      publishMessage),
  );
  await load();
}
