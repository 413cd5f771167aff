#!/usr/bin/env node
// Seed-style target: Express managing its own `sessionId` cookie in DynamoDB
// with @aws-sdk/client-dynamodb, item layout exactly as in the founding
// write-up (shared/seed/000_*.txt):
//
//   sessionId (S, hash key)  userId (S, absent before login)  issuedAt (N)  expiresAt (N)
//
// Every flaw is a switch (LAB_* environment variables, see lab/README.md);
// LAB_MODE picks a preset (vulnerable | seed | hardened) that single switches
// override. Prints LAB_URL=... on stdout once listening on 127.0.0.1.
'use strict';

const crypto = require('crypto');
const express = require('express');
const cookieParser = require('cookie-parser');
const {
  GetItemCommand,
  PutItemCommand,
  DeleteItemCommand,
  UpdateItemCommand,
  DescribeTableCommand,
} = require('@aws-sdk/client-dynamodb');
const { marshall, unmarshall } = require('@aws-sdk/util-dynamodb');
const lab = require('../lib/common');

const NAME = 'seedstyle';

// ---- switches -------------------------------------------------------------

const PRESETS = {
  // The seed's vulnerable pattern: the pre-login item is elevated in place,
  // unknown ids (cookie or ?sessionId=) are adopted.
  vulnerable: {
    PRELOGIN: '1', ROTATE: '0', ADOPT: '1', URL_ID: '1', DELETE_OLD: '0', ID_IN_BODY: '0',
    LOGOUT: '1', LOGOUT_DESTROY: '1', REAUTH_ROTATE: '0', CHECK_EXPIRY: '1',
    SECURE: 'production', HTTPONLY: '1', SAMESITE: 'strict',
  },
  // The seed's remediation exactly as written: rotation on login, but the old
  // item is never deleted, the id is echoed in the login body, no logout.
  seed: {
    PRELOGIN: '1', ROTATE: '1', ADOPT: '0', URL_ID: '0', DELETE_OLD: '0', ID_IN_BODY: '1',
    LOGOUT: '0', REAUTH_ROTATE: '1', CHECK_EXPIRY: '1',
    SECURE: 'production', HTTPONLY: '1', SAMESITE: 'strict', MAXAGE_MS: '7200000',
  },
  // Everything fixed.
  hardened: {
    PRELOGIN: '1', ROTATE: '1', ADOPT: '0', URL_ID: '0', DELETE_OLD: '1', ID_IN_BODY: '0',
    LOGOUT: '1', LOGOUT_DESTROY: '1', REAUTH_ROTATE: '1', CHECK_EXPIRY: '1',
    SECURE: 'always', HTTPONLY: '1', SAMESITE: 'strict',
  },
};

// Switches no preset sets (and the fallback for those a preset leaves out).
const DEFAULTS = {
  PRELOGIN: '1', ROTATE: '1', ADOPT: '0', URL_ID: '0', DELETE_OLD: '1', ID_IN_BODY: '0',
  LOGOUT: '1', LOGOUT_DESTROY: '1', REAUTH_ROTATE: '1', CHECK_EXPIRY: '1',
  TTL_SECONDS: '7200', ID_GEN: 'random',
  SECURE: 'always', HTTPONLY: '1', SAMESITE: 'strict', MAXAGE_MS: '7200000',
  COOKIE_NAME: 'sessionId', COOKIE_DOMAIN: '', COOKIE_PATH: '/', URL_PARAM: 'sessionId',
  FORM: '0', LOGIN_FAIL_200: '0', REDIRECT_UNAUTH: '0', BIND: '0',
};

