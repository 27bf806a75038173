// The staff console in a real Chromium against a real kiosk-server
// (tests/console/run.sh starts it and sets the environment lib.mjs reads).
// The scenarios run in order and share the server: the throttled log-in runs
// last because it throttles the test's own address for a while.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  env, launch, close, staffContext, login, open, pane, paneAction, screenshot, kioskctl, pageFetch,
  cspViolations, TABLET,
} from './lib.mjs';

const FAQ_ID = 'faq-tau-ngam-mini';
const FAQ_VI = {
  title: 'Nhập khẩu tàu ngầm mini cần những giấy tờ gì?',
  tags: 'tàu ngầm mini\nnhập khẩu',
  body: 'Doanh nghiệp cần giấy phép nhập khẩu của Bộ Quốc phòng trước khi mở tờ khai.\n\n',
  bold: 'giấy phép nhập khẩu',
};
const FAQ_EN = {
  title: 'What does importing a mini submarine take?',
  tags: 'mini submarine\nimport',
  body: 'The company needs an import licence from the Ministry of Defence before it opens the declaration.\n\n',
  bold: 'import licence',
};
const CATEGORY = 'cat-kiem-tra-chuyen-nganh';
const EDITED_FAQ = 'faq-phi-hai-quan';

const shared = { publishedVersion: 0, firstVersion: 0 };

before(async () => {
  await launch();
});
after(async () => {
  await close();
});

async function status(page) {
  const answer = await page.evaluate(async () => (await fetch('/api/v1/console/status')).json());
  return answer;
}

// Selects `text` inside a textarea and presses a toolbar button.
async function formatSelection(page, lang, text, action) {
  await page.locator(`#${lang}-body`).evaluate((el, word) => {
    const at = el.value.indexOf(word);
    el.focus();
    el.setSelectionRange(at, at + word.length);
  }, text);
  await pane(page, lang).locator(`.md-toolbar [data-action="${action}"]`).click();
}

async function kioskCache() {
  const db = path.join(env.work, 'kiosk-cache.db');
  const sync = await kioskctl('sync', '--once', '--db', db, '--server', `${env.url}/`, '--trust', env.trust, '--kiosk-id', 'console-test');
  return { db, sync };
}

async function kioskSearch(db, query, lang) {
  const found = await kioskctl('search', query, '--db', db, '--lang', lang, '--json');
  assert.equal(found.code, 0, `kioskctl search: ${found.stderr}`);
  return JSON.parse(found.stdout);
}

