// The floor: the bench's answers computed by hand-written SQL through `pg`
// behind a bare node:http handler, no framework, no auth, no validation.
// node floor-server.js <port> <database url> <central date>
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { countStatements, statementsIssued } from '@tracker/persistence';
import { Pool } from 'pg';
import { floorAnswer } from '../answers/floor-sql';
import { WORKLOADS, Workload } from '../answers/workloads';
import { FLOOR_PUSH_SQL } from './floor-push.sql';

const [port, databaseUrl, today, statements] = process.argv.slice(2);
const prepared = statements !== 'unnamed';
countStatements();
const pool = new Pool({ connectionString: databaseUrl, max: 20 });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** One batch, one statement in one transaction; answers an outcome per update as the API does. */
async function push(body: string): Promise<unknown> {
  const { updates } = JSON.parse(body) as { updates: unknown[] };
  const { rows } = await pool.query<{ applied: number; received: number }>(FLOOR_PUSH_SQL, [
    JSON.stringify(updates),
  ]);
  const { applied, received } = rows[0];
  return {
    results: [
      ...Array<string>(applied).fill('APPLIED'),
      ...Array<string>(received - applied).fill('DUPLICATE'),
    ],
  };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = req.url ?? '/';
  if (req.method === 'GET' && path === '/health') return reply(res, 200, { status: 'ok' });
  if (req.method === 'GET' && path === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return void res.end(`nsdb_sql_statements_total ${statementsIssued()}\n`);
  }
  const body = await readBody(req);
  if (path === '/w1') return reply(res, 200, await push(body));
  const workload = path.slice(1) as Workload;
  if (WORKLOADS.includes(workload))
    return reply(res, 200, { data: await floorAnswer(workload, pool, today, prepared) });
  reply(res, 404, { error: `no route ${path}` });
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const json = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

createServer((req, res) => {
  handle(req, res).catch((e: unknown) => reply(res, 500, { errors: [{ message: String(e) }] }));
}).listen(Number(port), '127.0.0.1', () => process.stdout.write(`floor listening on ${port}\n`));
