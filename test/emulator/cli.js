#!/usr/bin/env node
'use strict';
/**
 * node test/emulator/cli.js [--port 4010] [--host 127.0.0.1] [--api-key test-key]... [--confidential-api-key k]... [--opportunities 1000] [--seed 7]
 *   [--no-rate-limit] [--rate 10 --burst 20] [--retry-after <s>]
 *   [--rate-429 0.05] [--rate-500 0] [--rate-502 0] [--rate-503 0.02] [--rate-reset 0] [--fault-seed <n>]
 *   [--latency 50] [--latency-max 100] [--slow-body <ms>] [--webhook-retry-delays 1000,5000,...]
 *   [--disabled-webhook-events candidateHired,...] [--oauth-client id:secret]...
 */
const { startEmulator } = require('./index');

function parseArgs(argv) {
	const o = { port: 4010, apiKeys: [], oauthClients: [] };
	const faults = {};
	let rate = null;
	let burst = null;
	let latencyMax = null;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const val = () => (inline !== undefined ? inline : argv[++i]);
		const n = () => Number(val());
		switch (flag) {
			case '--port': o.port = n(); break;
			case '--host': o.host = val(); break;
			case '--api-key': o.apiKeys.push({ key: val() }); break;
			case '--confidential-api-key': o.apiKeys.push({ key: val(), confidential: true }); break;
			case '--opportunities': o.opportunities = n(); break;
			case '--users': o.users = n(); break;
			case '--postings': o.postings = n(); break;
			case '--seed': o.seed = n(); break;
			case '--no-rate-limit': o.rateLimit = false; break;
			case '--rate': rate = n(); break;
			case '--burst': burst = n(); break;
			case '--retry-after': o.retryAfter = n(); break;
			case '--rate-429': faults.rate429 = n(); break;
			case '--rate-500': faults.rate500 = n(); break;
			case '--rate-502': faults.rate502 = n(); break;
			case '--rate-503': faults.rate503 = n(); break;
			case '--rate-reset': faults.rateReset = n(); break;
			case '--fault-seed': faults.seed = n(); break;
			case '--latency': faults.latencyMs = n(); break;
			case '--latency-max': latencyMax = n(); break;
			case '--slow-body': faults.slowBodyMs = n(); break;
			case '--webhook-retry-delays': o.webhookRetryDelaysMs = val().split(',').map(Number); break;
			case '--disabled-webhook-events': o.disabledWebhookEvents = val().split(',').filter(Boolean); break;
			case '--oauth-client': {
				const [clientId, clientSecret] = val().split(':');
				o.oauthClients.push({ clientId, clientSecret });
				break;
			}
			case '--verbose': o.verbose = true; break;
			case '-h':
			case '--help':
				process.stdout.write(require('fs').readFileSync(__filename, 'utf8').split('\n').slice(3, 9).join('\n').replace(/^ \* ?/gm, '') + '\n');
				process.exit(0);
				break;
			default:
				process.stderr.write(`Unknown option ${a}\n`);
				process.exit(2);
		}
	}
	if (latencyMax !== null) faults.latencyMs = [faults.latencyMs || 0, latencyMax];
	if (Object.keys(faults).length) o.faults = faults;
	if (o.rateLimit !== false && (rate !== null || burst !== null)) o.rateLimit = { perSecond: rate !== null ? rate : 10, burst: burst !== null ? burst : 20 };
	if (!o.apiKeys.length) delete o.apiKeys;
	if (!o.oauthClients.length) delete o.oauthClients;
	return o;
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const emu = await startEmulator(opts);
	if (opts.verbose) process.stderr.write(`seeded ${JSON.stringify(emu.state.counts())} in ${emu.seedMs()} ms\n`);
	process.stdout.write(`Lever emulator listening on ${emu.url}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		emu.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
		process.exit(1);
	});
}

module.exports = { parseArgs };