test('the log-in page', async () => {
  const { context, page, watch } = await staffContext();
  await open(page, '#/login');
  await page.waitForSelector('#login-user');
  await screenshot(page, 'login');
  // Every console answer carries the protective headers of docs/console.md.
  const answer = await page.request.get(`${env.url}/console/`);
  const headers = answer.headers();
  assert.match(headers['content-security-policy'] || '', /script-src 'self'/);
  assert.match(headers['content-security-policy'] || '', /frame-ancestors 'none'/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  watch.assertClean('on the log-in page');
  await context.close();
});

test('(a) an editor writes a FAQ in both languages, a publisher publishes it, a kiosk syncs and finds it', async () => {
  // The kiosk before: the published demo content, without the new FAQ.
  const beforeSync = await kioskCache();
  assert.equal(beforeSync.sync.code, 0, `first sync: ${beforeSync.sync.stderr}`);
  assert.ok(!(await kioskSearch(beforeSync.db, 'tau ngam mini', 'vi')).some((r) => r.id === FAQ_ID));

  const editor = await staffContext();
  const { page } = editor;
  await login(page, 'editor');
  const first = await status(page);
  shared.firstVersion = first.version;
  await screenshot(page, 'items');

  await page.click('a[href="#/new/faq"]');
  await page.waitForSelector('#item-id');
  await page.fill('#item-id', FAQ_ID);
  for (const [lang, text] of [['vi', FAQ_VI], ['en', FAQ_EN]]) {
    await page.fill(`#${lang}-title`, text.title);
    await page.selectOption(`#${lang}-category`, CATEGORY);
    await page.fill(`#${lang}-tags`, text.tags);
    await page.fill(`#${lang}-body`, text.body);
    await formatSelection(page, lang, text.bold, 'bold');
    await page.locator(`#${lang}-body`).press('End');
    await pane(page, lang).locator('.md-toolbar [data-action="list"]').click();
    // The preview is the server's rendering: the bold words are <strong>.
    await page.waitForFunction(([l, word]) => [...document.querySelectorAll(`#${l}-preview strong`)].some((s) => s.textContent === word),
      [lang, text.bold], { timeout: 10000 });
    assert.match(await page.inputValue(`#${lang}-body`), new RegExp(`\\*\\*${text.bold}\\*\\*`));
  }
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await screenshot(page, 'editor-preview', { show: '#vi-preview' });
  for (const lang of ['vi', 'en']) {
    const saved = await paneAction(page, lang, 'save', 'PUT', `/items/${FAQ_ID}/${lang}`);
    assert.equal(saved.status(), 200, `save ${lang}: ${await saved.text()}`);
    await pane(page, lang).locator('.badge.state-draft').waitFor();
  }
  await page.waitForSelector('#vi-preview strong');
  await screenshot(page, 'editor-faq', { top: true });
  for (const lang of ['vi', 'en']) {
    const submitted = await paneAction(page, lang, 'submit', 'POST', `/items/${FAQ_ID}/${lang}/submit`);
    assert.equal(submitted.status(), 200, `submit ${lang}: ${await submitted.text()}`);
    await pane(page, lang).locator('.badge.state-review').waitFor();
  }
  // An editor has no approve button.
  assert.equal(await page.locator('[data-action="approve"]').count(), 0);
  editor.watch.assertClean('in the editor');

  const publisher = await staffContext();
  const p = publisher.page;
  await login(p, 'publisher');
  await p.click('a[href="#/review"]');
  for (const lang of ['vi', 'en']) await p.locator(`.review-table tr[data-id="${FAQ_ID}"][data-lang="${lang}"]`).waitFor();
  await screenshot(p, 'review');
  for (const lang of ['vi', 'en']) {
    const row = p.locator(`.review-table tr[data-id="${FAQ_ID}"][data-lang="${lang}"]`);
    const [answer] = await Promise.all([
      p.waitForResponse((r) => r.url().includes(`/items/${FAQ_ID}/${lang}/approve`)),
      row.locator('[data-action="approve"]').click(),
    ]);
    assert.equal(answer.status(), 200, `approve ${lang}: ${await answer.text()}`);
    await p.locator(`.approved-table tr[data-id="${FAQ_ID}"][data-lang="${lang}"]`).waitFor();
  }
  const [published] = await Promise.all([
    p.waitForResponse((r) => r.url().endsWith('/api/v1/console/publish')),
    p.click('#publish'),
  ]);
  assert.equal(published.status(), 200, `publish: ${await published.text()}`);
  const { version } = await published.json();
  assert.ok(version > first.version, `published version ${version} after ${first.version}`);
  shared.publishedVersion = version;
  const result = p.locator('#publish-result');
  await result.filter({ hasText: String(version) }).waitFor();
  const after = await status(p);
  assert.ok(after.key_id, 'status has a key id');
  if (env.keyId) assert.ok(after.key_id.includes(env.keyId), `the console shows key ${after.key_id}, keygen made ${env.keyId}`);
  assert.ok((await result.textContent()).includes(after.key_id), 'the result names the key id');
  assert.equal((await p.textContent('#key-id')).trim(), after.key_id);
  assert.equal((await p.textContent('#current-version')).trim(), String(version));
  await screenshot(p, 'published');
  publisher.watch.assertClean('in review and publish');

  // The kiosk's side: one sync pulls the new version, its search finds the FAQ.
  const afterSync = await kioskCache();
  assert.equal(afterSync.sync.code, 0, `sync: ${afterSync.sync.stderr}`);
  const vi = await kioskSearch(afterSync.db, 'tau ngam mini', 'vi');
  assert.ok(vi.some((r) => r.id === FAQ_ID && r.lang === 'vi'), `vi search: ${JSON.stringify(vi).slice(0, 400)}`);
  const en = await kioskSearch(afterSync.db, 'mini submarine', 'en');
  assert.ok(en.some((r) => r.id === FAQ_ID && r.lang === 'en'), `en search: ${JSON.stringify(en).slice(0, 400)}`);
  await editor.context.close();
  await publisher.context.close();
});

async function kioskTitle(db, id, lang) {
  const shown = await kioskctl('show', id, '--db', db, '--lang', lang, '--json');
  assert.equal(shown.code, 0, `kioskctl show: ${shown.stderr}`);
  return JSON.parse(shown.stdout).title;
}

// Approves every row of `rows` ([id, lang, deletion?]) in the review queue,
// then publishes. An approved deletion has no row left to list.
async function approveAndPublish(p, rows) {
  await open(p, '#/review');
  for (const [id, lang, deletion] of rows) {
    const row = p.locator(`.review-table tr[data-id="${id}"][data-lang="${lang}"]`);
    await row.waitFor();
    const [answer] = await Promise.all([
      p.waitForResponse((r) => r.url().includes(`/items/${id}/${lang}/approve`)),
      row.locator('[data-action="approve"]').click(),
    ]);
    assert.equal(answer.status(), 200, `approve ${id} ${lang}: ${await answer.text()}`);
    if (deletion) await row.waitFor({ state: 'detached' });
    else await p.locator(`.approved-table tr[data-id="${id}"][data-lang="${lang}"]`).waitFor();
  }
  const [published] = await Promise.all([
    p.waitForResponse((r) => r.url().endsWith('/api/v1/console/publish')),
    p.click('#publish'),
  ]);
  assert.equal(published.status(), 200, `publish: ${await published.text()}`);
  const { version } = await published.json();
  await p.locator('#publish-result').filter({ hasText: String(version) }).waitFor();
  return version;
}

test('history: a changed title, its diff, restore this text, roll back a version', async () => {
  assert.ok(shared.publishedVersion, 'needs the version scenario (a) published');
  const first = shared.publishedVersion;
  const editor = await staffContext();
  await login(editor.page, 'editor');
  await open(editor.page, `#/item/${FAQ_ID}`);
  await editor.page.waitForSelector('#vi-title');
  const changedTitle = `${FAQ_VI.title} (bản sửa)`;
  await editor.page.fill('#vi-title', changedTitle);
  assert.equal((await paneAction(editor.page, 'vi', 'save', 'PUT', `/items/${FAQ_ID}/vi`)).status(), 200);
  assert.equal((await paneAction(editor.page, 'vi', 'submit', 'POST', `/items/${FAQ_ID}/vi/submit`)).status(), 200);

  const { context, page, watch } = await staffContext();
  await login(page, 'publisher');
  const second = await approveAndPublish(page, [[FAQ_ID, 'vi']]);
  assert.ok(second > first);
  let kiosk = await kioskCache();
  assert.equal(kiosk.sync.code, 0, `sync: ${kiosk.sync.stderr}`);
  assert.equal(await kioskTitle(kiosk.db, FAQ_ID, 'vi'), changedTitle);

  await page.click('a[href="#/history"]');
  const card = page.locator(`section.version[data-version="${second}"]`);
  await card.waitFor();
  assert.match(await card.textContent(), /publisher/);
  await page.locator(`section.version[data-version="${first}"]`).waitFor();
  await screenshot(page, 'history');
  await card.locator(`a[href="#/history/${second}/${FAQ_ID}/vi"]`).click();
  await page.locator('.diff-add').first().waitFor();
  assert.ok((await page.locator('.diff-del').allTextContents()).some((line) => line.includes(FAQ_VI.title)), 'the old title is a removed line');
  assert.ok((await page.locator('.diff-add').allTextContents()).some((line) => line.includes(changedTitle)), 'the new title is an added line');
  await screenshot(page, 'diff');

  // "Restore this text": the first version's text as a new draft.
  await open(page, `#/history/${first}/${FAQ_ID}/vi`);
  const [restored] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/items/${FAQ_ID}/vi/restore`)),
    page.click('[data-action="restore"]'),
  ]);
  assert.equal(restored.status(), 200, `restore: ${await restored.text()}`);
  await page.locator('.message-ok').waitFor();
  const draft = JSON.parse((await pageFetch(page, 'GET', `items/${FAQ_ID}/vi`)).text);
  assert.equal(draft.state, 'draft');
  assert.equal(draft.title, FAQ_VI.title, 'the draft holds the restored text');

  // Roll back to the first version: published again as a new, higher version.
  await open(page, '#/history');
  const older = page.locator(`section.version[data-version="${first}"]`);
  await older.waitFor();
  const rollback = older.locator('[data-action="rollback"]');
  await rollback.click();
  const [rolled] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/versions/${first}/rollback`)),
    rollback.click(),
  ]);
  assert.equal(rolled.status(), 200, `rollback: ${await rolled.text()}`);
  const { version } = await rolled.json();
  assert.ok(version > second, `rollback made version ${version}`);
  await page.locator(`section.version[data-version="${version}"] .badge.rollback`).waitFor();
  assert.equal((await page.textContent('#current-version')).trim(), String(version));

  // The kiosk moves forward to the old content.
  kiosk = await kioskCache();
  assert.equal(kiosk.sync.code, 0, `sync after rollback: ${kiosk.sync.stderr}`);
  assert.equal(await kioskTitle(kiosk.db, FAQ_ID, 'vi'), FAQ_VI.title, 'the kiosk shows the rolled-back title');
  shared.publishedVersion = version;
  editor.watch.assertClean('editing for history');
  watch.assertClean('in history');
  await editor.context.close();
  await context.close();
});

