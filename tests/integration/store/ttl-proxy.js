#!/usr/bin/env node
// Test proxy in front of dynalite, for the store audit's tests only.
//
// dynalite 4.0.0 has no UpdateTimeToLive and always says DISABLED, so this proxy answers
// DescribeTimeToLive / UpdateTimeToLive itself (TTL_STATUS, TTL_ATTR) and passes every other
// request through unchanged. It also logs each operation name (X-Amz-Target) and the access key
// of each request to OPS_LOG, so tests can assert that only read operations were sent and which
// credentials signed them, and it can inject faults:
//   FAULT=throttle:N  the first N Scan requests get 400 ProvisionedThroughputExceededException
//   FAULT=5xx:N       the first N Scan requests get 500 InternalServerError
//   FAULT=auth        every request gets 400 UnrecognizedClientException
//   FAULT=huge        Scan answers 200 with a 17 MiB body (over the client's 16 MiB cap)
//   FAULT=garbage     Scan answers 200 with a body that is not JSON
//
//   UPSTREAM=http://127.0.0.1:P [TTL_STATUS=ENABLED TTL_ATTR=expiresAt] OPS_LOG=FILE node ttl-proxy.js
// Prints PROXY_URL=http://127.0.0.1:PORT once listening. Stops on SIGTERM.
'use strict';

const http = require('http');
const fs = require('fs');

const upstream = new URL(process.env.UPSTREAM);
let ttl = { status: process.env.TTL_STATUS || 'DISABLED', attr: process.env.TTL_ATTR || '' };
const [faultKind, faultCount] = (process.env.FAULT || '').split(':');
let faultsLeft = Number(faultCount || 0);
const MAX_BODY = 16 << 20;

function answer(res, status, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) req.destroy();
    else chunks.push(c);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const op = String(req.headers['x-amz-target'] || '').split('.').pop();
    const akid = (/Credential=([^/]+)\//.exec(req.headers.authorization || '') || [])[1] || '-';
    if (process.env.OPS_LOG) fs.appendFileSync(process.env.OPS_LOG, `${op} ${akid}\n`);
    if (faultKind === 'auth') {
      return answer(res, 400, { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
    }
    if (op === 'Scan' && faultsLeft > 0 && faultKind === 'throttle') {
      faultsLeft--;
      return answer(res, 400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded' });
    }
    if (op === 'Scan' && faultsLeft > 0 && faultKind === '5xx') {
      faultsLeft--;
      return answer(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'boom' });
    }
    if (op === 'Scan' && faultKind === 'huge') {
      const big = Buffer.alloc(17 << 20, 0x20);
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': big.length });
      return res.end(big);
    }
    if (op === 'Scan' && faultKind === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
      return res.end('<html>not json</html>');
    }
    if (op === 'DescribeTimeToLive') {
      const d = { TimeToLiveStatus: ttl.status };
      if (ttl.attr) d.AttributeName = ttl.attr;
      return answer(res, 200, { TimeToLiveDescription: d });
    }
    if (op === 'UpdateTimeToLive') {
      const spec = JSON.parse(body.toString() || '{}').TimeToLiveSpecification || {};
      ttl = { status: spec.Enabled ? 'ENABLED' : 'DISABLED', attr: spec.AttributeName || '' };
      return answer(res, 200, { TimeToLiveSpecification: spec });
    }
    const up = http.request({
      host: upstream.hostname, port: upstream.port, path: req.url, method: req.method,
      headers: { ...req.headers, host: upstream.host },
    }, (ur) => {
      res.writeHead(ur.statusCode, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => answer(res, 502, { __type: 'ProxyError', message: 'upstream unreachable' }));
    up.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PROXY_URL=http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
