#!/usr/bin/env node
// Signs every request of a cases file (tests/sigv4-node/cases.json) with @smithy/signature-v4, the
// signer of the AWS SDK for JavaScript v3, at the file's fixed date, and prints one line per
// request: "NAME AUTHORIZATION". test_store_sigv4 --sign prints the same lines from our C code.
'use strict';

const fs = require('fs');
const { SignatureV4 } = require('@smithy/signature-v4');
const { Hash } = require('@smithy/hash-node');

function parseQuery(q) {
  const out = {};
  for (const part of (q || '').split('&').filter(Boolean)) {
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    const v = i < 0 ? '' : part.slice(i + 1);
    if (k in out) out[k] = [].concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

function amzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

async function main() {
  const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const cfg = doc.config;
  for (const t of doc.tests) {
    const headers = {};
    let sessionToken;
    let hostname = '';
    for (const [name, value] of t.headers) {
      const lower = name.toLowerCase();
      if (lower === 'x-amz-date') continue; // the signer sets it from signingDate
      if (lower === 'x-amz-security-token') { sessionToken = value; continue; }
      if (lower === 'host') hostname = value;
      headers[name] = value;
    }
    const signer = new SignatureV4({
      credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey, sessionToken },
      region: cfg.region,
      service: cfg.service,
      sha256: Hash.bind(null, 'sha256'),
      applyChecksum: false,
    });
    const signed = await signer.sign({
      method: t.method,
      protocol: 'https:',
      hostname,
      path: t.path,
      query: parseQuery(t.query),
      headers,
      body: t.body,
    }, { signingDate: amzDate(cfg.amzDate) });
    process.stdout.write(`${t.name} ${signed.headers.authorization}\n`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
