#!/usr/bin/env node
// express-session target: Express + express-session with the connect-dynamodb
// store (items: id = "sess:<sid>", expires (N, epoch seconds), type, sess
// (S, JSON)). The session cookie is express-session's signed
// `connect.sid=s:<sid>.<signature>`, issued on the first visit
// (saveUninitialized: true).
//
// Switches are LAB_* environment variables (see lab/README.md); LAB_MODE picks
// a preset (vulnerable | fixed | hardened) that single switches override.
// Prints LAB_URL=... on stdout once listening on 127.0.0.1.
'use strict';

const crypto = require('crypto');
const express = require('express');
const session = require('express-session');
const { DescribeTableCommand } = require('@aws-sdk/client-dynamodb');
const DynamoDBStore = require('connect-dynamodb')(session);
const lab = require('../lib/common');

const NAME = 'expresssession';

const HARDENED = {
  ROTATE: '1', DELETE_OLD: '1', LOGOUT: '1', LOGOUT_DESTROY: '1', REAUTH_ROTATE: '1', ID_IN_BODY: '0',
  SECURE: 'auto', HTTPONLY: '1', SAMESITE: 'strict', MAXAGE_MS: '7200000',
};
const PRESETS = {
  // Login only sets req.session.user: the pre-login id stays and is logged in.
  // Cookie attributes are express-session's defaults.
  vulnerable: {
    ROTATE: '0', DELETE_OLD: '0', LOGOUT: '1', LOGOUT_DESTROY: '1', REAUTH_ROTATE: '0', ID_IN_BODY: '0',
    SECURE: 'never', HTTPONLY: '1', SAMESITE: 'omit', MAXAGE_MS: '0',
  },
  fixed: HARDENED,
  hardened: HARDENED,
};
const DEFAULTS = {
  ...HARDENED,
  PRELOGIN: '1', ID_GEN: 'random',
  COOKIE_NAME: 'connect.sid', COOKIE_DOMAIN: '', COOKIE_PATH: '/',
  FORM: '0', LOGIN_FAIL_200: '0', REDIRECT_UNAUTH: '0',
};

function loadConfig() {
  const raw = lab.resolveSwitches(PRESETS, 'hardened', DEFAULTS);
  return { ...lab.commonConfig(raw), table: process.env.SESSION_TABLE || 'express-sessions' };
}

const { cfg, client } = lab.configure(NAME, loadConfig);

// Session ids (express-session's default is 24 random bytes, base64url).
const genid = lab.idGenerator(cfg.idGen, () => crypto.randomBytes(24).toString('base64url'));

function secureOption() {
  switch (cfg.secure) {
    case 'always': return true; // note: express-session then sends no cookie at all over plain HTTP
    case 'never': return false;
    case 'production': return process.env.NODE_ENV === 'production';
    default: return 'auto'; // Secure exactly when the request came over TLS
  }
}

const cookieOptions = {
  path: cfg.cookiePath,
  httpOnly: cfg.httpOnly,
  secure: secureOption(),
  maxAge: cfg.maxAgeMs > 0 ? cfg.maxAgeMs : null,
  ...(cfg.cookieDomain ? { domain: cfg.cookieDomain } : {}),
  // `bogus` cannot go through the cookie serializer (it rejects unknown
  // values); it is appended to the raw header below.
  ...({ strict: { sameSite: 'strict' }, lax: { sameSite: 'lax' }, none: { sameSite: 'none' } }[cfg.sameSite] || {}),
};

const store = new DynamoDBStore({
  client,
  table: cfg.table,
  // start.sh created the table and main() checks it is ACTIVE; skipping the
  // store's own describe/create avoids its unhandled-rejection crash path.
  initialized: true,
});

function short(id) {
  return id && id.length > 10 ? `${id.slice(0, 4)}…${id.slice(-4)}` : String(id);
}

const app = express();
app.disable('x-powered-by');
app.disable('etag');

app.use((req, res, next) => {
  res.on('finish', () => {
    lab.log(NAME, `${req.method} ${req.originalUrl.split('?')[0]} -> ${res.statusCode} sid=${short(req.sessionID)}`);
  });
  next();
});

