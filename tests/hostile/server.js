#!/usr/bin/env node
// A deliberately hostile HTTP server for sessionscan's robustness suite (issue 8).
//
// One listener per case on 127.0.0.1 (free ports), each a plausible login flow (GET /, GET /login,
// POST /login with {"username","password"}, GET /profile) that misbehaves in one way, plus a
// "stray" listener standing for another origin: the cases redirect there, and every connection
// it gets is appended to the --stray-log file (the test asserts it stays empty).
//
// Usage: node server.js --stray-log FILE [--lifetime SECONDS] [--only CASE,CASE]
// Prints "CASE name url" per case, "STRAY url", then "READY". Stops by itself after --lifetime
// (default 600 s), and on SIGTERM. Core modules only, so that it can write raw malformed bytes.
// Every loop is bounded: by a byte or line count and by the peer closing the connection.
'use strict';
const net = require('net');
const zlib = require('zlib');
const fs = require('fs');
const crypto = require('crypto');

const USER = 'alice';
const PASSWORD = process.env.SS_TEST_PASSWORD || 'alice-pass-123';
const MAX_REQUEST = 64 * 1024; // request head + body we read before giving up on a client
const MAX_SESSIONS = 10000;

function arg(name, dflt) {
    const i = process.argv.indexOf(name);
    return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}
const strayLog = arg('--stray-log', null);
const lifetime = Number(arg('--lifetime', '600'));
const only = arg('--only', '');
if (!strayLog || !(lifetime > 0)) {
    process.stderr.write('usage: node server.js --stray-log FILE [--lifetime SECONDS] [--only A,B]\n');
    process.exit(2);
}

// ---- raw HTTP helpers ---------------------------------------------------------------------------

// Reads one request (head and Content-Length body, both capped) and calls back with it; a TLS
// handshake goes to onTls instead.
function readRequest(sock, cb, onTls) {
    let data = Buffer.alloc(0);
    let done = false;
    const onData = (chunk) => {
        if (done) return;
        if (data.length === 0 && chunk[0] === 0x16 && onTls) {
            done = true;
            onTls();
            sock.destroy();
            return;
        }
        data = Buffer.concat([data, chunk]);
        if (data.length > MAX_REQUEST) {
            done = true;
            sock.destroy();
            return;
        }
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) return;
        const lines = data.subarray(0, end).toString('latin1').split('\r\n');
        const [method, target] = lines[0].split(' ');
        const headers = {};
        for (const l of lines.slice(1)) {
            const c = l.indexOf(':');
            if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
        }
        const len = Math.min(Number(headers['content-length'] || 0) || 0, MAX_REQUEST);
        const body = data.subarray(end + 4);
        if (body.length < len) return;
        done = true;
        sock.removeListener('data', onData);
        cb({ method, path: (target || '/').split('?')[0], headers, body: body.subarray(0, len) });
    };
    sock.on('data', onData);
}

