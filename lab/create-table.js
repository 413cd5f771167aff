#!/usr/bin/env node
// Create a session table in the lab's DynamoDB and wait until it is ACTIVE.
//
//   DYNAMO_URL=http://127.0.0.1:PORT node create-table.js TABLE HASH_KEY [TTL_ATTRIBUTE]
//
// HASH_KEY is a string (S) hash key. An existing ACTIVE table with the same
// key is accepted. With TTL_ATTRIBUTE, Time To Live is enabled on it.
// Exits 0 when done, 1 with a message on stderr otherwise (bounded: 15 s).
'use strict';

const {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  DescribeTimeToLiveCommand,
} = require('@aws-sdk/client-dynamodb');
const { dynamoClient } = require('./lib/common');

const DEADLINE_MS = 15000;

async function main() {
  const [table, hashKey, ttlAttr] = process.argv.slice(2);
  if (!table || !hashKey) {
    throw new Error('usage: create-table.js TABLE HASH_KEY [TTL_ATTRIBUTE]');
  }
  const client = dynamoClient();
  const deadline = Date.now() + DEADLINE_MS;

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

  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const key = (Table.KeySchema || []).find((k) => k.KeyType === 'HASH');
    if (!key || key.AttributeName !== hashKey) {
      throw new Error(`table ${table} exists with hash key ${key && key.AttributeName}, wanted ${hashKey}`);
    }
    if (Table.TableStatus === 'ACTIVE') break;
    if (Date.now() > deadline) throw new Error(`table ${table} still ${Table.TableStatus} after ${DEADLINE_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }

  if (ttlAttr) {
    const cur = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
    const d = cur.TimeToLiveDescription || {};
    if (!(d.TimeToLiveStatus === 'ENABLED' && d.AttributeName === ttlAttr)) {
      await client.send(new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: ttlAttr, Enabled: true },
      }));
    }
  }
  process.stderr.write(`create-table: ${table} (hash key ${hashKey}${ttlAttr ? `, TTL on ${ttlAttr}` : ''}) ACTIVE\n`);
}

main().catch((e) => {
  process.stderr.write(`create-table: ${e.name || 'Error'}: ${e.message}\n`);
  process.exit(1);
});