function loadConfig() {
  const raw = lab.resolveSwitches(PRESETS, 'hardened', DEFAULTS);
  const tls = lab.tlsEnabled();
  const c = {
    ...lab.commonConfig(raw),
    adopt: lab.flag(raw.ADOPT),
    urlId: lab.flag(raw.URL_ID),
    checkExpiry: lab.flag(raw.CHECK_EXPIRY),
    ttlSeconds: lab.nonNegInt('TTL_SECONDS', raw.TTL_SECONDS),
    urlParam: raw.URL_PARAM,
    bind: lab.flag(raw.BIND),
    table: process.env.SESSION_TABLE || 'sessions',
    overridden: raw._overridden,
  };
  // Hardened over TLS: __Host- prefix, Path=/, no Domain (unless overridden).
  if (c.mode === 'hardened' && tls) {
    if (!c.overridden.includes('COOKIE_NAME')) c.cookieName = '__Host-' + c.cookieName;
    if (!c.overridden.includes('COOKIE_PATH')) c.cookiePath = '/';
    if (!c.overridden.includes('COOKIE_DOMAIN')) c.cookieDomain = '';
  }
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(c.cookieName)) throw new Error(`bad LAB_COOKIE_NAME: ${c.cookieName}`);
  return c;
}

const { cfg, client: ddb } = lab.configure(NAME, loadConfig);

// ---- session ids ----------------------------------------------------------

const newId = lab.idGenerator(cfg.idGen, () => crypto.randomBytes(16).toString('hex'));

// What the app is willing to look up or adopt as an id at all. Anything else
// is treated as if no id had been sent.
const ID_SHAPE = /^[A-Za-z0-9._~-]{1,256}$/;

// ---- DynamoDB (the seed's functions, plus the in-place elevation) ---------

const nowSec = () => Math.floor(Date.now() / 1000);

async function putSession(sessionId, userId, { mustBeNew }) {
  const now = nowSec();
  const item = { sessionId, issuedAt: now, expiresAt: now + cfg.ttlSeconds };
  if (userId) item.userId = userId;
  await ddb.send(new PutItemCommand({
    TableName: cfg.table,
    Item: marshall(item),
    ...(mustBeNew ? { ConditionExpression: 'attribute_not_exists(sessionId)' } : {}),
  }));
  return item;
}

// A fresh server-generated id (retried on the rare collision, which the weak
// generators make likelier).
async function createSession(userId) {
  for (let i = 0; i < 5; i++) {
    const id = newId();
    try {
      const item = await putSession(id, userId, { mustBeNew: true });
      return [id, item];
    } catch (e) {
      if (e.name !== 'ConditionalCheckFailedException') throw e;
    }
  }
  throw new Error('could not generate an unused session id');
}

async function getSession(sessionId) {
  const resp = await ddb.send(new GetItemCommand({
    TableName: cfg.table,
    Key: marshall({ sessionId }),
    ConsistentRead: true,
  }));
  return resp.Item ? unmarshall(resp.Item) : null;
}

async function deleteSession(sessionId) {
  await ddb.send(new DeleteItemCommand({ TableName: cfg.table, Key: marshall({ sessionId }) }));
}

// The vulnerable pattern: bind the user to the item the request carried.
async function elevateInPlace(sessionId, userId) {
  await ddb.send(new UpdateItemCommand({
    TableName: cfg.table,
    Key: marshall({ sessionId }),
    UpdateExpression: 'SET userId = :u',
    ConditionExpression: 'attribute_exists(sessionId)',
    ExpressionAttributeValues: marshall({ ':u': userId }),
  }));
}

// ---- cookies (serialised by hand so every attribute is exactly controlled) -

function isSecure(req) {
  switch (cfg.secure) {
    case 'always': return true;
    case 'never': return false;
    case 'production': return process.env.NODE_ENV === 'production';
    default: return req.secure; // auto
  }
}

