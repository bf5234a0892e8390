// Latency of a `run` tool call (`true`) through `ironbox mcp` without a pool and with `--pool-size 2`, beside
// `ENGINE run --rm IMAGE true`, interleaved round by round in one process; prints a table. Asserts nothing.
// Run by scripts/bench-mcp.sh. Usage: node bench.mjs ROUNDS WARMUP ENGINE IMAGE WORKSPACE LAUNCHER [ARGS...]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const [rounds, warmup, engine, image, workspace, ...launcher] = process.argv.slice(2);
const server = async (...extra) => {
  const transport = new StdioClientTransport({
    command: launcher[0],
    args: [...launcher.slice(1), 'mcp', '--runtime', engine, '--workspace', workspace, ...extra],
    env: { ...process.env },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'ironbox-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
};
const timed = async (action) => {
  const start = performance.now();
  const pooled = await action();
  return { ms: performance.now() - start, pooled };
};
const toolRun = (client) => timed(async () => {
  const result = await client.callTool({ name: 'run', arguments: { command: ['true'] } });
  if (result.isError || result.structuredContent?.exitCode !== 0) {
    throw new Error(`run failed: ${JSON.stringify(result)}`);
  }
  return result.structuredContent.pooled;
});
const engineRun = () => timed(async () => {
  const done = spawnSync(engine, ['run', '--rm', image, 'true'], { stdio: 'ignore' });
  if (done.status !== 0) throw new Error(`${engine} run --rm ${image} true exited ${done.status}`);
  return false;
});

const cold = await server();
const warm = await server('--pool-size', '2');
const rows = [
  { name: `ironbox mcp run (no pool)`, next: () => toolRun(cold), samples: [] },
  { name: `ironbox mcp run (--pool-size 2)`, next: () => toolRun(warm), samples: [] },
  { name: `${engine} run --rm ${image} true`, next: engineRun, samples: [] },
];
for (let i = 0; i < Number(warmup); i++) for (const row of rows) await row.next();
for (let i = 0; i < Number(rounds); i++) for (const row of rows) row.samples.push(await row.next());
await Promise.all([cold.close(), warm.close()]);

const sdk = JSON.parse(readFileSync(new URL('./node_modules/@modelcontextprotocol/sdk/package.json', import.meta.url)));
const sorted = (row) => row.samples.map((s) => s.ms).sort((a, b) => a - b);
const at = (values, q) => values[Math.max(0, Math.ceil(q * values.length) - 1)];
const median = (v) => (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
const base = median(sorted(rows[2]));
console.log(`bench-mcp: ${engine}, ${rounds} interleaved rounds after ${warmup} warm-up, node ${process.version},`
  + ` @modelcontextprotocol/sdk ${sdk.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${'wall ms per call'.padEnd(52)} ${'median'.padStart(7)} ${'p90'.padStart(7)} ${'min'.padStart(7)}`
  + ` ${'/engine'.padStart(8)} ${'pooled'.padStart(7)}`);
for (const row of rows) {
  const v = sorted(row);
  const pooled = row.samples.filter((s) => s.pooled).length;
  console.log(`${row.name.padEnd(52)} ${median(v).toFixed(0).padStart(7)} ${at(v, 0.9).toFixed(0).padStart(7)}`
    + ` ${v[0].toFixed(0).padStart(7)} ${(median(v) / base).toFixed(2).padStart(7)}x ${`${pooled}/${v.length}`.padStart(7)}`);
}
