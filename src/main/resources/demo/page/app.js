// The sourcegate demo page: plain JavaScript, no build step, nothing loaded from elsewhere.
// It talks to the gateway exactly as Grafana's front end does: Connect JSON POSTs to
// /vcs.v1.VCSService/<Method>, the session in the pyroscope_git_session cookie.
'use strict';

(function () {
  const SERVICE = '/vcs.v1.VCSService/';
  const COOKIE_NAME = 'pyroscope_git_session';
  const STATE_KEY = 'sourcegate-demo-oauth-state';
  const REFRESH_MARGIN_MS = 5 * 60 * 1000; // released front ends refresh 5 minutes before expiry
  const FIELDS = ['repositoryURL', 'ref', 'localPath', 'rootPath', 'functionName'];

  const $ = (id) => document.getElementById(id);
  let config = { authorizeUrl: '', presets: [] };
  let refreshTimer = null;

  /** A Connect error: its code and message, shown as "code: message". */
  class RpcError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
    toString() {
      return this.code + ': ' + this.message;
    }
  }

  /** One unary Connect call with the JSON codec; the cookie goes along by itself (same origin). */
  async function rpc(method, body) {
    let res;
    try {
      res = await fetch(SERVICE + method, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Connect-Protocol-Version': '1' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new RpcError('unavailable', 'the gateway could not be reached (' + e.message + ')');
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : {};
    } catch (e) {
      json = null;
    }
    if (!res.ok) {
      const code = json && typeof json.code === 'string' ? json.code : 'unknown';
      const message = json && typeof json.message === 'string' ? json.message : 'HTTP ' + res.status;
      throw new RpcError(code, message);
    }
    if (json === null) {
      throw new RpcError('internal', 'the gateway answered something that is not JSON');
    }
    return json;
  }

  function errorText(e) {
    return e instanceof RpcError ? e.toString() : 'unknown: ' + (e && e.message ? e.message : String(e));
  }

  function errorCode(e) {
    return e instanceof RpcError ? e.code : 'unknown';
  }

  // What a Connect code means to a person using this page: a headline and what to do. The gateway's own
  // words ("code: message") stay underneath, for whoever needs the detail.
  const STEP1 = 'step1';
  const HUMAN = {
    not_found: ['No such repository, ref or file.', 'Check the repository URL, the ref and the local path.'],
    unauthenticated: ['You are not connected to GitHub.', STEP1],
    permission_denied: ['This GitHub account may not read that repository.', 'Connect with an account that can, or ask for access.'],
    invalid_argument: ['The gateway cannot use what was asked.', 'Check the fields: the detail below names the one at fault.'],
    resource_exhausted: ['Too many requests right now.', 'Wait a moment, then try again.'],
    unavailable: ['GitHub cannot be reached right now.', 'Try again in a moment.'],
    deadline_exceeded: ['GitHub took too long to answer.', 'Try again in a moment.'],
    unimplemented: ['The gateway is not set up for this.', 'It has no GitHub App configured.'],
    canceled: ['The request was cancelled.', 'Try again.'],
    internal: ['Something went wrong in the gateway.', 'The detail below may say more.'],
    unknown: ['Something went wrong.', 'The detail below may say more.'],
  };

  function paragraph(className, text) {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    return p;
  }

  /**
   * Shows an error in el: the human headline for the first failure's code, what to do, and one detail line
   * per failure ("GetFile answered not_found: file not found"). "Not connected" points at step 1.
   */
  function showError(el, failures, title) {
    const code = errorCode(failures[0].error);
    const [headline, hint] = HUMAN[code] || [title || 'Something went wrong.', ''];
    el.replaceChildren(paragraph('error-title', title || headline));
    if (hint === STEP1) {
      const p = paragraph('error-hint', '');
      const a = document.createElement('a');
      a.href = '#connect-panel';
      a.dataset.gotoStep1 = '';
      a.textContent = 'Connect first (step 1).';
      p.appendChild(a);
      el.appendChild(p);
      pointAtStep1();
    } else if (hint) {
      el.appendChild(paragraph('error-hint', hint));
    }
    for (const f of failures) {
      el.appendChild(paragraph('error-detail', (f.what ? f.what + ' answered ' : '') + errorText(f.error)));
    }
    el.dataset.code = code;
    el.hidden = false;
  }

  function clearError(el) {
    el.replaceChildren();
    delete el.dataset.code;
    el.hidden = true;
  }

  /** Step 1 gets the person's eye and the keyboard focus: that is where "not connected" is fixed. */
  function pointAtStep1() {
    const panel = $('connect-panel');
    panel.classList.add('attention');
    panel.scrollIntoView({ block: 'start' });
    $('connect').focus({ preventScroll: true });
  }

  function show(el, text) {
    el.textContent = text;
    el.hidden = !text;
  }

  /** Only http(s) links from an answer become links or images. */
  function safeUrl(url) {
    try {
      const u = new URL(url, window.location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
    } catch (e) {
      return '';
    }
  }

  // ------------------------------------------------------------------------------------------ session

  function sessionCookie() {
    for (const part of document.cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === COOKIE_NAME) {
        return part.slice(eq + 1).trim();
      }
    }
    return '';
  }

  /** The access token's expiry (unix ms) from the cookie's older form, as released front ends read it. */
  function sessionExpiry() {
    const value = sessionCookie();
    if (!value) {
      return null;
    }
    try {
      const parsed = JSON.parse(atob(value.replace(/^"|"$/g, '')));
      return typeof parsed.expiry === 'number' ? parsed.expiry : null;
    } catch (e) {
      return null;
    }
  }

  /** Stores the login/refresh answer's cookie exactly as the released front end does. */
  function storeSession(answer) {
    const cookie = String(answer.cookie || '');
    if (!cookie.startsWith(COOKIE_NAME + '=')) {
      throw new RpcError('internal', 'the answer holds no ' + COOKIE_NAME + ' cookie');
    }
    document.cookie = cookie + '; path=/';
    if (!sessionCookie()) {
      // The cookie carries "Secure". Browsers accept it on https and on http://localhost (a secure context),
      // which is where the demo's OAuth callback brings the person. Opened under another host name over plain
      // http, the browser refuses a Secure cookie: there, and only in this demo page, the attribute is dropped
      // so the demo still works. Grafana itself is served over https, where the cookie is stored as it is.
      document.cookie = cookie.replace(/;\s*Secure/i, '') + '; path=/';
    }
    if (!sessionCookie()) {
      throw new RpcError('internal', 'the browser did not store the session cookie');
    }
  }

  function clearSession() {
    document.cookie = COOKIE_NAME + '=; Max-Age=0; path=/';
    document.cookie = COOKIE_NAME + '=; Max-Age=0; path=/; Secure';
  }

  function renderSession() {
    const connected = Boolean(sessionCookie());
    const expiry = sessionExpiry();
    show($('connection-status'), connected ? 'Connected' : 'Not connected');
    $('connection-status').classList.toggle('ok', connected);
    let detail = '';
    if (connected) {
      detail = 'The session is in the ' + COOKIE_NAME + ' cookie';
      if (expiry) {
        detail += '; its GitHub token is valid until ' + new Date(expiry).toLocaleString() + '.';
      } else {
        detail += '.';
      }
    }
    show($('connection-detail'), detail);
    $('connect').textContent = connected ? 'Connect again' : 'Connect to GitHub';
    $('refresh').hidden = !connected;
    $('disconnect').hidden = !connected;
    $('connect-first').hidden = connected;
    if (connected) {
      $('connect-panel').classList.remove('attention');
    }
    scheduleRefresh(connected ? expiry : null);
  }

  /** Like the released front end: GithubRefresh 5 minutes before the access token expires. */
  function scheduleRefresh(expiry) {
    if (refreshTimer) {
      clearTimeout(refreshTimer);
      refreshTimer = null;
    }
    if (!expiry) {
      return;
    }
    const delay = Math.max(0, Math.min(expiry - REFRESH_MARGIN_MS - Date.now(), 2147483647));
    refreshTimer = setTimeout(refresh, delay);
  }

  async function refresh() {
    clearError($('connect-error'));
    try {
      storeSession(await rpc('GithubRefresh', {}));
    } catch (e) {
      showError($('connect-error'), [{ what: 'GithubRefresh', error: e }], 'The token could not be refreshed.');
    }
    renderSession();
  }

  function randomState() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** GithubApp, then the simulated GitHub's authorize page, which comes back to this page with ?code=. */
  async function connect() {
    clearError($('connect-error'));
    $('connect-panel').classList.remove('attention');
    $('connect').disabled = true;
    try {
      const app = await rpc('GithubApp', {});
      const callback = new URL(app.callbackURL || '/', window.location.href);
      if (callback.origin !== window.location.origin) {
        // Opened as http://127.0.0.1:8080/ (say) while GitHub sends the browser back to the callback URL,
        // http://localhost:8080/: the state and the cookie belong to one origin, so the login starts there.
        window.location.assign(new URL('/?connect=1', callback).href);
        return;
      }
      if (!config.authorizeUrl) {
        throw new RpcError('internal', 'the demo configuration has no authorize URL');
      }
      const state = randomState();
      sessionStorage.setItem(STATE_KEY, state);
      const url = new URL(config.authorizeUrl);
      url.searchParams.set('client_id', app.clientID || '');
      url.searchParams.set('redirect_uri', app.callbackURL || '');
      url.searchParams.set('state', state);
      window.location.assign(url.href);
    } catch (e) {
      showError($('connect-error'), [{ what: 'GithubApp', error: e }], 'The login could not start.');
      $('connect').disabled = false;
    }
  }

  /** Back from the authorize page: ?code=&state= (or ?error=). */
  async function finishLogin(params) {
    const expected = sessionStorage.getItem(STATE_KEY);
    sessionStorage.removeItem(STATE_KEY);
    // the code is single-use: take it out of the address bar (and of the history)
    window.history.replaceState(null, '', window.location.pathname);
    if (params.get('error')) {
      showError($('connect-error'), [{ what: 'GitHub', error: new RpcError(params.get('error'),
        params.get('error_description') || 'login refused') }], 'GitHub did not log you in.');
      return;
    }
    if (!expected || params.get('state') !== expected) {
      showError($('connect-error'), [{ what: '', error: new RpcError('invalid_argument',
        'the state parameter does not match; connect again') }], 'The login came back from an unknown start.');
      return;
    }
    show($('connection-status'), 'Connecting…');
    try {
      storeSession(await rpc('GithubLogin', { authorizationCode: params.get('code') }));
    } catch (e) {
      showError($('connect-error'), [{ what: 'GithubLogin', error: e }], 'The login failed.');
    }
  }

  // ------------------------------------------------------------------------------------------ presets

  function renderPresets() {
    const box = $('presets');
    box.replaceChildren();
    for (const preset of config.presets || []) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'preset';
      b.textContent = preset.label;
      b.dataset.testid = 'preset-' + preset.id;
      b.dataset.preset = preset.id;
      b.title = preset.description || '';
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', () => applyPreset(preset, b));
      box.appendChild(b);
    }
  }

  function applyPreset(preset, button) {
    for (const f of FIELDS) {
      $(f).value = preset[f] || '';
    }
    for (const b of $('presets').querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b === button));
    }
    show($('preset-description'), preset.description || '');
  }

  // ------------------------------------------------------------------------------------------ results

  function decodeBase64Utf8(b64) {
    const binary = atob(b64 || '');
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return new TextDecoder('utf-8').decode(bytes);
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  /** The short name of a function as profiles write it: Total, total, place_order, Info. */
  function shortName(functionName) {
    const m = /([A-Za-z_][A-Za-z0-9_]*)\W*$/.exec(functionName || '');
    return m ? m[1] : '';
  }

  /** The line that defines the function, found the way a reader would look (func, def, a method signature). */
  function definitionLine(lines, functionName) {
    const name = shortName(functionName);
    if (!name) {
      return -1;
    }
    const n = escapeRegExp(name);
    const patterns = [
      new RegExp('^\\s*func\\b.*\\b' + n + '\\s*[(\\[]'),
      new RegExp('^\\s*(async\\s+)?def\\s+' + n + '\\s*\\('),
      new RegExp('^\\s*(public|protected|private|static|final|synchronized|abstract|\\s)*[\\w<>\\[\\],.? ]+\\s+' + n + '\\s*\\([^;]*$'),
      new RegExp('^\\s*(export\\s+)?(async\\s+)?function\\s*\\*?\\s*' + n + '\\s*\\('),
    ];
    for (const p of patterns) {
      const i = lines.findIndex((l) => p.test(l));
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  function renderFile(answer, functionName) {
    const text = decodeBase64Utf8(answer.content);
    const lines = text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') {
      lines.pop();
    }
    const hit = definitionLine(lines, functionName);
    const body = $('code-body');
    const rows = document.createDocumentFragment();
    lines.forEach((line, i) => {
      const tr = document.createElement('tr');
      tr.id = 'L' + (i + 1);
      tr.dataset.line = String(i + 1);
      const num = document.createElement('td');
      num.className = 'ln';
      num.textContent = String(i + 1);
      const src = document.createElement('td');
      src.className = 'src';
      const code = document.createElement('code');
      code.textContent = line;
      src.appendChild(code);
      tr.append(num, src);
      if (i === hit) {
        tr.className = 'hit';
        tr.dataset.highlighted = 'true';
        tr.setAttribute('aria-current', 'true');
      }
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
    const url = safeUrl(answer.URL || '');
    const link = $('file-url');
    link.textContent = answer.URL || '(no URL)';
    if (url) {
      link.href = url;
    } else {
      link.removeAttribute('href');
    }
    let name = answer.URL || '';
    const blob = name.indexOf('/blob/');
    name = blob >= 0 ? name.slice(blob + 6).split('/').slice(1).join('/') : name;
    $('file-name').textContent = name || 'file';
    $('file-lines').textContent = lines.length + (lines.length === 1 ? ' line' : ' lines');
    $('file').hidden = false;
    if (hit >= 0) {
      const row = $('L' + (hit + 1));
      row.scrollIntoView({ block: 'center' });
    }
  }

  function renderCommit(c) {
    const [subject, ...rest] = String(c.message || '').split('\n');
    $('commit-message').textContent = subject;
    const body = rest.join('\n').trim();
    show($('commit-body'), body);
    const author = c.author || {};
    const avatar = $('commit-avatar');
    const avatarUrl = safeUrl(author.avatarURL || '');
    if (author.login && avatarUrl) {
      avatar.src = avatarUrl;
      avatar.alt = author.login;
      avatar.hidden = false;
    } else {
      avatar.removeAttribute('src');
      avatar.alt = '';
      avatar.hidden = true;
    }
    $('commit-author').textContent = author.login ? author.login : 'an author GitHub links to no user';
    const date = $('commit-date');
    date.dateTime = c.date || '';
    const parsed = c.date ? new Date(c.date) : null;
    date.textContent = parsed && !isNaN(parsed) ? parsed.toLocaleString() + ' (' + c.date + ')' : c.date || '';
    const sha = $('commit-sha');
    sha.textContent = (c.sha || '').slice(0, 7);
    sha.title = c.sha || '';
    sha.dataset.sha = c.sha || '';
    const url = safeUrl(c.URL || '');
    if (url) {
      sha.href = url;
    } else {
      sha.removeAttribute('href');
    }
    $('commit-card').hidden = false;
  }

  async function showSource(event) {
    event.preventDefault();
    const q = {};
    for (const f of FIELDS) {
      q[f] = $(f).value.trim();
    }
    $('show').disabled = true;
    $('busy').hidden = false;
    $('result').hidden = false;
    $('result').setAttribute('aria-busy', 'true');
    for (const id of ['file-error', 'commit-error']) {
      clearError($(id));
    }
    $('file').hidden = true;
    $('commit-card').hidden = true;
    const [file, commit] = await Promise.allSettled([
      rpc('GetFile', q),
      rpc('GetCommit', { repositoryURL: q.repositoryURL, ref: q.ref }),
    ]);
    if (commit.status === 'rejected' && file.status === 'rejected'
        && errorCode(commit.reason) === errorCode(file.reason)) {
      // one cause (not connected, no such repository): said once, with both answers as detail
      showError($('commit-error'), [{ what: 'GetCommit', error: commit.reason }, { what: 'GetFile', error: file.reason }]);
    } else {
      if (commit.status === 'fulfilled') {
        renderCommit(commit.value);
      } else {
        showError($('commit-error'), [{ what: 'GetCommit', error: commit.reason }]);
      }
      if (file.status === 'fulfilled') {
        renderFile(file.value, q.functionName);
      } else {
        showError($('file-error'), [{ what: 'GetFile', error: file.reason }]);
      }
    }
    $('result').removeAttribute('aria-busy');
    $('busy').hidden = true;
    $('show').disabled = false;
    $('result').dataset.done = String(Date.now());
  }

  // ------------------------------------------------------------------------------------------ start

  async function init() {
    $('connect').addEventListener('click', connect);
    $('refresh').addEventListener('click', refresh);
    $('disconnect').addEventListener('click', () => {
      clearSession();
      renderSession();
    });
    $('query').addEventListener('submit', showSource);
    document.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('[data-goto-step1]') : null;
      if (link) {
        event.preventDefault();
        pointAtStep1();
      }
    });
    try {
      const res = await fetch('/demo/config', { credentials: 'same-origin' });
      config = await res.json();
    } catch (e) {
      showError($('connect-error'), [{ what: '', error: new RpcError('unavailable', 'the demo configuration could not be read') }]);
    }
    renderPresets();
    const params = new URLSearchParams(window.location.search);
    if (params.has('code') || params.has('error')) {
      await finishLogin(params);
    }
    renderSession();
    if (params.get('connect') === '1') {
      window.history.replaceState(null, '', window.location.pathname);
      await connect();
    }
    document.body.dataset.ready = 'true';
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
