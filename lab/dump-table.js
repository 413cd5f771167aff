#!/usr/bin/env node
// Print every item of a lab session table, one JSON object per line
// (DynamoDB JSON unmarshalled), for tests and demos.
//
//   DYNAMO_URL=... node dump-table.js [TABLE]      (TABLE defaults to $SESSION_TABLE)
'use strict';

const { ScanCommand } = require('@aws-sdk/client-dynamodb');
const { unmarshall } = require('@aws-sdk/util-dynamodb');
const { dynamoClient } = require('./lib/common');

async function main() {
  const table = process.argv[2] || process.env.SESSION_TABLE;
  if (!table) throw new Error('usage: dump-table.js TABLE (or set SESSION_TABLE)');
  const client = dynamoClient();
  let start;
  do {
    const r = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of r.Items || []) process.stdout.write(JSON.stringify(unmarshall(item)) + '\n');
    start = r.LastEvaluatedKey;
  } while (start);
}

main().catch((e) => {
  process.stderr.write(`dump-table: ${e.name || 'Error'}: ${e.message}\n`);
  process.exit(1);
});