function cookieString(req, value, clear) {
  const parts = [`${cfg.cookieName}=${encodeURIComponent(value)}`];
  if (cfg.cookieDomain) parts.push(`Domain=${cfg.cookieDomain}`);
  parts.push(`Path=${cfg.cookiePath}`);
  if (clear) {
    parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  } else if (cfg.maxAgeMs > 0) {
    parts.push(`Max-Age=${Math.floor(cfg.maxAgeMs / 1000)}`);
    parts.push(`Expires=${new Date(Date.now() + cfg.maxAgeMs).toUTCString()}`);
  }
  if (cfg.httpOnly) parts.push('HttpOnly');
  if (isSecure(req)) parts.push('Secure');
  const ss = { strict: 'Strict', lax: 'Lax', none: 'None', bogus: 'Bogus' }[cfg.sameSite];
  if (ss) parts.push(`SameSite=${ss}`);
  return parts.join('; ');
}

// At most one Set-Cookie for the session cookie per response: a later call
// (e.g. login after adopting a URL id) replaces the earlier one.
function setSessionCookie(req, res, value, clear = false) {
  const prefix = cfg.cookieName + '=';
  let cur = res.getHeader('Set-Cookie') || [];
  if (!Array.isArray(cur)) cur = [cur];
  cur = cur.filter((c) => !String(c).startsWith(prefix));
  cur.push(cookieString(req, value, clear));
  res.setHeader('Set-Cookie', cur);
}

// ---- per-request session resolution ---------------------------------------

function isLive(item) {
  if (!item) return false;
  if (cfg.checkExpiry && !(Number(item.expiresAt) >= nowSec())) return false;
  return true;
}

// Sets req.lab = { sid, session } for the session the request carries, if the
// app accepts it. With URL_ID the query parameter wins over the cookie; with
// ADOPT an unknown (or expired) id is stored as a new anonymous session.
async function resolveSession(req, res) {
  req.lab = { sid: null, session: null };
  let id = null;
  let fromUrl = false;
  const q = cfg.urlId ? req.query[cfg.urlParam] : undefined;
  if (typeof q === 'string' && q !== '') {
    id = q;
    fromUrl = true;
  } else {
    const c = req.cookies && req.cookies[cfg.cookieName];
    if (typeof c === 'string' && c !== '') id = c;
  }
  if (!id || !ID_SHAPE.test(id)) return;

  const item = await getSession(id);
  if (isLive(item)) {
    req.lab = { sid: id, session: item };
    if (fromUrl) setSessionCookie(req, res, id);
    return;
  }
  if (cfg.adopt) {
    const adopted = await putSession(id, null, { mustBeNew: false });
    req.lab = { sid: id, session: adopted, adopted: true };
    setSessionCookie(req, res, id);
    lab.log(NAME, `adopted client-chosen id ${short(id)}`);
  }
}

// Issue an anonymous pre-login session if the request has none.
async function ensurePrelogin(req, res, force = false) {
  if (req.lab.session || !(cfg.prelogin || force)) return;
  const [id, item] = await createSession(null);
  req.lab = { sid: id, session: item };
  setSessionCookie(req, res, id);
}

function short(id) {
  return id && id.length > 10 ? `${id.slice(0, 4)}…${id.slice(-4)}` : String(id);
}

// CSRF tokens of the login form, per session id, kept in process memory so
// the DynamoDB item keeps exactly the seed's attributes.
const CSRF_MAX = 10000;
const csrfBySid = new Map();
// LAB_BIND: a second cookie set at login that must come with the session (kept in memory).
const bindBySid = new Map();
function issueCsrf(sid) {
  const tok = crypto.randomBytes(16).toString('hex');
  csrfBySid.delete(sid);
  csrfBySid.set(sid, tok);
  if (csrfBySid.size > CSRF_MAX) csrfBySid.delete(csrfBySid.keys().next().value);
  return tok;
}
function csrfOk(sid, tok) {
  const want = sid && csrfBySid.get(sid);
  if (!want || typeof tok !== 'string' || tok.length !== want.length) return false;
  return crypto.timingSafeEqual(Buffer.from(want), Buffer.from(tok));
}

