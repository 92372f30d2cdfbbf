'use strict';
/**
 * Runs one bench part on its own (`node bench/<part>.js --flag N …`): `run(arg, log)` gets the numeric flags
 * (`arg('--records', 5000)`) and a log to stderr; its figures are printed as JSON on stdout, an error on
 * stderr with exit code 1.
 */
function runFromCommandLine(run) {
	const args = process.argv.slice(2);
	const arg = (name, fallback) => {
		const i = args.indexOf(name);
		return i >= 0 ? Number(args[i + 1]) : fallback;
	};
	const log = (m) => process.stderr.write(`${m}\n`);
	Promise.resolve()
		.then(() => run(arg, log))
		.then((figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`))
		.catch((error) => {
			process.stderr.write(`${error.stack ?? error}\n`);
			process.exitCode = 1;
		});
}

module.exports = { runFromCommandLine };
