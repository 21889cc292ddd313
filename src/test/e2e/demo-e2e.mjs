// End-to-end test of the sourcegate demo page, as a person would use it, in headless Chromium
// (Debian's /usr/bin/chromium driven by playwright-core).
//
//   node src/test/e2e/demo-e2e.mjs http://localhost:8080/
//
// It asks before connecting (the page must point at step 1), connects through the simulated GitHub's
// authorize page, asks for a Go file, an unknown repository (a human error and no commit card), the Go file
// again (the card is back, the error gone), a missing file and a Java function, checks the dark theme, and
// saves screenshots to target/e2e/ (demo.png, demo-not-connected.png, demo-error.png, demo-dark.png, demo-dark-error.png).
// DemoPageE2ETest runs it against an in-process gateway.
// Exit code 0 when every check passed.

import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT = resolve(HERE, '..', '..', '..');
const OUT = join(PROJECT, 'target', 'e2e');
const SAMPLES = join(PROJECT, 'src', 'main', 'resources', 'demo', 'sample');
const BASE = new URL(process.argv[2] || 'http://localhost:8080/');
const TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const log = (msg) => console.log('[e2e] ' + msg);

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new CheckFailed(message);
  }
}

/** The line of a sample file that contains needle: its 1-based number and its exact text. */
function sampleLine(file, needle) {
  const lines = readFileSync(join(SAMPLES, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  check(i >= 0, `sample ${file} has no line containing ${JSON.stringify(needle)}`);
  return { number: i + 1, text: lines[i] };
}

/** Waits until the element's text satisfies the predicate; fails with what it last saw. */
async function waitText(locator, predicate, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  let last = null;
  while (Date.now() < deadline) {
    if ((await locator.count()) > 0 && (await locator.first().isVisible())) {
      last = (await locator.first().textContent()) ?? '';
      if (predicate(last)) {
        return last;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CheckFailed(`${what}: last seen ${JSON.stringify(last)}`);
}

/** Clicks "Show source" and waits for the answer to be rendered. */
async function showSource(page) {
  const before = await page.locator('[data-testid="result"]').getAttribute('data-done');
  await page.getByRole('button', { name: 'Show source' }).click();
  await page.waitForFunction(
    (prev) => {
      const r = document.querySelector('[data-testid="result"]');
      return r && r.dataset.done && r.dataset.done !== prev;
    },
    before,
    { timeout: TIMEOUT_MS },
  );
}

/** The page's error box `testid`: its headline, and the gateway's words underneath. */
async function expectError(page, testid, code, headline) {
  const box = page.getByTestId(testid);
  await box.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const title = (await box.locator('.error-title').textContent()).trim();
  check(title === headline, `${testid} headline ${JSON.stringify(title)}, expected ${JSON.stringify(headline)}`);
  check((await box.getAttribute('data-code')) === code, `${testid} code ${await box.getAttribute('data-code')}, expected ${code}`);
  const detail = (await box.locator('.error-detail').allTextContents()).join(' | ');
  check(detail.includes(code + ': '), `${testid} detail does not keep the gateway's answer: ${detail}`);
  return title + ' / ' + detail;
}

/** What the browser really draws: the element's computed style property. */
async function computed(page, selector, property) {
  return page.locator(selector).first().evaluate((el, prop) => getComputedStyle(el)[prop], property);
}

/** Neither the commit card nor the source view is on screen, whatever its class says (hidden must win). */
async function expectNoAnswerShown(page, when) {
  check(!(await page.getByTestId('commit-card').isVisible()), `${when}: a commit card is shown next to the error`);
  check((await computed(page, '[data-testid="commit-card"]', 'display')) === 'none', `${when}: the hidden commit card is still laid out`);
  check(!(await page.getByTestId('source-view').isVisible()), `${when}: a file is shown next to the error`);
}

/** The source view shows `line` at its line number, and the number in the gutter is that number. */
async function expectLine(page, line, highlighted) {
  const row = page.locator(`[data-testid="source-code"] tr[data-line="${line.number}"]`);
  await row.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const number = (await row.locator('td.ln').textContent()).trim();
  const text = await row.locator('td.src').textContent();
  check(number === String(line.number), `gutter shows ${number}, expected ${line.number}`);
  check(text === line.text, `line ${line.number} shows ${JSON.stringify(text)}, expected ${JSON.stringify(line.text)}`);
  if (highlighted) {
    check((await row.getAttribute('data-highlighted')) === 'true', `line ${line.number} is not highlighted`);
    check(await row.isVisible(), `line ${line.number} is not scrolled into view`);
  }
  log(`line ${line.number} shown: ${line.text.trim()}`);
}

async function run(context, page) {
  const offsite = [];
  const problems = [];
  context.on('request', (req) => {
    const u = new URL(req.url());
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !LOOPBACK.has(u.hostname)) {
      offsite.push(req.url());
    }
  });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => {
    // an RPC that answers an error status (the not_found step below) is logged by Chromium as a failed
    // resource; the page shows it as "code: message", which is what is checked
    const apiStatus = m.text().startsWith('Failed to load resource') && (m.location().url || '').includes('/vcs.v1.VCSService/');
    if (m.type() === 'error' && !apiStatus) {
      problems.push('console error: ' + m.text() + ' at ' + (m.location().url || '?'));
    }
  });

  // ---- the page
  log('open ' + BASE.href);
  await page.goto(BASE.href);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: TIMEOUT_MS });
  check((await page.title()) === 'sourcegate demo', 'title: ' + (await page.title()));
  await waitText(page.getByTestId('connection-status'), (t) => t === 'Not connected', 'status before login');
  check((await computed(page, 'body', 'backgroundColor')) === 'rgb(246, 248, 250)',
    'light theme body background: ' + (await computed(page, 'body', 'backgroundColor')));

  // ---- asking before connecting: one error saying so, step 1 pointed at (highlighted, focused)
  check(await page.getByTestId('connect-first').isVisible(), 'no "connect first" hint next to Show source before login');
  check(!(await page.getByTestId('connect-panel').evaluate((el) => el.classList.contains('attention'))),
    'step 1 is highlighted before anything was asked');
  await page.getByTestId('preset-go').click();
  await showSource(page);
  const notConnected = await expectError(page, 'commit-error', 'unauthenticated', 'You are not connected to GitHub.');
  check(!(await page.getByTestId('file-error').isVisible()), 'the same "not connected" is said twice');
  await expectNoAnswerShown(page, 'not connected');
  check(await page.getByTestId('connect-panel').evaluate((el) => el.classList.contains('attention')), 'step 1 is not highlighted');
  check(await page.getByTestId('connect').evaluate((el) => el === document.activeElement), 'the Connect button has no focus');
  const hint = page.getByTestId('commit-error').getByRole('link', { name: 'Connect first (step 1).' });
  check(await hint.isVisible(), 'the error does not link to step 1');
  const outline = await computed(page, '[data-testid="connect-panel"]', 'boxShadow');
  check(outline !== 'none', 'the highlighted step 1 draws no ring');
  log('not connected: ' + notConnected);
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'demo-not-connected.png') });

  // ---- connect: GithubApp, the simulated GitHub's authorize page, back with ?code=, GithubLogin
  await page.getByRole('button', { name: 'Connect to GitHub' }).click();
  await page.waitForURL((u) => u.pathname === '/login/oauth/authorize', { timeout: TIMEOUT_MS });
  const authorizeUrl = new URL(page.url());
  check(authorizeUrl.searchParams.get('redirect_uri') === new URL('/', BASE).href.replace('127.0.0.1', 'localhost'),
    'redirect_uri: ' + authorizeUrl.searchParams.get('redirect_uri'));
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  check(heading.trim() === 'Authorize sourcegate demo', 'authorize page heading: ' + heading);
  log('authorize page: ' + heading.trim());
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'demo-authorize.png') });
  await page.getByRole('button', { name: 'Authorize sourcegate demo' }).click();
  await page.waitForURL((u) => u.port === BASE.port && u.pathname === '/', { timeout: TIMEOUT_MS });
  await waitText(page.getByTestId('connection-status'), (t) => t === 'Connected', 'status after login');
  check(!page.url().includes('code='), 'the code stays in the address bar: ' + page.url());
  check(!(await page.getByTestId('connect-error').isVisible()), 'login error: ' + (await page.getByTestId('connect-error').textContent()));
  const cookies = await context.cookies(page.url());
  const session = cookies.find((c) => c.name === 'pyroscope_git_session');
  check(session, 'no pyroscope_git_session cookie; cookies: ' + JSON.stringify(cookies.map((c) => c.name)));
  log(`connected; cookie stored (secure=${session.secure}, sameSite=${session.sameSite}, path=${session.path})`);

  // ---- a Go file of the service
  await page.getByTestId('preset-go').click();
  check((await page.getByLabel('Repository URL').inputValue()) === 'https://github.com/demo/shop', 'repository field');
  check((await page.getByLabel('Local path').inputValue()) === 'github.com/demo/shop/internal/cart/cart.go', 'local path field');
  await showSource(page);
  await expectLine(page, sampleLine('shop/internal/cart/cart.go', 'func (c *Cart) Total() Cents {'), true);
  await expectLine(page, sampleLine('shop/internal/cart/cart.go', 'total += line - volumeDiscount(it.Quantity, line)'), false);
  await waitText(page.getByTestId('file-url'), (t) => t === 'https://github.com/demo/shop/blob/main/internal/cart/cart.go', 'file URL');
  await waitText(page.getByTestId('commit-message'), (t) => t === 'cart: volume discounts of 5% from 10 items and 10% from 50', 'Go commit message');
  await waitText(page.getByTestId('commit-author'), (t) => t === 'mara-demo', 'Go commit author');
  await waitText(page.getByTestId('commit-sha'), (t) => /^[0-9a-f]{7}$/.test(t), 'Go commit sha');
  const avatarLoaded = await page.getByTestId('commit-avatar').evaluate((img) => img.complete && img.naturalWidth > 0);
  check(avatarLoaded, 'the author avatar did not load');
  log('Go file and commit card shown');
  await page.screenshot({ path: join(OUT, 'demo-go.png'), fullPage: true });

  // ---- a repository that does not exist: a human error, and the previous commit card is gone
  await page.getByLabel('Repository URL').fill('https://github.com/demo/no-such-repo');
  await showSource(page);
  const unknownRepo = await expectError(page, 'commit-error', 'not_found', 'No such repository, ref or file.');
  const unknownDetail = (await page.getByTestId('commit-error').locator('.error-detail').allTextContents()).join(' | ');
  check(!unknownDetail.includes('tags/'), 'the detail names a ref spelling nobody asked for: ' + unknownDetail);
  check(!(await page.getByTestId('file-error').isVisible()), 'one cause reported twice for the unknown repository');
  await expectNoAnswerShown(page, 'unknown repository');
  log('unknown repository: ' + unknownRepo);
  await page.getByTestId('result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'demo-error.png') });

  // ---- the same Go file again: the card and the file are back, the error is gone
  await page.getByTestId('preset-go').click();
  await showSource(page);
  await waitText(page.getByTestId('commit-message'), (t) => t === 'cart: volume discounts of 5% from 10 items and 10% from 50', 'commit after a failure');
  check(await page.getByTestId('commit-card').isVisible(), 'the commit card does not come back after a failure');
  check(await page.getByTestId('source-view').isVisible(), 'the file does not come back after a failure');
  check(!(await page.getByTestId('commit-error').isVisible()), 'the old error stays after a success');
  check(!(await page.getByTestId('file-error').isVisible()), 'an old file error stays after a success');
  log('success after a failure: card and file back, no error');

  // ---- an error is shown as "code: message"
  await page.getByLabel('Local path').fill('app/missing.py');
  await page.getByLabel('Function name').fill('');
  await showSource(page);
  const error = await expectError(page, 'file-error', 'not_found', 'No such repository, ref or file.');
  check(!(await page.getByTestId('source-view').isVisible()), 'a file is shown next to the error');
  check(await page.getByTestId('commit-card').isVisible(), 'the commit (which exists) is not shown next to the missing file');
  log('error shown: ' + error);

  // ---- a Go module dependency, from the module cache path
  await page.getByTestId('preset-go-module').click();
  await showSource(page);
  await expectLine(page, sampleLine('kit/log/log.go', 'func (l *Logger) Info('), true);
  await waitText(page.getByTestId('file-url'), (t) => t === 'https://github.com/demo/kit/blob/v1.2.0/log/log.go', 'module file URL');

  // ---- a Java function at a tag, through .pyroscope.yaml
  await page.getByTestId('preset-java').click();
  check((await page.getByLabel('Function name').inputValue()) === 'com/demo/shop/Cart$Item.total', 'function field');
  await showSource(page);
  await expectLine(page, sampleLine('shop/src/main/java/com/demo/shop/Cart.java', 'public long total() {'), true);
  await waitText(page.getByTestId('file-url'),
    (t) => t === 'https://github.com/demo/shop/blob/v1.0.0/src/main/java/com/demo/shop/Cart.java', 'Java file URL');
  await waitText(page.getByTestId('commit-message'), (t) => t === 'Add the Java cart library and map it in .pyroscope.yaml', 'Java commit message');
  await waitText(page.getByTestId('commit-author'), (t) => t === 'an author GitHub links to no user', 'Java commit author');
  check(!(await page.getByTestId('commit-avatar').isVisible()), 'an avatar is shown for a commit without a user');
  log('Java function and commit card shown');

  await page.getByTestId('commit-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'demo.png'), fullPage: true });
  log('screenshot: ' + join(OUT, 'demo.png'));

  // ---- the dark theme, as a system set to dark asks for it
  await page.emulateMedia({ colorScheme: 'dark' });
  const darkBody = await computed(page, 'body', 'backgroundColor');
  check(darkBody === 'rgb(13, 17, 23)', 'dark theme body background: ' + darkBody);
  const darkText = await computed(page, '[data-testid="commit-message"]', 'color');
  check(darkText === 'rgb(230, 237, 243)', 'dark theme text colour: ' + darkText);
  const darkCode = await computed(page, '.code-scroll', 'backgroundColor');
  check(darkCode === 'rgb(13, 17, 23)', 'dark theme code background: ' + darkCode);
  const darkField = await computed(page, '[data-testid="repositoryURL"]', 'backgroundColor');
  check(darkField === 'rgb(13, 17, 23)', 'dark theme input background: ' + darkField);
  await page.screenshot({ path: join(OUT, 'demo-dark.png'), fullPage: true });
  await page.getByLabel('Local path').fill('app/missing.py');
  await page.getByLabel('Function name').fill('');
  await showSource(page);
  await expectError(page, 'file-error', 'not_found', 'No such repository, ref or file.');
  const darkError = await computed(page, '[data-testid="file-error"]', 'backgroundColor');
  check(darkError === 'rgb(45, 18, 21)', 'dark theme error background: ' + darkError);
  await page.getByTestId('result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'demo-dark-error.png') });
  log(`dark theme: body ${darkBody}, text ${darkText}, error ${darkError}`);
  await page.emulateMedia({ colorScheme: 'light' });

  // ---- opened under another origin (127.0.0.1 instead of the callback's localhost): the login moves to
  // the callback's origin, where the state and the cookie live, and ends there connected
  if (BASE.hostname === 'localhost') {
    const other = new URL(BASE.href);
    other.hostname = '127.0.0.1';
    await context.clearCookies();
    await page.goto(other.href);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: TIMEOUT_MS });
    await waitText(page.getByTestId('connection-status'), (t) => t === 'Not connected', 'status on 127.0.0.1');
    await page.getByRole('button', { name: 'Connect to GitHub' }).click();
    await page.waitForURL((u) => u.pathname === '/login/oauth/authorize', { timeout: TIMEOUT_MS });
    await page.getByRole('button', { name: 'Authorize sourcegate demo' }).click();
    await page.waitForURL((u) => u.hostname === 'localhost' && u.pathname === '/', { timeout: TIMEOUT_MS });
    await waitText(page.getByTestId('connection-status'), (t) => t === 'Connected', 'status after a login begun on 127.0.0.1');
    log('a login begun on 127.0.0.1 ends connected on localhost');
  }

  check(offsite.length === 0, 'requests left this machine: ' + offsite.join(', '));
  check(problems.length === 0, problems.join('\n'));
}

async function main() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sourcegate-e2e-'));
  const watchdog = setTimeout(() => {
    console.error('[e2e] FAILED: timed out after 100 s');
    process.exit(1);
  }, 100_000);
  watchdog.unref();
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    try {
      await run(context, page);
    } catch (e) {
      mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: join(OUT, 'demo-failure.png'), fullPage: true }).catch(() => {});
      throw e;
    }
    log('PASSED');
  } finally {
    if (context) {
      await context.close().catch(() => {});
    }
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error('[e2e] FAILED: ' + (e instanceof CheckFailed ? e.message : e.stack || e));
  process.exitCode = 1;
});