test('(b) two editors save the same item: the second gets the conflict and keeps the text', async () => {
  const a = await staffContext();
  const b = await staffContext();
  await login(a.page, 'editor');
  await login(b.page, 'editor2');
  for (const { page } of [a, b]) {
    await open(page, `#/item/${EDITED_FAQ}`);
    await page.waitForSelector('#vi-body');
  }
  const titleA = `${await a.page.inputValue('#vi-title')} (A)`;
  await a.page.fill('#vi-title', titleA);
  const savedA = await paneAction(a.page, 'vi', 'save', 'PUT', `/items/${EDITED_FAQ}/vi`);
  assert.equal(savedA.status(), 200);

  const textB = `${await b.page.inputValue('#vi-body')}\n\nĐoạn do biên tập viên B viết thêm.`;
  await b.page.fill('#vi-body', textB);
  const savedB = await paneAction(b.page, 'vi', 'save', 'PUT', `/items/${EDITED_FAQ}/vi`);
  assert.equal(savedB.status(), 409);
  const message = pane(b.page, 'vi').locator('.pane-message.conflict');
  await message.waitFor();
  assert.match(await message.textContent(), /Người khác đã lưu mục này sau khi bạn mở nó/);
  assert.equal(await b.page.inputValue('#vi-body'), textB, 'the second editor\'s text is still in the form');
  assert.ok(!(await b.page.inputValue('#vi-title')).endsWith('(A)'), 'the form was not reloaded behind the editor\'s back');
  await screenshot(b.page, 'conflict');

  // Nothing was overwritten: the stored draft is A's.
  const stored = JSON.parse((await pageFetch(a.page, 'GET', `items/${EDITED_FAQ}/vi`)).text);
  assert.equal(stored.title, titleA);
  assert.ok(!stored.body.includes('biên tập viên B'));

  // B may still choose to save over it, knowingly: two presses.
  const overwrite = pane(b.page, 'vi').locator('[data-action="overwrite"]');
  await overwrite.click();
  const [again] = await Promise.all([
    b.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/items/${EDITED_FAQ}/vi`)),
    overwrite.click(),
  ]);
  assert.equal(again.status(), 200);
  await pane(b.page, 'vi').locator('.message-ok').waitFor();
  a.watch.assertClean('for editor A');
  b.watch.assertClean('for editor B');
  await a.context.close();
  await b.context.close();
});

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const JS_LINK = 'javascript:alert(1)';
const PAYLOAD = `${SCRIPT} ${IMG} ${JS_LINK}`;
const BODY_PAYLOAD = [
  `# ${SCRIPT}`,
  '',
  IMG,
  '',
  `[bấm vào đây](${JS_LINK}) và <a href="${JS_LINK}">đây</a>`,
  '',
  `**đậm** <b onmouseover=alert(1)>x</b> <svg onload=alert(1)></svg>`,
  '',
  `- ${PAYLOAD}`,
  '',
].join('\n');

// No element a payload could have made, inside `selector`.
async function assertInert(page, selector) {
  const found = await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return ['no such element'];
    const bad = [];
    for (const el of root.querySelectorAll('script, img, svg, iframe, object, embed')) bad.push(el.outerHTML.slice(0, 80));
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
        if (/^\s*javascript:/i.test(attr.value)) bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
    return bad;
  }, selector);
  assert.deepEqual(found, [], `active content in ${selector}`);
}

test('(c) script payloads in every field are shown as text in the form, the preview and the list', async () => {
  const { context, page, watch } = await staffContext();
  await login(page, 'editor');

  // A FAQ: the id refuses the payload before anything is sent.
  await open(page, '#/new/faq');
  await page.waitForSelector('#item-id');
  await page.fill('#item-id', SCRIPT);
  await pane(page, 'vi').locator('[data-action="save"]').click();
  await page.locator('#item-id-error').waitFor();
  await page.fill('#item-id', 'faq-xss-probe');
  await page.fill('#vi-title', `Câu hỏi ${PAYLOAD}`);
  await page.selectOption('#vi-category', CATEGORY);
  await page.fill('#vi-tags', `${SCRIPT}\n${IMG}\n${JS_LINK}`);
  await page.fill('#vi-body', BODY_PAYLOAD);
  const faqSave = await paneAction(page, 'vi', 'save', 'PUT', '/items/faq-xss-probe/vi');
  assert.equal(faqSave.status(), 200, `save: ${await faqSave.text()}`);
  await page.reload();
  await page.waitForSelector('#vi-title');
  assert.equal(await page.inputValue('#vi-title'), `Câu hỏi ${PAYLOAD}`);
  assert.equal(await page.inputValue('#vi-tags'), `${SCRIPT}\n${IMG}\n${JS_LINK}`);
  assert.equal((await page.inputValue('#vi-body')).trim(), BODY_PAYLOAD.trim());
  await page.waitForFunction(() => document.querySelector('#vi-preview strong'));
  const previewText = await page.textContent('#vi-preview');
  assert.ok(previewText.includes(SCRIPT), 'raw HTML shows as text in the preview');
  assert.ok(previewText.includes('<img src=x onerror=alert(1)>'), 'the img tag shows as text');
  await assertInert(page, '#vi-preview');
  await assertInert(page, 'main');
  assert.ok((await pane(page, 'vi').locator('.preview-warnings').textContent()).length > 0, 'the preview warns about raw HTML');
  assert.match(await page.textContent('h1'), /<script>alert\(1\)<\/script>/);

  // A document: every text field, and a javascript: source address refused next to its field.
  await open(page, '#/new/document');
  await page.waitForSelector('#item-id');
  await page.fill('#item-id', 'doc-xss-probe');
  await page.fill('#vi-title', `Văn bản ${PAYLOAD}`);
  await page.selectOption('#vi-category', CATEGORY);
  await page.fill('#vi-number', `01/2026/${SCRIPT}`);
  await page.fill('#vi-issuer', `Cơ quan ${IMG}`);
  await page.fill('#vi-issued', '15/01/2026');
  await page.fill('#vi-summary', `Tóm tắt ${PAYLOAD}`);
  await page.fill('#vi-source_url', JS_LINK);
  await page.fill('#vi-tags', `${SCRIPT}\n${IMG}`);
  await page.fill('#vi-body', BODY_PAYLOAD);
  const refused = await paneAction(page, 'vi', 'save', 'PUT', '/items/doc-xss-probe/vi');
  assert.equal(refused.status(), 422, `javascript: source_url: ${await refused.text()}`);
  const urlError = page.locator('#vi-source_url-error');
  await urlError.waitFor();
  assert.ok((await urlError.textContent()).length > 0);
  assert.equal(await page.getAttribute('#vi-source_url', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#vi-body'), BODY_PAYLOAD, 'a refused save keeps the text');
  await assertInert(page, 'main');
  await screenshot(page, 'editor-errors');
  await page.fill('#vi-source_url', `https://example.com/?q=${encodeURIComponent(SCRIPT)}`);
  const docSave = await paneAction(page, 'vi', 'save', 'PUT', '/items/doc-xss-probe/vi');
  assert.equal(docSave.status(), 200, `document save: ${await docSave.text()}`);
  await page.reload();
  await page.waitForSelector('#vi-number');
  assert.equal(await page.inputValue('#vi-number'), `01/2026/${SCRIPT}`);
  assert.equal(await page.inputValue('#vi-issuer'), `Cơ quan ${IMG}`);
  assert.equal(await page.inputValue('#vi-summary'), `Tóm tắt ${PAYLOAD}`);
  assert.equal(await page.inputValue('#vi-issued'), '15/01/2026', 'dates show as dd/mm/yyyy');
  assert.equal(JSON.parse((await pageFetch(page, 'GET', 'items/doc-xss-probe/vi')).text).issued, '2026-01-15', 'and are stored as YYYY-MM-DD');
  await page.waitForFunction(() => document.querySelector('#vi-preview strong'));
  await assertInert(page, 'main');
  await screenshot(page, 'editor-document', { top: true });

  // The list shows both titles as text.
  await open(page, '#/items?q=xss+probe');
  await page.waitForSelector('.items-table tr[data-id="doc-xss-probe"]');
  const listText = await page.textContent('.items-table');
  assert.ok(listText.includes(`Câu hỏi ${PAYLOAD}`) || listText.includes(`Văn bản ${PAYLOAD}`), `list: ${listText.slice(0, 300)}`);
  await assertInert(page, 'main');
  await page.waitForTimeout(300);
  assert.deepEqual(await cspViolations(page), [], 'no Content-Security-Policy violation');
  watch.assertClean('with script payloads');
  await context.close();
});

test('(d) a request without the CSRF token is refused with 403', async () => {
  const { context, page, watch } = await staffContext();
  await login(page, 'editor');
  const item = JSON.parse((await pageFetch(page, 'GET', `items/${EDITED_FAQ}/en`)).text);
  const change = { ...item, title: `${item.title} (no token)` };
  for (const csrf of ['', 'not-the-token']) {
    assert.equal((await pageFetch(page, 'PUT', `items/${EDITED_FAQ}/en`, change, { csrf })).status, 403, `PUT with token "${csrf}"`);
    assert.equal((await pageFetch(page, 'POST', 'preview', { body: 'x' }, { csrf })).status, 403, `POST preview with token "${csrf}"`);
    assert.equal((await pageFetch(page, 'POST', `items/${EDITED_FAQ}/en/submit`, {}, { csrf })).status, 403, `submit with token "${csrf}"`);
    assert.equal((await pageFetch(page, 'DELETE', 'session', undefined, { csrf })).status, 403, `log-out with token "${csrf}"`);
  }
  const after = JSON.parse((await pageFetch(page, 'GET', `items/${EDITED_FAQ}/en`)).text);
  assert.equal(after.title, item.title, 'nothing changed');
  assert.equal(after.revision, item.revision);
  // The session survived the refused log-out; with the token a PUT works.
  assert.equal((await pageFetch(page, 'PUT', `items/${EDITED_FAQ}/en`, item)).status, 200);
  watch.assertClean('in the CSRF check');
  await context.close();
});

test('(f) a viewer sees no edit controls and a PUT from the page gets 403', async () => {
  const { context, page, watch } = await staffContext();
  await login(page, 'viewer');
  assert.equal(await page.locator('a[href^="#/new/"]').count(), 0, 'no "new item" for a viewer');
  assert.equal(await page.locator('a[href="#/review"]').count(), 0, 'no review page for a viewer');
  await open(page, `#/item/${EDITED_FAQ}`);
  await page.waitForSelector('#vi-title');
  await page.waitForSelector('#vi-preview :is(p, h2, table)');
  for (const action of ['save', 'submit', 'approve', 'delete', 'discard', 'send-back']) {
    assert.equal(await page.locator(`[data-action="${action}"]`).count(), 0, `no ${action} button for a viewer`);
  }
  assert.equal(await page.locator('.md-toolbar').count(), 0, 'no Markdown toolbar for a viewer');
  assert.ok(await page.locator('#vi-title').evaluate((el) => el.readOnly));
  assert.ok(await page.locator('#vi-body').evaluate((el) => el.readOnly));
  assert.ok(await page.locator('#vi-category').evaluate((el) => el.disabled));
  await screenshot(page, 'viewer', { top: true });
  const item = JSON.parse((await pageFetch(page, 'GET', `items/${EDITED_FAQ}/vi`)).text);
  const put = await pageFetch(page, 'PUT', `items/${EDITED_FAQ}/vi`, { ...item, title: 'viewer was here' });
  assert.equal(put.status, 403, `viewer PUT: ${put.status} ${put.text}`);
  assert.equal((await pageFetch(page, 'POST', `items/${EDITED_FAQ}/vi/submit`, {})).status, 403);
  assert.equal((await pageFetch(page, 'POST', 'publish', {})).status, 403);
  watch.assertClean('as a viewer');
  await context.close();
});

test('the interface language switch is remembered and keeps unsaved text', async () => {
  const { context, page, watch } = await staffContext();
  await login(page, 'editor');
  await open(page, `#/item/${EDITED_FAQ}`);
  await page.waitForSelector('#vi-body');
  assert.equal((await page.textContent('label[for="vi-title"]')).trim().startsWith('Câu hỏi'), true);
  await page.fill('#en-tags', 'unsaved tag');
  await page.click('button.lang-switch');
  await page.locator('label[for="vi-title"]', { hasText: 'Question' }).waitFor();
  assert.equal(await page.inputValue('#en-tags'), 'unsaved tag', 'switching language keeps typed text');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.locator('label[for="vi-title"]', { hasText: 'Question' }).waitFor();
  await screenshot(page, 'editor-en', { top: true });
  await page.click('button.lang-switch');
  await page.locator('label[for="vi-title"]', { hasText: 'Câu hỏi' }).waitFor();
  watch.assertClean('switching languages');
  await context.close();
});

test('on a tablet the editor stacks the two languages', async () => {
  const { context, page, watch } = await staffContext(TABLET);
  await login(page, 'editor');
  await open(page, `#/item/${EDITED_FAQ}`);
  await page.waitForSelector('#en-body');
  await page.waitForSelector('#vi-preview :is(p, h2, table)');
  const [vi, en] = await Promise.all(['vi', 'en'].map((l) => pane(page, l).boundingBox()));
  assert.ok(en.y > vi.y + vi.height - 1, 'en below vi');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a tablet`);
  await screenshot(page, 'editor-tablet', { top: true });
  watch.assertClean('on a tablet');
  await context.close();
});

test('users: an admin adds a user, resets a password and disables an account', async () => {
  const { context, page, watch } = await staffContext();
  await login(page, 'admin');
  await page.click('a[href="#/users"]');
  await page.waitForSelector('.users-table');
  await page.fill('#new-user-name', 'clerk');
  await page.selectOption('#new-user-role', 'editor');
  await page.fill('#new-user-password', 'a-long-password-1');
  const [added] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/console/users') && r.request().method() === 'POST'),
    page.click('form.add-user button[type=submit]'),
  ]);
  assert.equal(added.status(), 201, `add user: ${await added.text()}`);
  const row = page.locator('.users-table tr[data-name="clerk"]');
  await row.waitFor();
  await row.locator('[data-action="password"]').click();
  await page.fill('#password-clerk', 'another-long-password-2');
  const [reset] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/users/clerk/password')),
    page.press('#password-clerk', 'Enter'),
  ]);
  assert.equal(reset.status(), 204);
  const disable = page.locator('.users-table tr[data-name="clerk"] [data-action="disable"]');
  await disable.click();
  const [disabled] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/users/clerk/disable')),
    disable.click(),
  ]);
  assert.equal(disabled.status(), 204);
  await page.locator('.users-table tr[data-name="clerk"].user-disabled').waitFor();
  await screenshot(page, 'users');
  watch.assertClean('on the users page');
  await context.close();
});

test('send back with a comment, discard, and a reviewed deletion', async () => {
  const ITEM = 'faq-aeo-mra';
  const editor = await staffContext();
  const e = editor.page;
  await login(e, 'editor');
  await open(e, `#/item/${ITEM}`);
  await e.waitForSelector('#vi-title');
  const original = await e.inputValue('#vi-title');
  await e.fill('#vi-title', `${original} (nháp)`);
  assert.equal((await paneAction(e, 'vi', 'save', 'PUT', `/items/${ITEM}/vi`)).status(), 200);
  assert.equal((await paneAction(e, 'vi', 'submit', 'POST', `/items/${ITEM}/vi/submit`)).status(), 200);

  // The publisher reads it and sends it back with a comment.
  const publisher = await staffContext();
  const p = publisher.page;
  await login(p, 'publisher');
  await open(p, `#/item/${ITEM}`);
  await pane(p, 'vi').locator('.badge.state-review').waitFor();
  await pane(p, 'vi').locator('[data-action="send-back"]').click();
  await p.fill('#vi-send-back-comment', 'Câu hỏi chưa rõ, <b>sửa lại</b>.');
  const [rejected] = await Promise.all([
    p.waitForResponse((r) => r.url().endsWith(`/items/${ITEM}/vi/reject`)),
    pane(p, 'vi').locator('[data-action="send-back-confirm"]').click(),
  ]);
  assert.equal(rejected.status(), 200, `send back: ${await rejected.text()}`);
  await pane(p, 'vi').locator('.badge.state-draft').waitFor();

  // The editor sees the comment (as text) and drops the draft.
  await e.reload();
  await pane(e, 'vi').locator('.banner-comment', { hasText: 'Câu hỏi chưa rõ, <b>sửa lại</b>.' }).waitFor();
  const discard = pane(e, 'vi').locator('[data-action="discard"]');
  await discard.click();
  const [discarded] = await Promise.all([
    e.waitForResponse((r) => r.url().endsWith(`/items/${ITEM}/vi/discard`)),
    discard.click(),
  ]);
  assert.equal(discarded.status(), 204);
  await pane(e, 'vi').locator('.badge.state-published').waitFor();
  assert.equal(await e.inputValue('#vi-title'), original);

  // A deletion is a change like any other: made, submitted, approved, published.
  const remove = pane(e, 'en').locator('[data-action="delete"]');
  await remove.click();
  const [deleted] = await Promise.all([
    e.waitForResponse((r) => r.url().endsWith(`/items/${ITEM}/en/delete`)),
    remove.click(),
  ]);
  assert.equal(deleted.status(), 200, `delete: ${await deleted.text()}`);
  await pane(e, 'en').locator('.banner-delete').waitFor();
  assert.equal((await paneAction(e, 'en', 'submit', 'POST', `/items/${ITEM}/en/submit`)).status(), 200);
  const version = await approveAndPublish(p, [[ITEM, 'en', true]]);
  assert.equal((await pageFetch(p, 'GET', `items/${ITEM}/en`)).status, 404, 'the deleted language is gone');
  assert.equal((await pageFetch(p, 'GET', `items/${ITEM}/vi`)).status, 200, 'the other language stays');
  await open(p, '#/history');
  await p.locator(`section.version[data-version="${version}"] .badge.change-deleted`).waitFor();
  editor.watch.assertClean('as the editor');
  publisher.watch.assertClean('as the publisher');
  await editor.context.close();
  await publisher.context.close();
});

test('a user changes their own password and logs in again with it', async () => {
  const { context, page, watch } = await staffContext();
  await login(page, 'editor2');
  await page.click('#current-user a');
  await page.fill('#current-password', env.password);
  await page.fill('#new-password', 'a-new-password-for-editor2');
  await page.fill('#repeat-password', 'a-new-password-for-editor2');
  const [changed] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/console/password')),
    page.click('form.narrow-form button[type=submit]'),
  ]);
  assert.equal(changed.status(), 204, `password: ${await changed.text()}`);
  await page.waitForSelector('#login-user');
  assert.match(await page.textContent('.login-form .message'), /Đã đổi mật khẩu/);
  await login(page, 'editor2', 'a-new-password-for-editor2');
  watch.assertClean('changing a password');
  await context.close();
});

test('(e) twenty wrong passwords: 401s, then 429 with Retry-After; the right one refused while throttled; the audit log shows it', async () => {
  const { context, page, watch } = await staffContext();
  await open(page, '#/login');
  await page.waitForSelector('#login-user');
  const statuses = [];
  let retryAfter = null;
  await page.fill('#login-user', 'editor');
  const attempt = async (password) => {
    await page.fill('#login-password', password);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/console/session') && r.request().method() === 'POST'),
      page.click('form.login-form button[type=submit]'),
    ]);
    return answer;
  };
  for (let i = 1; i <= 20; i += 1) {
    // Before the last one, wait out the delay so that it is checked (401)
    // and starts a new one: the right password then comes inside it.
    if (i === 20 && retryAfter) await page.waitForTimeout(Number(retryAfter) * 1000 + 100);
    const answer = await attempt(`wrong-password-${i}`);
    statuses.push(answer.status());
    if (answer.status() === 429) retryAfter = (await answer.allHeaders())['retry-after'];
  }
  assert.equal(statuses[0], 401, `statuses: ${statuses}`);
  assert.ok(statuses.every((s) => s === 401 || s === 429), `statuses: ${statuses}`);
  assert.ok(statuses.includes(429), `never throttled: ${statuses}`);
  assert.match(String(retryAfter), /^[1-9][0-9]*$/, 'Retry-After in seconds');

  assert.equal(statuses[19], 401, `the last wrong password, after the wait, is checked: ${statuses}`);
  // The right password, at once: refused, and not even checked.
  const right = await attempt(env.password);
  assert.equal(right.status(), 429, `the right password while throttled (after ${statuses})`);
  assert.equal(await page.locator('#current-user').count(), 0);
  assert.match(await page.textContent('.login-form .message'), /Hãy thử lại sau \d+ giây/);
  await screenshot(page, 'login-throttled');

  // An admin (the same address, so after the wait) reads the failures.
  const admin = await staffContext();
  const a = admin.page;
  let loggedIn = false;
  for (let attempt = 0; attempt < 30 && !loggedIn; attempt += 1) {
    await open(a, '#/login');
    await a.fill('#login-user', 'admin');
    await a.fill('#login-password', env.password);
    const [answer] = await Promise.all([
      a.waitForResponse((r) => r.url().endsWith('/api/v1/console/session') && r.request().method() === 'POST'),
      a.click('form.login-form button[type=submit]'),
    ]);
    if (answer.status() === 200) loggedIn = true;
    else {
      assert.equal(answer.status(), 429, 'admin log-in');
      const wait = Number((await answer.allHeaders())['retry-after']) || 1;
      assert.ok(wait <= 900, `Retry-After ${wait}`);
      await a.waitForTimeout(wait * 1000 + 200);
    }
  }
  assert.ok(loggedIn, 'the admin could log in after the wait');
  await a.waitForSelector('#current-user');
  await a.click('a[href="#/audit"]');
  await a.waitForSelector('.audit-table tbody tr');
  const failures = await a.locator('.audit-table tr[data-action="login-failed"]').count();
  const wrong = statuses.filter((s) => s === 401).length;
  assert.ok(failures >= wrong, `audit shows ${failures} failed log-ins, ${wrong} were 401`);
  const failedFor = await a.locator('.audit-table tr[data-action="login-failed"]').allTextContents();
  assert.ok(failedFor.filter((text) => text.includes('editor')).length >= wrong, 'the failures name the account');
  await screenshot(a, 'audit');
  watch.assertClean('on the throttled log-in page');
  admin.watch.assertClean('in the audit log');
  await context.close();
  await admin.context.close();
});

process.on('exit', () => {
  if (env.screens && fs.existsSync(env.screens)) {
    const shots = fs.readdirSync(env.screens).filter((f) => f.startsWith('console-'));
    console.log(`screenshots: ${shots.length} in ${env.screens}`);
  }
});
