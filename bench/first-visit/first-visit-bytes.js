// Bytes a phone downloads on a first visit: the login page with an empty browser, then signing in and the home page
// (with what the service worker fetches to fill its cache), then the home page again (a repeat visit), then the home
// page signed in but with an empty browser.
// Run against an app on loopback:
//   NODE_PATH=/tmp/shot/node_modules node bench/first-visit/first-visit-bytes.js [base] [user]
// Counts each response that came over the network (not those the service worker answered from its cache):
// headers plus body as transferred (compressed), from Playwright's request.sizes(); the service worker's own
// fetches are counted too (Playwright reports them in Chromium).
const { chromium } = require('playwright-core');

const base = process.argv[2] || 'http://127.0.0.1:5095';
const user = process.argv[3] || 'ouchar.vbsw1';
const password = 'hive-demo-2026';

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'Asia/Phnom_Penh' });
  let rows = [];
  const watch = ctx => ctx.on('requestfinished', async request => {
    const row = { url: request.url().replace(base, ''), sw: !!request.serviceWorker(), pending: true };
    rows.push(row);
    try {
      const response = await request.response();
      row.fromSw = response ? response.fromServiceWorker() : false;
      const sizes = await request.sizes();
      row.body = sizes.responseBodySize;
      row.headers = sizes.responseHeadersSize;
      row.encoding = response ? (await response.headerValue('content-encoding')) || '' : '';
      row.cache = response ? (await response.headerValue('cache-control')) || '' : '';
    } catch { row.body = 0; row.headers = 0; }
    row.pending = false;
  });
  watch(context);
  async function settle() {
    await new Promise(r => setTimeout(r, 2500));
    for (let i = 0; i < 50 && rows.some(r => r.pending); i++) await new Promise(r => setTimeout(r, 100));
  }
  function report(name) {
    const net = rows.filter(r => !r.fromSw);
    const bytes = net.reduce((s, r) => s + (r.body || 0) + (r.headers || 0), 0);
    console.log(`\n## ${name}: ${(bytes / 1024).toFixed(1)} KB in ${net.length} requests (${net.filter(r => r.sw).length} by the service worker)`);
    for (const r of net) console.log(`  ${((((r.body || 0) + (r.headers || 0)) / 1024).toFixed(1)).padStart(6)} KB ${r.sw ? 'sw ' : '   '}${(r.encoding || '-').padEnd(4)} ${r.url}  [${r.cache}]`);
    const result = { name, kb: +(bytes / 1024).toFixed(1), requests: net.length, bySw: net.filter(r => r.sw).length };
    rows = [];
    return result;
  }

  const page = await context.newPage();
  await page.goto(base + '/Account/Login', { waitUntil: 'load' });
  await settle();
  const login = report('Login, first visit (empty browser)');

  await page.fill('input[autocomplete=username]', user);
  await page.fill('input[autocomplete=current-password]', password);
  await page.click('main form button[type=submit]');
  await page.waitForURL(u => !u.toString().includes('/Account/Login'));
  await page.waitForLoadState('load');
  await page.evaluate(() => navigator.serviceWorker && Promise.race([navigator.serviceWorker.ready, new Promise(r => setTimeout(r, 5000))]));
  await settle();
  const home = report('Sign-in and home page, first visit (service worker install included)');

  await page.goto(base + '/', { waitUntil: 'load' });
  await settle();
  const repeat = report('Home page, repeat visit');

  // The home page in a browser with the sign-in cookie but nothing cached (no files, no service worker).
  const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'Asia/Phnom_Penh',
    storageState: { cookies: await context.cookies(), origins: [] } });
  watch(fresh);
  const page2 = await fresh.newPage();
  await page2.goto(base + '/', { waitUntil: 'load' });
  await page2.evaluate(() => navigator.serviceWorker && Promise.race([navigator.serviceWorker.ready, new Promise(r => setTimeout(r, 5000))]));
  await settle();
  const homeFresh = report('Home page signed in, empty browser (service worker install included)');

  console.log('\n' + JSON.stringify([login, home, repeat, homeFresh]));
  await browser.close();
})();