function cookies(req) {
    const out = {};
    for (const part of (req.headers.cookie || '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    return out;
}

// Writes a well-formed response and closes the connection.
function send(sock, status, headers, body) {
    const b = Buffer.isBuffer(body) ? body : Buffer.from(body || '', 'latin1');
    const head = [`HTTP/1.1 ${status} ${status < 300 ? 'OK' : status < 400 ? 'Found' : 'Error'}`,
        ...headers, `Content-Length: ${b.length}`, 'Connection: close', '', ''].join('\r\n');
    sock.end(Buffer.concat([Buffer.from(head, 'latin1'), b]));
}

// Writes chunks from next() (a Buffer, or null when done) honouring back-pressure, until the
// peer goes away or `limit` bytes were written.
function pump(sock, next, limit) {
    let sent = 0;
    const go = () => {
        while (!sock.destroyed && sent < limit) {
            const chunk = next();
            if (!chunk) break;
            sent += chunk.length;
            if (!sock.write(chunk)) return void sock.once('drain', go);
        }
        if (!sock.destroyed) sock.end();
    };
    sock.on('error', () => {});
    go();
}

// Streams `total` zero bytes through the given compressors (applied in order) into sock: the
// bomb is generated on the fly, never held in memory, and stops when the peer hangs up.
function bomb(sock, head, total, compressors) {
    sock.write(head);
    const chain = compressors.map((make) => make());
    for (let i = 0; i + 1 < chain.length; i++) chain[i].pipe(chain[i + 1]);
    chain[chain.length - 1].pipe(sock);
    const zeros = Buffer.alloc(1 << 20);
    let fed = 0;
    let stopped = false;
    const stop = () => {
        if (stopped) return;
        stopped = true;
        for (const z of chain) z.destroy();
    };
    sock.on('close', stop);
    sock.on('error', stop);
    for (const z of chain) z.on('error', stop);
    const feed = () => {
        while (!stopped && fed < total) {
            fed += zeros.length;
            if (!chain[0].write(zeros)) return void chain[0].once('drain', feed);
        }
        if (!stopped) chain[0].end();
    };
    feed();
}

// Flushed at every write, so that even stacked layers reach the client at once.
const gzip = () => zlib.createGzip({ level: 9, flush: zlib.constants.Z_SYNC_FLUSH });
const brotli = () => zlib.createBrotliCompress({
    flush: zlib.constants.BROTLI_OPERATION_FLUSH,
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 },
});

// ---- the well-behaved login flow every case starts from ----------------------------------------

function newSid() { return crypto.randomBytes(16).toString('hex'); }

class App {
    // name: the session cookie's name (latin1: bytes as they go on the wire)
    constructor(name) { this.name = name || 'sid'; this.sessions = new Map(); this.count = 0; }

    session(req) {
        const sid = cookies(req)[this.name];
        return sid && this.sessions.has(sid) ? { sid, user: this.sessions.get(sid) } : null;
    }

    remember(sid, user) {
        if (this.sessions.size >= MAX_SESSIONS) this.sessions.clear();
        this.sessions.set(sid, user);
    }

    credentialsOk(req) {
        try {
            const j = JSON.parse(req.body.toString('utf8'));
            return j.username === USER && j.password === PASSWORD;
        } catch (e) {
            return false;
        }
    }

    // Pre-login sessions at / and GET /login, rotation at login, /profile needs login.
    handle(req, sock) {
        const s = this.session(req);
        const prelogin = s ? [] : [(() => {
            const sid = newSid();
            this.remember(sid, null);
            return `Set-Cookie: ${this.name}=${sid}; Path=/; HttpOnly`;
        })()];
        if (req.method === 'GET' && (req.path === '/' || req.path === '/fresh'))
            return send(sock, 200, ['Content-Type: application/json', ...prelogin], '{"app":"hostile"}');
        if (req.method === 'GET' && req.path === '/login')
            return send(sock, 200, ['Content-Type: text/html', ...prelogin],
                '<form method="post" action="/login"><input name="username"><input name="password" type="password"></form>');
        if (req.method === 'POST' && req.path === '/login') {
            if (!this.credentialsOk(req))
                return send(sock, 401, ['Content-Type: application/json'], '{"error":"invalid credentials"}');
            const sid = newSid();
            if (s) this.sessions.delete(s.sid);
            this.remember(sid, USER);
            return send(sock, 200, ['Content-Type: application/json', `Set-Cookie: ${this.name}=${sid}; Path=/; HttpOnly`],
                `{"ok":true,"user":"${USER}"}${this.extra || ''}`);
        }
        if (req.method === 'GET' && req.path === '/profile') {
            if (s && s.user) return send(sock, 200, ['Content-Type: application/json'], `{"userId":"${USER}"}`);
            return send(sock, 401, ['Content-Type: application/json'], '{"error":"unauthorized"}');
        }
        return send(sock, 404, ['Content-Type: application/json'], '{"error":"not found"}');
    }
}

// ---- the cases ---------------------------------------------------------------------------------
// Each: on(req) says whether this request gets the hostile answer (otherwise the normal flow
// runs); hostile(req, sock, ctx) writes it. ctx = { app, strayUrl }.

const isProfile = (req) => req.method === 'GET' && req.path === '/profile';
const isLoginPost = (req) => req.method === 'POST' && req.path === '/login';
const raw = (s) => Buffer.from(s, 'latin1');

const cases = {
    baseline: { // well-behaved: the harness's control (scans clean)
        on: () => false,
    },
    'endless-body': {
        on: isProfile,
        hostile: (req, sock) => {
            sock.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n');
            const chunk = Buffer.alloc(64 * 1024, 'A');
            pump(sock, () => chunk, 1 << 30);
        },
    },
    'huge-content-length': {
        on: isProfile,
        hostile: (req, sock) => {
            sock.write('HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\nConnection: close\r\n\r\n');
            const chunk = Buffer.alloc(64 * 1024, 'B');
            pump(sock, () => chunk, 1 << 30);
        },
    },
    'slow-drip': { // one byte per second, status line included
        on: isProfile,
        hostile: (req, sock) => {
            const text = raw('HTTP/1.1 401 Unauthorized\r\nContent-Length: 600\r\n\r\n' + 'x'.repeat(600));
            let i = 0;
            const t = setInterval(() => {
                if (sock.destroyed || i >= text.length) return void (clearInterval(t), sock.destroy());
                sock.write(text.subarray(i, ++i));
            }, 1000);
            sock.on('close', () => clearInterval(t));
            sock.on('error', () => {});
        },
    },
    'giant-header': { // one 8 MB header line
        on: isProfile,
        hostile: (req, sock) => {
            sock.write('HTTP/1.1 401 Unauthorized\r\nX-Giant: ');
            const chunk = Buffer.alloc(64 * 1024, 'g');
            let n = 0;
            pump(sock, () => (n++ < 128 ? chunk : null), 8 << 20);
        },
    },
    'many-header-lines': { // 100,000 header lines
        on: isProfile,
        hostile: (req, sock) => {
            sock.write('HTTP/1.1 401 Unauthorized\r\n');
            let n = 0;
            pump(sock, () => (n < 100000 ? raw(`X-Line-${n}: ${n++}\r\n`) : n++ === 100000 ? raw('\r\n') : null), 64 << 20);
        },
    },
    'many-set-cookies': { // 10,000 Set-Cookie headers on the login answer
        on: isLoginPost,
        hostile: (req, sock) => {
            sock.write('HTTP/1.1 200 OK\r\n');
            let n = 0;
            pump(sock, () => (n < 10000 ? raw(`Set-Cookie: c${n}=${n++}; Path=/\r\n`)
                : n++ === 10000 ? raw('Content-Length: 2\r\nConnection: close\r\n\r\n{}') : null), 64 << 20);
        },
    },
    'cookie-flood': { // the login sets 100 cookies besides the session (a working flow)
        on: isLoginPost,
        hostile: (req, sock, ctx) => {
            const sid = newSid();
            ctx.app.remember(sid, USER);
            const many = Array.from({ length: 100 }, (_, i) => `Set-Cookie: pref${i}=${'p'.repeat(200)}; Path=/`);
            send(sock, 200, ['Content-Type: application/json', ...many, `Set-Cookie: sid=${sid}; Path=/`], '{"ok":true}');
        },
    },
    'huge-cookie': { // a 1 MB Set-Cookie value on the login answer
        on: isLoginPost,
        hostile: (req, sock) => {
            sock.write(`HTTP/1.1 200 OK\r\nSet-Cookie: sid=${'c'.repeat(1 << 20)}; Path=/\r\nContent-Length: 2\r\n\r\n{}`);
            sock.end();
        },
    },
    'gzip-bomb': { // 10 GB of zeros, gzip
        on: isProfile,
        hostile: (req, sock) => bomb(sock, 'HTTP/1.1 401 Unauthorized\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n',
            10 * 2 ** 30, [gzip]),
    },
    'stacked-gzip-gzip': {
        on: isProfile,
        hostile: (req, sock) => bomb(sock, 'HTTP/1.1 401 Unauthorized\r\nContent-Encoding: gzip, gzip\r\nConnection: close\r\n\r\n',
            10 * 2 ** 30, [gzip, gzip]),
    },
    'stacked-gzip-br': {
        on: isProfile,
        hostile: (req, sock) => bomb(sock, 'HTTP/1.1 401 Unauthorized\r\nContent-Encoding: gzip, br\r\nConnection: close\r\n\r\n',
            10 * 2 ** 30, [gzip, brotli]),
    },
    'encoding-chain': { // 1,000 encodings listed
        on: isProfile,
        hostile: (req, sock) => sock.end(`HTTP/1.1 401 Unauthorized\r\nContent-Encoding: ${Array(1000).fill('gzip').join(', ')}\r\nContent-Length: 4\r\n\r\nnope`),
    },
    'bad-gzip': { // says gzip, is not
        on: isProfile,
        hostile: (req, sock) => sock.end('HTTP/1.1 401 Unauthorized\r\nContent-Encoding: gzip\r\nContent-Length: 26\r\n\r\nthis is not gzip at all!!!'),
    },
    'sample-bomb': { // scan --entry /fresh --samples: the first visit issues an ID, the rest are bombs
        on: (req, ctx) => req.method === 'GET' && req.path === '/fresh' && !req.headers.cookie &&
            ctx.app.count++ > 0,
        hostile: (req, sock) => bomb(sock, 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n',
            10 * 2 ** 30, [gzip]),
        fresh: true,
    },
    'redirect-loop': { // the login redirects to itself forever
        on: (req) => req.path === '/login',
        hostile: (req, sock) => send(sock, 302, ['Location: /login'], ''),
    },
    'redirect-chain': { // the login starts a 1,000-hop chain of distinct URLs
        on: (req) => req.path === '/login' || req.path.startsWith('/hop/'),
        hostile: (req, sock) => {
            const n = req.path.startsWith('/hop/') ? Number(req.path.slice(5)) + 1 : 1;
            send(sock, 302, [`Location: /hop/${Math.min(n, 1000)}`], '');
        },
    },
    'redirect-offsite': { // the login hands over to another origin, with the session
        on: isLoginPost,
        hostile: (req, sock, ctx) => send(sock, 302, [`Location: ${ctx.strayUrl}/sso?from=login`,
            `Set-Cookie: sid=${newSid()}; Path=/`], ''),
    },
    'redirect-offsite-307': { // a 307 would resend the password to the other origin
        on: isLoginPost,
        hostile: (req, sock, ctx) => send(sock, 307, [`Location: ${ctx.strayUrl}/login`], ''),
    },
    'redirect-offsite-relative': { // protocol-relative, other host name for the same machine
        on: isLoginPost,
        hostile: (req, sock, ctx) => send(sock, 302, [`Location: //localhost:${ctx.strayPort}/x`], ''),
    },
    'redirect-other-host': { // same port, other host name: another origin on this very listener
        on: isLoginPost,
        hostile: (req, sock, ctx) => send(sock, 302, [`Location: http://localhost:${ctx.port}/profile`,
            `Set-Cookie: sid=${newSid()}; Path=/`], ''),
    },
    'redirect-https-307': { // same host and port, https: would carry the password over
        on: isLoginPost,
        hostile: (req, sock, ctx) => send(sock, 307, [`Location: https://127.0.0.1:${ctx.port}/login`], ''),
    },
    'entry-offsite': { // a working flow whose home page redirects elsewhere (scans clean)
        on: (req) => req.method === 'GET' && req.path === '/',
        hostile: (req, sock, ctx) => send(sock, 302, [`Location: ${ctx.strayUrl}/home`,
            `Set-Cookie: sid=${newSid()}; Path=/`], ''),
    },
    'redirect-other-scheme': { // file:, gopher: and friends are never requested
        on: isLoginPost,
        hostile: (req, sock) => send(sock, 302, ['Location: file:///etc/passwd'], ''),
    },
    'bad-status-line': {
        on: isProfile,
        hostile: (req, sock) => sock.end('HTTP/1.1 2OO Okay-ish\r\nContent-Length: 2\r\n\r\nhi'),
    },
    'huge-status-code': {
        on: isProfile,
        hostile: (req, sock) => sock.end('HTTP/1.1 99999999999999999999 Big\r\nContent-Length: 2\r\n\r\nhi'),
    },
    'http09': { // a body without any status line
        on: isProfile,
        hostile: (req, sock) => sock.end('<html>hello from 1991</html>\n'),
    },
    'binary-garbage': { // random bytes instead of a response
        on: isProfile,
        hostile: (req, sock) => sock.end(crypto.randomBytes(4096)),
    },
    'empty-reply': { // accepted, request read, closed without a byte
        on: isProfile,
        hostile: (req, sock) => sock.end(),
    },
    'reset-mid-body': {
        on: isProfile,
        hostile: (req, sock) => {
            sock.write(`HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n${'r'.repeat(1000)}`);
            setTimeout(() => sock.resetAndDestroy(), 50);
        },
    },
    'short-body': { // Content-Length larger than what is sent, then a clean close
        on: isProfile,
        hostile: (req, sock) => sock.end(`HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n${'s'.repeat(10)}`),
    },
    'bogus-chunked': { // a chunk size that overflows 64 bits
        on: isProfile,
        hostile: (req, sock) => sock.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n'),
    },
    'negative-chunk': {
        on: isProfile,
        hostile: (req, sock) => sock.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n0\r\n\r\n'),
    },
    'nul-in-headers': { // NUL bytes inside header lines of the login answer
        on: isLoginPost,
        hostile: (req, sock) => sock.end(raw(`HTTP/1.1 200 OK\r\nX-Nul: a\x00b\r\nSet-Cookie: sid=${newSid()}\x00; Path=/\r\n` +
            'Content-Length: 2\r\nConnection: close\r\n\r\n{}')),
    },
    'bad-utf8': { // a working flow whose cookie name, headers and bodies are not UTF-8
        app: () => Object.assign(new App('s\xc3\x28id\xff'), { extra: '\xff\xfe\xc0\xaf' }),
        on: (req) => req.method === 'GET' && req.path === '/',
        hostile: (req, sock, ctx) => send(sock, 200, ['Content-Type: text/html; charset=\xff\xfe',
            `Set-Cookie: ${ctx.app.name}=\xe2\x82${newSid()}; Path=/`, 'X-Junk: \xf0\x28\x8c\xbc'],
            raw('<p>\xc3\x28\xa0\xa1 \xed\xa0\x80 \xf8\x88\x80\x80\x80</p>')),
    },
    'thousand-forms': { // a login page with 1,000 forms, of which the real one needs a token
        on: (req) => (req.method === 'GET' && req.path === '/login') || isLoginPost(req),
        hostile: (req, sock) => {
            if (req.method === 'POST')
                return send(sock, 403, ['Content-Type: application/json'], '{"error":"missing form token"}');
            const forms = [];
            for (let i = 0; i < 1000; i++)
                forms.push(`<form method="post" action="/login?f=${i}"><input type="hidden" name="_t" value="${i}">` +
                    '<input name="username"><input name="password" type="password"></form>');
            send(sock, 200, ['Content-Type: text/html'], `<html><body>${forms.join('\n')}</body></html>`);
        },
    },
    'flapping-login': { // a logged-in session is logged out on every other request
        on: (req, ctx) => isProfile(req) && !!ctx.app.session(req)?.user,
        hostile: (req, sock, ctx) => {
            ctx.app.count++;
            if (ctx.app.count % 2 === 1)
                return send(sock, 200, ['Content-Type: application/json'], `{"userId":"${USER}"}`);
            send(sock, 401, ['Content-Type: application/json'], '{"error":"unauthorized"}');
        },
    },
    'never-answers': { // reads the request, then silence with the connection open
        on: isProfile,
        hostile: (req, sock) => { sock.on('error', () => {}); },
    },
    'deep-json': { // 500,000 levels of nesting, same answer logged in or not
        on: (req) => isProfile(req) || isLoginPost(req),
        hostile: (req, sock) => {
            const depth = 500000;
            const body = Buffer.concat([Buffer.alloc(depth, '['), Buffer.alloc(depth, ']')]);
            send(sock, 200, ['Content-Type: application/json', `Set-Cookie: sid=${newSid()}; Path=/`], body);
        },
    },
    'informational-flood': { // 100 Continue for ever before the real answer
        on: isProfile,
        hostile: (req, sock) => {
            let n = 0;
            const line = raw('HTTP/1.1 100 Continue\r\n\r\n');
            pump(sock, () => (n++ < 1000000 ? line : null), 64 << 20);
        },
    },
};

// ---- listeners ---------------------------------------------------------------------------------

function listen(handler) {
    return new Promise((resolve, reject) => {
        const srv = net.createServer(handler);
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve(srv));
    });
}

