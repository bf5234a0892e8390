// The official MCP TypeScript SDK driving `ironbox mcp` over stdio, for McpTypeScriptClientIT: a client nobody on
// the project wrote. Prints ONE JSON object with what it saw; the Java test asserts on it (this script asserts
// nothing, and catches every failure into the object so the test names it).
// Usage: node client.mjs JAVA JAR WORKSPACE [ENGINE=docker]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFileSync } from 'node:child_process';

const [java, jar, workspace, engine = 'docker'] = process.argv.slice(2);
const seen = { errors: [] };
const wire = []; // every JSON-RPC message after the handshake, in order: { sent } or { received }

// the server's own environment (not the SDK's short safe list): the engine's sockets, HOME, CI
const transport = new StdioClientTransport({
  command: java,
  args: ['-jar', jar, 'mcp', '--runtime', engine, '--workspace', workspace, '--timeout', '30s'],
  env: { ...process.env },
  stderr: 'inherit',
});
const client = new Client({ name: 'ironbox-ts-it', version: '1.0.0' });
client.onerror = (error) => seen.errors.push(String(error?.message ?? error));

const slow = { timeout: 120_000 }; // engines on a loaded CI machine; the default is 60 s
const call = async (name, args, options = {}) => {
  try {
    const { structuredContent, isError, content } = await client.callTool({ name, arguments: args }, undefined,
      { ...slow, ...options });
    return { structuredContent, isError: isError ?? false, content };
  } catch (error) {
    return { thrown: String(error?.message ?? error) };
  }
};
// this server's containers, as the engine's own CLI lists them (every one carries the owner's pid)
const containers = () => execFileSync(engine, ['ps', '-aq', '--no-trunc', '--filter', 'label=dev.ironbox.managed=true',
  '--filter', `label=dev.ironbox.owner.pid=${seen.serverPid}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
const until = async (test, ms) => {
  for (const end = Date.now() + ms; !test() && Date.now() < end;) await new Promise((r) => setTimeout(r, 200));
};

try {
  await client.connect(transport);
  const child = transport._process; // private, read only for the exit code at the end
  seen.serverPid = transport.pid;
  seen.server = client.getServerVersion();
  const deliver = transport.onmessage;
  transport.onmessage = (message) => { wire.push({ received: message }); deliver(message); };
  const send = transport.send.bind(transport);
  transport.send = (message, options) => { wire.push({ sent: message }); return send(message, options); };

  seen.tools = (await client.listTools(undefined, slow)).tools
    .map(({ name, description, inputSchema, outputSchema }) => ({ name, description, inputSchema, outputSchema }));
  seen.run = await call('run', { shell: 'echo hello; echo oops >&2; exit 3' });
  seen.runWithStdin = await call('run', { command: ['cat'], stdin: 'from the client\n' });

  seen.sessionStart = await call('session_start', {});
  const sessionId = seen.sessionStart.structuredContent?.sessionId;
  seen.sessionWrite = await call('session_exec', { sessionId, shell: 'echo kept > /tmp/state; echo written' });
  seen.sessionRead = await call('session_exec', { sessionId, command: ['cat', '/tmp/state'] });
  seen.sessionList = await call('session_list', {});
  seen.sessionStop = await call('session_stop', { sessionId });

  // a long run the client gives up on: the SDK sends notifications/cancelled when its AbortSignal fires
  await until(() => containers().length === 0, 20_000);
  const cancelled = seen.cancelled = { containersBefore: containers(), progress: [] };
  const abort = new AbortController();
  const fallback = setTimeout(() => abort.abort('no progress in 20 s'), 20_000);
  const progressed = new Promise((resolve) => { cancelled.onProgress = resolve; });
  const pending = call('run', { shell: 'echo started; sleep 60' }, {
    signal: abort.signal,
    onprogress: (progress) => { cancelled.progress.push(progress); cancelled.onProgress(); },
  });
  await Promise.race([progressed, pending]);
  clearTimeout(fallback);
  delete cancelled.onProgress;
  cancelled.containersWhileRunning = containers();
  abort.abort('the client gave up');
  cancelled.outcome = await pending;
  await until(() => containers().length === 0, 20_000);
  cancelled.containersAfter = containers();
  cancelled.notification = wire.find((m) => m.sent?.method === 'notifications/cancelled')?.sent;
  seen.afterCancel = await call('run', { command: ['echo', 'still serving'] });

  const exchange = (method, test = () => true) => {
    const request = wire.find((m) => m.sent?.method === method && test(m.sent))?.sent;
    const response = wire.find((m) => request && m.received?.id === request.id)?.received;
    return { request, response };
  };
  seen.transcript = { toolsList: exchange('tools/list'), run: exchange('tools/call', (m) => m.params.name === 'run') };
  await client.close();
  seen.serverExit = { code: child.exitCode, signal: child.signalCode };
} catch (error) {
  seen.errors.push(String(error?.stack ?? error));
  await client.close().catch(() => {});
}
process.stdout.write(JSON.stringify(seen) + '\n');
