// The bench's peer: PostGraphile 4 serving the tracker's tables (schema public) and
// the read functions of peer-schema.sql (schema bench_peer) at POST /graphql, with
// the options its documentation gives for production. No auth: the peer answers
// anyone, as the floor does.
//   node bench/peer/server.js --database-url URL --port N [--pool-size N]
// Prints one "listening" line on stdout once the schema is built; GET /health
// answers 200 from then on.
'use strict';

const http = require('node:http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');

function parseArgs(argv) {
  const args = { databaseUrl: null, port: null, poolSize: 10 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--database-url') args.databaseUrl = value;
    else if (flag === '--port') args.port = Number(value);
    // the central app's pool is 10 connections unless told otherwise: the same here
    else if (flag === '--pool-size') args.poolSize = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  if (!args.databaseUrl || !Number.isInteger(args.port)) {
    throw new Error('usage: node server.js --database-url URL --port N [--pool-size N]');
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const pool = new Pool({ connectionString: args.databaseUrl, max: args.poolSize });
  const middleware = postgraphile(pool, ['public', 'bench_peer'], {
    graphiql: false,
    enhanceGraphiql: false,
    subscriptions: false,
    watchPg: false,
    retryOnInitFail: false,
    disableQueryLog: true,
    // expose only what the connecting role is granted, as a deployment would
    ignoreRBAC: false,
    // the peer's functions return no null rows: non-null list items, no null checks
    setofFunctionsContainNulls: false,
    dynamicJson: true,
    legacyRelations: 'omit',
    extendedErrors: ['errcode'],
    showErrorStack: false,
  });

  // Building the schema introspects the database; a failure ends the process
  // (retryOnInitFail: false) instead of serving errors.
  await middleware.getGraphQLSchema();

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
      return;
    }
    middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"not found"}]}');
    });
  });
  server.listen(args.port, '127.0.0.1', () => {
    process.stdout.write(`peer listening on http://127.0.0.1:${args.port}/graphql\n`);
  });

  const stop = () => {
    server.close(() => pool.end().then(() => process.exit(0)));
    // idle keep-alive connections would hold close() open
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  process.stderr.write(`peer failed to start: ${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
});
