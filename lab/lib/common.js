// Helpers shared by the lab apps: DynamoDB client, switch parsing, users,
// HTTP/HTTPS listening and the login page.
'use strict';

const fs = require('fs');
const http = require('http');
const https = require('https');
const crypto = require('crypto');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');

// The SDK warns on every start that releases after January 2027 need
// node >= 22; the lab pins an SDK that runs on the machine's node 20.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

// Hardcoded lab users. Passwords are compared in constant time anyway, so the
// lab does not leak a timing oracle the scanner might be confused by.
const USERS = {
  alice: 'alice-pass-123',
  bob: 'bob-pass-456',
};

function checkCredentials(username, password) {
  if (typeof username !== 'string' || typeof password !== 'string') return null;
  if (!Object.prototype.hasOwnProperty.call(USERS, username)) return null;
  const want = Buffer.from(USERS[username]);
  const got = Buffer.from(password);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) return null;
  return username;
}

function dynamoClient() {
  const endpoint = process.env.DYNAMO_URL;
  if (!endpoint) {
    throw new Error('DYNAMO_URL is not set (start the lab with lab/start.sh)');
  }
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'lab', secretAccessKey: 'lab' },
    maxAttempts: 2,
  });
}

// Resolve switches: preset values for the mode first, then LAB_<NAME> from the
// environment overrides. `defaults` covers switches no preset mentions.
function resolveSwitches(presets, defaultMode, defaults) {
  const mode = (process.env.LAB_MODE || defaultMode).toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(presets, mode)) {
    throw new Error(`LAB_MODE=${mode} is not one of: ${Object.keys(presets).join(', ')}`);
  }
  const cfg = { MODE: mode, ...defaults, ...presets[mode] };
  const overridden = [];
  for (const key of Object.keys(cfg)) {
    if (key === 'MODE') continue;
    const v = process.env['LAB_' + key];
    if (v !== undefined && v !== '') {
      cfg[key] = v;
      overridden.push(key);
    }
  }
  cfg._overridden = overridden;
  return cfg;
}

// The switches both Express apps understand, parsed from resolveSwitches' result.
function commonConfig(raw) {
  return {
    mode: raw.MODE,
    tls: tlsEnabled(),
    prelogin: flag(raw.PRELOGIN),
    rotate: flag(raw.ROTATE),
    deleteOld: flag(raw.DELETE_OLD),
    idInBody: flag(raw.ID_IN_BODY),
    logout: flag(raw.LOGOUT),
    logoutDestroy: flag(raw.LOGOUT_DESTROY),
    reauthRotate: flag(raw.REAUTH_ROTATE),
    idGen: oneOf('ID_GEN', raw.ID_GEN, ['random', 'counter', 'timestamp', 'short']),
    secure: oneOf('SECURE', raw.SECURE, ['always', 'production', 'never', 'auto']),
    httpOnly: flag(raw.HTTPONLY),
    sameSite: oneOf('SAMESITE', raw.SAMESITE, ['strict', 'lax', 'none', 'omit', 'bogus']),
    maxAgeMs: nonNegInt('MAXAGE_MS', raw.MAXAGE_MS),
    cookieName: raw.COOKIE_NAME,
    cookieDomain: raw.COOKIE_DOMAIN,
    cookiePath: raw.COOKIE_PATH,
    form: flag(raw.FORM),
    loginFail200: flag(raw.LOGIN_FAIL_200),
    redirectUnauth: flag(raw.REDIRECT_UNAUTH),
  };
}

// Loads an app's configuration and its DynamoDB client, or exits 2 naming what is wrong.
function configure(name, loadConfig) {
  try {
    return { cfg: loadConfig(), client: dynamoClient() };
  } catch (e) {
    process.stderr.write(`${name}: configuration error: ${e.message}\n`);
    process.exit(2);
  }
  return null;
}

// Session ids as LAB_ID_GEN says: the weak generators the scanner must catch, or random().
function idGenerator(kind, random) {
  let counter = 0n;
  let tsCounter = 0;
  return () => {
    switch (kind) {
      case 'counter':
        counter += 1n;
        return counter.toString(16).padStart(32, '0');
      case 'timestamp':
        tsCounter = (tsCounter + 1) & 0xff;
        return Date.now().toString(16) + tsCounter.toString(16).padStart(2, '0');
      case 'short':
        return crypto.randomBytes(4).toString('hex');
      default:
        return random();
    }
  };
}

// The routes every app ends with: 404 for the rest, and JSON errors, never a stack trace.
function jsonErrors(app, name) {
  app.use((req, res) => res.status(404).json({ error: 'not found' }));
  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, next) => {
    const status = err.status || err.statusCode || 500;
    if (status >= 500) log(name, `error: ${err.stack || err}`);
    if (res.headersSent) return;
    res.status(status).json({ error: status >= 500 ? 'internal error' : 'bad request' });
  });
}

function flag(v) {
  const s = String(v).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(s)) return false;
  throw new Error(`not a 1/0 switch value: ${v}`);
}

function oneOf(name, v, allowed) {
  const s = String(v).toLowerCase();
  if (!allowed.includes(s)) throw new Error(`LAB_${name}=${v} is not one of: ${allowed.join(', ')}`);
  return s;
}

function nonNegInt(name, v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`LAB_${name}=${v} is not a non-negative integer`);
  return n;
}

function tlsEnabled() {
  return flag(process.env.LAB_TLS || '0');
}

function tlsOptions() {
  const cert = process.env.LAB_TLS_CERT;
  const key = process.env.LAB_TLS_KEY;
  if (!cert || !key) throw new Error('LAB_TLS=1 needs LAB_TLS_CERT and LAB_TLS_KEY (start.sh sets them)');
  return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
}

// Listen on 127.0.0.1 (port LAB_PORT or a free one) and print LAB_URL=...
function listen(app, name) {
  const tls = tlsEnabled();
  const server = tls ? https.createServer(tlsOptions(), app) : http.createServer(app);
  const port = Number(process.env.LAB_PORT || 0);
  // Bounded time per request so a stuck store call cannot hold a scanner forever.
  server.requestTimeout = 30000;
  server.headersTimeout = 10000;
  server.on('error', (e) => {
    process.stderr.write(`${name}: ${e.message}\n`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    const scheme = tls ? 'https' : 'http';
    process.stdout.write(`LAB_URL=${scheme}://127.0.0.1:${server.address().port}\n`);
  });
  for (const sig of ['SIGTERM', 'SIGINT']) {
    process.on(sig, () => {
      server.close();
      process.exit(0);
    });
  }
  return server;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// The login page. With a CSRF token it is a real form; otherwise it documents
// the JSON login so the page is still meaningful.
function loginPage(title, csrf) {
  const form = csrf !== undefined
    ? `<form method="post" action="/login">
<label>Username <input type="text" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">
<button type="submit">Sign in</button>
</form>`
    : `<p>POST /login with JSON {"username": "...", "password": "..."}</p>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)} - sign in</title></head>
<body><h1>Sign in</h1>
${form}
</body></html>
`;
}

function log(name, msg) {
  process.stderr.write(`${new Date().toISOString()} ${name}: ${msg}\n`);
}

module.exports = {
  USERS,
  checkCredentials,
  dynamoClient,
  resolveSwitches,
  commonConfig,
  configure,
  idGenerator,
  jsonErrors,
  flag,
  oneOf,
  nonNegInt,
  tlsEnabled,
  listen,
  loginPage,
  log,
};
