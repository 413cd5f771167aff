#!/usr/bin/env node
// In-memory DynamoDB-compatible server (dynalite) for the sessionscan lab.
//
// Listens on 127.0.0.1 on a free port (or DYNALITE_PORT) and prints exactly one
// line on stdout once it accepts connections:
//
//   DYNAMO_URL=http://127.0.0.1:PORT
//
// dynalite 4.0.0 has no UpdateTimeToLive and always answers DescribeTimeToLive
// with DISABLED, so this wrapper keeps the per-table TTL setting itself (in
// memory) and answers both operations; everything else goes to dynalite
// unchanged. TTL here is bookkeeping only: like real DynamoDB (which deletes
// expired items lazily, often days later) nothing is deleted on expiry, so an
// app that does not check expiresAt itself still accepts stale sessions.
'use strict';

const http = require('http');
const dynalite = require('dynalite');

const HOST = '127.0.0.1';
const PORT = Number(process.env.DYNALITE_PORT || 0);

// Tables stay in CREATING/DELETING/UPDATING this long (dynalite default 500).
const STATE_MS = Number(process.env.DYNALITE_STATE_MS || 50);

const inner = dynalite({
  createTableMs: STATE_MS,
  deleteTableMs: STATE_MS,
  updateTableMs: STATE_MS,
});
const dynaliteHandler = inner.listeners('request')[0];

// TableName -> { AttributeName, Enabled }
const ttlByTable = new Map();

// CRC32 (IEEE) of the body, as DynamoDB sends it in x-amz-crc32.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function send(res, status, obj) {
  const body = Buffer.from(JSON.stringify(obj));
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('x-amz-crc32', String(crc32(body)));
  res.setHeader('x-amzn-RequestId', 'lab-ttl-' + Date.now().toString(36));
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

// Ask dynalite itself whether the table exists (same auth headers as the
// caller, so its auth validation applies too). Resolves to [status, bodyText].
function describeTable(port, headers, tableName) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ TableName: tableName });
    const h = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.DescribeTable',
      'content-length': Buffer.byteLength(body),
    };
    for (const k of ['authorization', 'x-amz-date', 'date', 'x-amz-security-token']) {
      if (headers[k]) h[k] = headers[k];
    }
    const r = http.request({ host: HOST, port, method: 'POST', path: '/', headers: h }, (resp) => {
      const chunks = [];
      resp.on('data', (c) => chunks.push(c));
      resp.on('end', () => resolve([resp.statusCode, Buffer.concat(chunks).toString()]));
    });
    r.on('error', reject);
    r.end(body);
  });
}

async function handleTtl(op, req, res, port) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > 1 << 20) return send(res, 413, { message: 'request too large' });
    chunks.push(c);
  }
  let data;
  try {
    data = JSON.parse(Buffer.concat(chunks).toString() || '{}');
  } catch {
    return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' });
  }
  if (typeof data.TableName !== 'string' || !data.TableName) {
    return send(res, 400, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'TableName is required',
    });
  }
  const [status, text] = await describeTable(port, req.headers, data.TableName);
  if (status !== 200) {
    // Table missing or auth problem: relay dynalite's own error.
    let err;
    try { err = JSON.parse(text); } catch { err = { message: text }; }
    return send(res, status, err);
  }
  if (op === 'DescribeTimeToLive') {
    const t = ttlByTable.get(data.TableName);
    const desc = t && t.Enabled
      ? { TimeToLiveStatus: 'ENABLED', AttributeName: t.AttributeName }
      : { TimeToLiveStatus: 'DISABLED' };
    return send(res, 200, { TimeToLiveDescription: desc });
  }
  // UpdateTimeToLive
  const spec = data.TimeToLiveSpecification || {};
  if (typeof spec.AttributeName !== 'string' || !spec.AttributeName || typeof spec.Enabled !== 'boolean') {
    return send(res, 400, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'TimeToLiveSpecification needs AttributeName (string) and Enabled (boolean)',
    });
  }
  const cur = ttlByTable.get(data.TableName);
  if (cur && cur.Enabled === spec.Enabled) {
    return send(res, 400, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message: spec.Enabled ? 'TimeToLive is already enabled' : 'TimeToLive is already disabled',
    });
  }
  ttlByTable.set(data.TableName, { AttributeName: spec.AttributeName, Enabled: spec.Enabled });
  return send(res, 200, {
    TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: spec.Enabled },
  });
}

const server = http.createServer((req, res) => {
  const target = String(req.headers['x-amz-target'] || '');
  const op = target.split('.')[1];
  if (req.method === 'POST' && (op === 'UpdateTimeToLive' || op === 'DescribeTimeToLive')) {
    handleTtl(op, req, res, server.address().port).catch((e) => {
      if (!res.headersSent) send(res, 500, { __type: 'InternalServerError', message: String(e) });
    });
    return;
  }
  dynaliteHandler(req, res);
});

server.on('error', (e) => {
  process.stderr.write(`dynalite: ${e.message}\n`);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  process.stdout.write(`DYNAMO_URL=http://${HOST}:${server.address().port}\n`);
});

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
}
