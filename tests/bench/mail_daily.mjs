// mail_daily.mjs - the daily pass's benchmark (run it through tests/bench/mail_daily, which checks the tools and
// refreshes build/). On one private stack (tests/e2e/harness.mjs: MariaDB with the demo data; its database is a
// scratch copy) it copies the demo's projects with their reports (export.mjs's grow()) until there are
// BENCH_PROJECTS (10 000), and moves each copy's deadlines by a number of days of its own (within half a year
// either way), so that the reports fall due over the year as a real programme's do rather than 100 at a time.
// Then `kpp-mailer --daily` runs three times: on the demo's today, the first pass (every report not yet
// submitted that has reached a stage is reminded, as on the day the pass goes live), the same day again
// (nothing left to do) and the next day (an ordinary day: the reports reaching a stage that day). Each pass's
// own time (kpp-mailer's log: one transaction, from its lock to its commit) and the process's are printed with
// the reminders and messages it queued.
//
// Goal, checked: the pass of an ordinary day, and one with nothing to do, under GOAL_MS over the 10 000 projects:
// what a pass costs is its one set-based look at the reports and an INSERT ... SELECT per 16 reminders it queues
// (db_outbox_send_orgs()), so the first pass, which catches up on the whole month before, is printed with its cost
// per message rather than held to it. Exit status 0 when met, 1 when not or when something failed.
// BENCH_KEEP=1 keeps the stack's directory.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD, DEMO_TODAY, run, setIni, startStack } from '../e2e/harness.mjs';
import { analyze, grow, prepare } from './export.mjs';

const PROJECTS = Number(process.env.BENCH_PROJECTS || 10000);
const GOAL_MS = 1000;
const KEEP = process.env.BENCH_KEEP === '1';
// export.mjs's copies get the ids of their originals plus k * 1 000 000.
const OFF = 1000000;

class BenchError extends Error {}

/** One `kpp-mailer --daily` with [app] today = day: {ms (the pass), wallMs (the process), reminders, rounds, digests, queued}. */
async function pass(stack, day) {
	const conf = path.join(stack.dir, `bench-${day}.conf`);
	fs.writeFileSync(conf, setIni(fs.readFileSync(stack.confPath, 'utf8'), { 'app.today': day }), { mode: 0o600 });
	const t0 = process.hrtime.bigint();
	const r = await run(path.join(BUILD, 'kpp-mailer'), ['-c', conf, '--daily'], { timeoutMs: 600000 });
	const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
	if (r.code !== 0) throw new BenchError(`kpp-mailer --daily failed (${r.code}):\n${r.stderr}`);
	const m = r.stderr.match(/: (\d+) report reminder\(s\), (\d+) round news, (\d+) digest\(s\): (\d+) message\(s\) queued in (\d+) ms/);
	if (!m) throw new BenchError(`kpp-mailer --daily said nothing of its pass:\n${r.stderr}`);
	const [reminders, rounds, digests, queued, ms] = m.slice(1).map(Number);
	return { ms, wallMs, reminders, rounds, digests, queued };
}

async function main() {
	const t0 = Date.now();
	const stack = await startStack({ workers: 1, name: 'bench-mail-daily' });
	let failed = false;
	try {
		const sql = (s) => stack.mysql(s, { timeoutMs: 1800000 });
		const base = await prepare(stack);
		if (PROJECTS < base) throw new BenchError(`BENCH_PROJECTS must be at least the demo's ${base} projects`);
		process.stderr.write(`bench: copying the demo's ${base} projects up to ${PROJECTS} ...`);
		if (PROJECTS > base) await grow(stack, base, base, PROJECTS);
		// Each copy's reports move by the same number of days, from -182 to +182, drawn from its project's id.
		await sql(`UPDATE reports SET due_on = due_on + INTERVAL CAST(CRC32(project_id) MOD 365 AS SIGNED) - 182 DAY,
			revise_by = revise_by + INTERVAL CAST(CRC32(project_id) MOD 365 AS SIGNED) - 182 DAY WHERE id > ${OFF}`);
		await analyze(stack);
		const [[projects, reports, open]] = await sql(`SELECT (SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM reports),
			(SELECT COUNT(*) FROM reports WHERE status IN ('draft', 'returned'))`);
		process.stderr.write(` ${projects} projects, ${reports} reports (${open} not yet submitted) in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
		if (Number(projects) !== PROJECTS) throw new BenchError(`${projects} projects, not ${PROJECTS}`);

		const next = new Date(`${DEMO_TODAY}T12:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		const runs = [
			['first pass', DEMO_TODAY],
			['same day again', DEMO_TODAY],
			['the next day', next.toISOString().slice(0, 10)],
		];
		const results = [];
		for (const [what, day] of runs) {
			const r = await pass(stack, day);
			results.push(r);
			console.log(`${what.padEnd(15)} ${day}: ${String(r.ms).padStart(5)} ms pass (${r.wallMs.toFixed(0).padStart(5)} ms process), ` +
				`${String(r.reminders).padStart(5)} reminders, ${r.rounds} round news, ${r.digests} digests: ` +
				`${String(r.queued).padStart(5)} messages queued (${r.reminders ? (r.ms / r.reminders).toFixed(2) : '-'} ms per reminder)`);
		}
		if (results[1].reminders !== 0 || results[1].queued !== 0) throw new BenchError('the same day\'s second pass queued something');
		const worst = Math.max(results[1].ms, results[2].ms);
		const ok = worst < GOAL_MS;
		console.log(`second pass / first pass: ${(results[1].ms / Math.max(results[0].ms, 1)).toFixed(3)}; ` +
			`the next day / first pass: ${(results[2].ms / Math.max(results[0].ms, 1)).toFixed(3)}`);
		console.log(`an ordinary day's pass, and one with nothing to do, over ${PROJECTS} projects: at most ${worst} ms ` +
			`(goal < ${GOAL_MS} ms): ${ok ? 'met' : 'MISSED'}`);
		failed = !ok;
	} finally {
		await stack.stop({ keep: KEEP });
		process.stderr.write(`bench: ${((Date.now() - t0) / 1000).toFixed(0)} s in all\n`);
	}
	return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().then((code) => process.exit(code), (e) => {
		console.error(`bench: ${e instanceof BenchError ? e.message : e.stack}`);
		process.exit(1);
	});
}