async function main() {
    fs.writeFileSync(strayLog, '');
    const stray = await listen((sock) => {
        fs.appendFileSync(strayLog, `connection from ${sock.remoteAddress}:${sock.remotePort}\n`);
        readRequest(sock, (req) => {
            fs.appendFileSync(strayLog, `${req.method} ${req.path} cookie=${req.headers.cookie ? 'yes' : 'no'}\n`);
            send(sock, 200, ['Content-Type: text/plain'], 'stray');
        });
        sock.on('error', () => {});
    });
    const strayPort = stray.address().port;
    const strayUrl = `http://127.0.0.1:${strayPort}`;
    const wanted = only ? only.split(',') : Object.keys(cases);
    const lines = [];
    for (const name of wanted) {
        const c = cases[name];
        if (!c) throw new Error(`unknown case ${name}`);
        const ctx = { app: c.app ? c.app() : new App(), strayUrl, strayPort, port: 0 };
        const stray = (what) => fs.appendFileSync(strayLog, `${name}: ${what}\n`);
        const srv = await listen((sock) => {
            sock.on('error', () => {});
            sock.setNoDelay(true);
            readRequest(sock, (req) => {
                // another origin that happens to reach this listener (other host name)
                if (req.headers.host !== `127.0.0.1:${ctx.port}`) {
                    stray(`${req.method} ${req.path} Host: ${req.headers.host}`);
                    return send(sock, 400, [], 'wrong origin');
                }
                if (c.on(req, ctx)) c.hostile(req, sock, ctx);
                else ctx.app.handle(req, sock);
            }, () => stray('TLS handshake'));
        });
        ctx.port = srv.address().port;
        lines.push(`CASE ${name} http://127.0.0.1:${srv.address().port}`);
    }
    process.stdout.write(`${lines.join('\n')}\nSTRAY ${strayUrl}\nREADY\n`);
}

setTimeout(() => process.exit(0), lifetime * 1000);
process.on('SIGTERM', () => process.exit(0));
main().catch((e) => {
    process.stderr.write(`hostile server: ${e.stack || e}\n`);
    process.exit(1);
});
