// Screenshots of every console page for a running kiosk-server, as one staff
// member sees them: node screenshots.mjs URL USER PASSWORD OUT_DIR.
// Used by scripts/demo.sh; the browser scenarios make docs/screens.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [url, user, password, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node screenshots.mjs URL USER PASSWORD OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const args = ['--disable-dev-shm-usage', '--lang=vi-VN'];
if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
const shot = async (name) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log(`${out}/${name}.png`);
};
await page.goto(`${url}/console/#/login`);
await shot('login');
await page.fill('#login-user', user);
await page.fill('#login-password', password);
await page.click('form.login-form button[type=submit]');
await page.waitForSelector('#current-user');
for (const [name, hash] of [['items', '#/items'], ['editor', '#/item/faq-hang-cam-trong-hanh-ly'],
  ['review', '#/review'], ['history', '#/history'], ['audit', '#/audit'], ['users', '#/users']]) {
  await page.goto(`${url}/console/${hash}`);
  await shot(name);
}
await browser.close();
