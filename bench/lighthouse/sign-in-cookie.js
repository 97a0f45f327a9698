// Prints the Cookie header of a signed-in demo user, for Lighthouse to open signed-in pages (bench/lighthouse/run.sh).
// usage: NODE_PATH=<dir with playwright-core>/node_modules node sign-in-cookie.js http://127.0.0.1:PORT ouchar.vbsw1
const { chromium } = require('playwright-core');
(async () => {
  const [base, user] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base + '/Account/Login');
  await page.fill('input[autocomplete=username]', user);
  await page.fill('input[autocomplete=current-password]', 'hive-demo-2026');
  await page.click('main form button[type=submit]');
  await page.waitForLoadState('load');
  const cookies = await ctx.cookies();
  console.log(cookies.map(c => c.name + '=' + c.value).join('; '));
  await browser.close();
})();