// ---- app ------------------------------------------------------------------

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.use(cookieParser());
app.use(express.json({ limit: '16kb' }));
app.use(express.urlencoded({ extended: false, limit: '16kb' }));
app.use((req, res, next) => {
  res.on('finish', () => {
    const sid = req.lab && req.lab.sid;
    lab.log(NAME, `${req.method} ${req.originalUrl.split('?')[0]} -> ${res.statusCode} sid=${short(sid)}`);
  });
  next();
});

function unauthorized(res) {
  if (cfg.redirectUnauth) return res.redirect(302, '/login');
  return res.status(401).json({ error: 'unauthorized' });
}

app.get('/', async (req, res) => {
  await resolveSession(req, res);
  await ensurePrelogin(req, res);
  res.json({ app: NAME, mode: cfg.mode });
});

app.get('/login', async (req, res) => {
  await resolveSession(req, res);
  // The form's CSRF token lives in the session, so form mode always has one.
  await ensurePrelogin(req, res, cfg.form);
  const csrf = cfg.form ? issueCsrf(req.lab.sid) : undefined;
  res.type('html').send(lab.loginPage(`sessionscan lab (${NAME}, ${cfg.mode})`, csrf));
});

app.post('/login', async (req, res) => {
  await resolveSession(req, res);
  const body = req.body || {};
  if (cfg.form && !csrfOk(req.lab.sid, body._csrf)) {
    return res.status(403).json({ error: 'invalid csrf token' });
  }
  const user = lab.checkCredentials(body.username, body.password);
  if (!user) {
    await ensurePrelogin(req, res);
    return res.status(cfg.loginFail200 ? 200 : 401).json({ error: 'invalid credentials' });
  }

  const cur = req.lab.session;
  const oldSid = req.lab.sid;
  let sid;
  if (cfg.rotate && !(cur && cur.userId && !cfg.reauthRotate)) {
    // The fix: a new random item bound to the user.
    [sid] = await createSession(user);
    if (cur && cfg.deleteOld) await deleteSession(oldSid);
  } else if (cur) {
    // Vulnerable (ROTATE=0), or re-login without REAUTH_ROTATE: keep the id.
    sid = oldSid;
    if (cur.userId !== user) await elevateInPlace(sid, user);
  } else {
    [sid] = await createSession(user);
  }
  if (oldSid) csrfBySid.delete(oldSid);
  setSessionCookie(req, res, sid);
  if (cfg.bind) {
    const token = crypto.randomBytes(16).toString('hex');
    bindBySid.set(sid, token);
    res.append('Set-Cookie', `lab_bind=${token}; Path=/; HttpOnly; SameSite=Strict`);
  }
  req.lab = { sid, session: null };

  if (cfg.form) return res.redirect(302, '/profile');
  const out = { ok: true, user };
  if (cfg.idInBody) out.sessionId = sid;
  return res.json(out);
});

app.get('/profile', async (req, res) => {
  await resolveSession(req, res);
  const s = req.lab.session;
  if (!s || !s.userId) return unauthorized(res);
  if (cfg.bind && (req.cookies || {}).lab_bind !== bindBySid.get(req.lab.sid)) return unauthorized(res);
  res.json({ userId: s.userId });
});

if (cfg.logout) {
  app.post('/logout', async (req, res) => {
    await resolveSession(req, res);
    if (req.lab.sid) {
      csrfBySid.delete(req.lab.sid);
      if (cfg.logoutDestroy) await deleteSession(req.lab.sid);
    }
    setSessionCookie(req, res, '', true);
    res.json({ ok: true });
  });
}

lab.jsonErrors(app, NAME);

async function main() {
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: cfg.table }));
  if (Table.TableStatus !== 'ACTIVE') throw new Error(`table ${cfg.table} is ${Table.TableStatus}`);
  const shown = { ...cfg };
  delete shown.overridden;
  lab.log(NAME, `config ${JSON.stringify(shown)}`);
  lab.listen(app, NAME);
}

main().catch((e) => {
  process.stderr.write(`${NAME}: ${e.name || 'Error'}: ${e.message}\n`);
  process.exit(1);
});
