#!/usr/bin/env node
// Test fixture for the store audit: creates a session table if needed and puts session items of
// the seed's layout or connect-dynamodb's, with known IDs, so the tests can assert on them.
//
//   DYNAMO_URL=http://127.0.0.1:PORT node seed.js MODE TABLE [COUNT]
//
// MODE: seed-bad | seed-good | connect | bulk (COUNT seed-layout items, batch writes) |
//       dump (prints every item, sorted, as canonical JSON: the before/after comparison).
// Uses the lab's @aws-sdk/client-dynamodb (run with NODE_PATH=$SS_ROOT/lab/node_modules).
'use strict';

if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

const {
  DynamoDBClient, CreateTableCommand, DescribeTableCommand, PutItemCommand,
  BatchWriteItemCommand, ScanCommand,
} = require('@aws-sdk/client-dynamodb');

const now = Math.floor(Date.now() / 1000);
const DAY = 86400;
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMO_URL,
  region: 'us-east-1',
  credentials: { accessKeyId: 'fixture', secretAccessKey: 'fixture' },
  maxAttempts: 5,
});

// Known IDs: the tests check that these never appear whole in the output.
const ID = (n) => n.toString(16).padStart(2, '0').repeat(16);

async function ensureTable(table, hashKey) {
  try {
    await client.send(new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: hashKey, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
  } catch (e) {
    if (e.name !== 'ResourceInUseException') throw e;
  }
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (Table.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`table ${table} not ACTIVE`);
}

function seedItem(id, { user, issued = now - 600, expires = now + 7200 } = {}) {
  const item = { sessionId: { S: id } };
  if (user) item.userId = { S: user };
  if (issued !== null) item.issuedAt = { N: String(issued) };
  if (expires !== null) item.expiresAt = { N: String(expires) };
  return item;
}

const SEED_GOOD = [
  seedItem(ID(0x11), { user: 'alice' }),
  seedItem(ID(0x12), { user: 'alice', issued: now - 5 * DAY }),
  seedItem(ID(0x13), { user: 'bob' }),
  seedItem(ID(0x14)), // anonymous pre-login session: normal
];

const SEED_BAD = [
  ...SEED_GOOD,
  seedItem(ID(0x21), { user: 'alice', issued: now - 4 * DAY, expires: now - 3 * DAY }), // expired
  seedItem(ID(0x22), { expires: now - 2 * DAY }), // expired, anonymous
  seedItem(ID(0x23), { user: 'bob', expires: null }), // no expiry
  seedItem(ID(0x24), { user: 'carol', issued: null }), // no issue time
  seedItem(ID(0x25), { user: 'dave', expires: (now + 3600) * 1000 }), // milliseconds
];

function connectItem(id, { sess, expires = now + 7200 }) {
  return {
    id: { S: 'sess:' + id },
    expires: { N: String(expires) },
    type: { S: 'connect-session' },
    sess: { S: JSON.stringify({ cookie: { originalMaxAge: 7200000, httpOnly: true, path: '/' }, ...sess }) },
  };
}

const CONNECT = [
  connectItem('c1AbCdEfGhIjKlMnOpQrStUvWxYz0123', { sess: { userId: 'alice' } }),
  connectItem('c2AbCdEfGhIjKlMnOpQrStUvWxYz0123', { sess: { passport: { user: 'bob' } } }),
  connectItem('c3AbCdEfGhIjKlMnOpQrStUvWxYz0123', { sess: {} }),
  connectItem('c4AbCdEfGhIjKlMnOpQrStUvWxYz0123', { sess: { userId: 'alice' }, expires: now - DAY }),
];

async function put(table, items) {
  for (const Item of items) await client.send(new PutItemCommand({ TableName: table, Item }));
}

async function bulk(table, count) {
  let batch = [];
  const flush = async () => {
    let req = { [table]: batch };
    for (let tries = 0; Object.keys(req).length && tries < 20; tries++) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: req }));
      req = out.UnprocessedItems || {};
    }
    batch = [];
  };
  for (let i = 0; i < count; i++) {
    const id = require('crypto').randomBytes(16).toString('hex');
    const expired = i % 10 === 0;
    batch.push({ PutRequest: { Item: seedItem(id, {
      user: i % 3 === 0 ? undefined : 'user' + (i % 5000),
      issued: now - (i % 1000) * 60,
      expires: expired ? now - 3600 : now + 7200,
    }) } });
    if (batch.length === 25) await flush();
  }
  if (batch.length) await flush();
}

function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

async function dump(table) {
  const rows = [];
  let start;
  do {
    const out = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const it of out.Items || []) rows.push(canonical(it));
    start = out.LastEvaluatedKey;
  } while (start);
  rows.sort();
  process.stdout.write(rows.join('\n') + '\n');
}

async function main() {
  const [mode, table, count] = process.argv.slice(2);
  if (!process.env.DYNAMO_URL || !mode || !table) throw new Error('usage: DYNAMO_URL=... seed.js MODE TABLE [COUNT]');
  switch (mode) {
    case 'seed-bad': await ensureTable(table, 'sessionId'); return put(table, SEED_BAD);
    case 'seed-good': await ensureTable(table, 'sessionId'); return put(table, SEED_GOOD);
    case 'connect': await ensureTable(table, 'id'); return put(table, CONNECT);
    case 'bulk': await ensureTable(table, 'sessionId'); return bulk(table, Number(count || 1000));
    case 'dump': return dump(table);
    default: throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((e) => { console.error(`seed.js: ${e.name}: ${e.message}`); process.exit(1); });