if (cfg.sameSite === 'bogus') {
  app.use((req, res, next) => {
    const setHeader = res.setHeader;
    const prefix = cfg.cookieName + '=';
    res.setHeader = function (name, value) {
      if (String(name).toLowerCase() === 'set-cookie') {
        const add = (c) => (String(c).startsWith(prefix) && !/;\s*samesite=/i.test(c) ? `${c}; SameSite=Bogus` : c);
        value = Array.isArray(value) ? value.map(add) : add(value);
      }
      return setHeader.call(this, name, value);
    };
    next();
  });
}

app.use(session({
  name: cfg.cookieName,
  secret: 'sessionscan-lab-fixed-secret-not-for-production',
  store,
  resave: false,
  // PRELOGIN=1: a cookie for an empty session on the first visit.
  saveUninitialized: cfg.prelogin,
  rolling: false,
  genid,
  cookie: cookieOptions,
}));
app.use(express.json({ limit: '16kb' }));
app.use(express.urlencoded({ extended: false, limit: '16kb' }));

const p = (fn) => new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));

function unauthorized(res) {
  if (cfg.redirectUnauth) return res.redirect(302, '/login');
  return res.status(401).json({ error: 'unauthorized' });
}

function clearSessionCookie(req, res) {
  const parts = [`${cfg.cookieName}=`];
  if (cfg.cookieDomain) parts.push(`Domain=${cfg.cookieDomain}`);
  parts.push(`Path=${cfg.cookiePath}`, 'Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (cfg.httpOnly) parts.push('HttpOnly');
  const sec = secureOption();
  if (sec === true || (sec === 'auto' && req.secure)) parts.push('Secure');
  const ss = { strict: 'Strict', lax: 'Lax', none: 'None', bogus: 'Bogus' }[cfg.sameSite];
  if (ss) parts.push(`SameSite=${ss}`);
  res.append('Set-Cookie', parts.join('; '));
}

app.get('/', (req, res) => {
  res.json({ app: NAME, mode: cfg.mode });
});

app.get('/login', (req, res) => {
  let csrf;
  if (cfg.form) {
    csrf = crypto.randomBytes(16).toString('hex');
    req.session.csrf = csrf;
  }
  res.type('html').send(lab.loginPage(`sessionscan lab (${NAME}, ${cfg.mode})`, csrf));
});

app.post('/login', async (req, res) => {
  const body = req.body || {};
  if (cfg.form) {
    const want = req.session.csrf;
    const got = body._csrf;
    if (typeof want !== 'string' || typeof got !== 'string' || want.length !== got.length ||
        !crypto.timingSafeEqual(Buffer.from(want), Buffer.from(got))) {
      return res.status(403).json({ error: 'invalid csrf token' });
    }
  }
  const user = lab.checkCredentials(body.username, body.password);
  if (!user) return res.status(cfg.loginFail200 ? 200 : 401).json({ error: 'invalid credentials' });

  const alreadyIn = Boolean(req.session.user);
  if (cfg.rotate && !(alreadyIn && !cfg.reauthRotate)) {
    if (cfg.deleteOld) {
      // The fix: new id, old session destroyed in the store.
      await p((cb) => req.session.regenerate(cb));
    } else {
      // New id, but the old item is left in the table.
      req.sessionStore.generate(req);
    }
  }
  req.session.user = user;
  delete req.session.csrf;
  await p((cb) => req.session.save(cb));

  if (cfg.form) return res.redirect(302, '/profile');
  const out = { ok: true, user };
  if (cfg.idInBody) out.sessionID = req.sessionID;
  return res.json(out);
});

app.get('/profile', (req, res) => {
  if (!req.session.user) return unauthorized(res);
  res.json({ userId: req.session.user });
});

if (cfg.logout) {
  app.post('/logout', async (req, res) => {
    if (cfg.logoutDestroy) {
      await p((cb) => req.session.destroy(cb));
    }
    clearSessionCookie(req, res);
    res.json({ ok: true });
  });
}

lab.jsonErrors(app, NAME);

async function main() {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: cfg.table }));
  if (Table.TableStatus !== 'ACTIVE') throw new Error(`table ${cfg.table} is ${Table.TableStatus}`);
  const key = (Table.KeySchema || []).find((k) => k.KeyType === 'HASH');
  if (!key || key.AttributeName !== 'id') throw new Error(`table ${cfg.table} needs hash key "id" (S)`);
  lab.log(NAME, `config ${JSON.stringify(cfg)}`);
  lab.listen(app, NAME);
}

main().catch((e) => {
  process.stderr.write(`${NAME}: ${e.name || 'Error'}: ${e.message}\n`);
  process.exit(1);
});
