'use strict';
/*
 * Manual check (not run by jest or CI) of docs/triggers.md's statements about the Lever Trigger in n8n's
 * queue mode with several webhook processes: Postgres + Redis + n8n main (production webhooks off) + one
 * worker + two `n8n webhook` processes A and B, all on one user folder with the packed package, against the
 * emulator. Needs root (Postgres runs as the `postgres` user), redis-server and PostgreSQL 15 binaries
 * (see the team's n8n notes, queue mode), the n8n cache and a built dist/. Run:
 *   N8N_CACHE_DIR=/work/n8n-cache node test/e2e/queue-mode-webhooks.js
 * Prints the counts of executions for each case as JSON. Scratch files go to a temp folder.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn, execFileSync } = require('child_process');
const ROOT = path.resolve(__dirname, '..', '..');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'lever-queue-mode-'));
fs.chmodSync(WORK, 0o755); // Postgres runs as its own user and must reach its data folder
const h = require(path.join(ROOT, 'test/e2e/n8n.js'));
const { startEmulator } = require(path.join(ROOT, 'test/emulator'));
const { listExecutions, restSession } = require(path.join(ROOT, 'test/e2e/helpers.js'));
const DATA_DIR = path.join(WORK, 'pgdata');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sign = (s, t, a) => crypto.createHmac('sha256', s).update(`${t}${a}`).digest('hex');
const procs = [];
function bg(cmd, args, opts, logName) {
  const out = fs.openSync(path.join(WORK, `${logName}.log`), 'a');
  const c = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', out, out] });
  procs.push(c); return c;
}
async function ready(url) { for (let i = 0; i < 240; i++) { const r = await h.httpGet(url); if (r.status === 200) return; await sleep(500); } throw new Error(`not ready ${url}`); }
(async () => {
  const [pgPort, redisPort, mainPort, aPort, bPort] = await Promise.all([h.freePort(), h.freePort(), h.freePort(), h.freePort(), h.freePort()]);
  bg('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {}, 'redis');
  const DATA = path.join(WORK, 'pgdata'), SOCK = path.join(WORK, 'pgsock');
  execFileSync('install', ['-d', '-o', 'postgres', '-g', 'postgres', DATA, SOCK]);
  execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/initdb', '-D', DATA, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], { stdio: 'ignore' });
  execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/pg_ctl', '-D', DATA, '-l', path.join(SOCK, 'pg.log'), '-w', '-o', `-p ${pgPort} -k ${SOCK} -c listen_addresses=127.0.0.1`, 'start'], { stdio: 'ignore' });
  const psql = (sql) => execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/psql', '-h', SOCK, '-p', String(pgPort), '-U', 'postgres', '-c', sql]);
  psql("CREATE USER n8n WITH PASSWORD 'n8n'"); psql('CREATE DATABASE n8n OWNER n8n');
  const env = { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(pgPort), DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: 'n8n',
    EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort) };
  const emu = await startEmulator({ port: 0, opportunities: 5, rateLimit: false, webhookRetryDelaysMs: [] });
  const tgz = await h.packPackage({ build: false });
  const folder = await h.createUserFolder({ tarball: tgz });
  await h.n8n(folder, ['import:credentials', `--input=${(() => { const f = path.join(WORK, 'cred.json'); fs.writeFileSync(f, JSON.stringify([{ id: 'qmLeverApiKey001', name: 'emu', type: 'leverAtsApi', data: { environment: 'custom', customBaseUrl: emu.apiUrl, apiKey: 'test-key' } }])); return f; })()}`], { env });
  const HOOK = '9e0f5c1e-2a3d-4e5f-8a9b-0c1d2e3f4a99';
  const wf = { id: 'qmLeverTrigWf001', name: 'qm', active: false, nodes: [{ id: 'n1', name: 'Lever Trigger', type: 'n8n-nodes-lever.leverTrigger', typeVersion: 1, position: [0, 0], webhookId: HOOK,
    parameters: { authentication: 'apiKey', registration: 'automatic', events: ['candidateStageChange'], options: {} }, credentials: { leverAtsApi: { id: 'qmLeverApiKey001', name: 'emu' } } }], connections: {}, settings: { executionOrder: 'v1' }, pinData: {} };
  fs.writeFileSync(path.join(WORK, 'wf.json'), JSON.stringify(wf));
  await h.n8n(folder, ['import:workflow', `--input=${path.join(WORK, 'wf.json')}`], { env });
  await h.n8n(folder, ['publish:workflow', `--id=${wf.id}`], { env });
  const aUrl = `http://127.0.0.1:${aPort}/webhook/${HOOK}/webhook`, bUrl = `http://127.0.0.1:${bPort}/webhook/${HOOK}/webhook`;
  const main = await h.startN8n(folder, { port: mainPort, env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', WEBHOOK_URL: `http://127.0.0.1:${aPort}/`, N8N_WEBHOOK_URL: `http://127.0.0.1:${aPort}/` } });
  const p = h.installer.paths();
  const penv = (extra) => ({ ...h.n8nEnv(folder, { ...env, ...extra }) });
  bg(p.nodeBin, [p.n8nBin, 'worker', '--concurrency=5'], { cwd: folder, env: penv({ N8N_RUNNERS_BROKER_PORT: String(await h.freePort()) }) }, 'worker');
  bg(p.nodeBin, [p.n8nBin, 'webhook'], { cwd: folder, env: penv({ N8N_PORT: String(aPort), N8N_RUNNERS_BROKER_PORT: String(await h.freePort()) }) }, 'webhookA');
  bg(p.nodeBin, [p.n8nBin, 'webhook'], { cwd: folder, env: penv({ N8N_PORT: String(bPort), N8N_RUNNERS_BROKER_PORT: String(await h.freePort()) }) }, 'webhookB');
  await ready(`http://127.0.0.1:${aPort}/healthz/readiness`); await ready(`http://127.0.0.1:${bPort}/healthz/readiness`);
  for (let i = 0; i < 120 && !emu.state.webhooks.values().length; i++) await sleep(500);
  const secret = emu.state.webhooks.values()[0]._signatureToken;
  console.log('subscribed', emu.state.webhooks.values()[0].url);
  const session = await restSession(main.url);
  const count = async () => (await listExecutions(session, wf.id, { limit: 250 })).length;
  const delivery = () => { const at = Date.now(); const token = crypto.randomBytes(24).toString('hex'); return { triggeredAt: at, event: 'candidateStageChange', data: { opportunityId: crypto.randomUUID() }, token, signature: sign(secret, token, at) }; };
  const post = async (url, body) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
  const settle = async () => { let last = -1; for (;;) { await sleep(2500); const c = await count(); if (c === last) return c; last = c; } };
  const results = {};
  // 1: sequential: A accepts, then the copy goes to B after the save.
  let base = await settle();
  const d = delivery();
  results.seqStatuses = [await post(aUrl, d)]; await sleep(3000); results.seqStatuses.push(await post(bUrl, d));
  results.seqRuns = (await settle()) - base;
  // 2: one delivery to A and B at the same moment, 5 times.
  base = await settle();
  for (let i = 0; i < 5; i++) { const e = delivery(); await Promise.all([post(aUrl, e), post(bUrl, e)]); }
  results.simultaneousRunsOutOf5x2 = (await settle()) - base;
  // 3: F to A and G to B at once (overlapping saves), then F to B and G to A.
  base = await settle();
  let rerun = 0;
  for (let i = 0; i < 5; i++) {
    const f = delivery(), g = delivery();
    await Promise.all([post(aUrl, f), post(bUrl, g)]); await sleep(3000);
    const before = await settle(); await Promise.all([post(bUrl, f), post(aUrl, g)]); rerun += (await settle()) - before;
  }
  results.crossReplaysThatRanOutOf10 = rerun;
  // 4: same process copies always refused: 10 deliveries to A, then their copies to A at once.
  base = await settle();
  const ten = Array.from({ length: 10 }, delivery); await Promise.all(ten.map((x) => post(aUrl, x)));
  await Promise.all(ten.map((x) => post(aUrl, x)));
  results.sameProcess10Plus10Copies = (await settle()) - base;
  console.log(JSON.stringify(results));
  await main.stop();
  for (const c of procs) { try { process.kill(-c.pid, 'SIGTERM'); } catch {} }
  execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/pg_ctl', '-D', DATA, '-m', 'fast', 'stop'], { stdio: 'ignore' });
  await emu.close();
  h.removeUserFolder(folder);
  fs.rmSync(WORK, { recursive: true, force: true });
  process.exit(0);
})().catch(async (e) => { console.error(e); for (const c of procs) { try { process.kill(-c.pid, 'SIGKILL'); } catch {} } try { execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/pg_ctl', '-D', DATA_DIR, '-m', 'immediate', 'stop']); } catch {} process.exit(1); });
