// export.mjs - the IATI export's benchmark (run it through tests/bench/export, which checks the tools and refreshes
// build/). On one private stack (tests/e2e/harness.mjs: MariaDB with the demo data; its database is a scratch copy),
// it copies the demo's projects with every part the export reads (applications with their partners, co-applicants,
// SDGs and results framework, decisions, project years, reports with their financial lines and indicator values,
// disbursements, incoming funds) with INSERT ... SELECT until there are BENCH_SIZES projects (10 000, then
// 100 000), runs kpp-export over each under GNU time, and prints the wall time and the peak resident memory.
//
// Goals, checked: the largest export within 1.2x the smallest one's peak RSS (the export reads a page of projects
// at a time, so memory must not grow with their number) and under 30 s. Exit status 0 when both are met, 1 when
// not or when something failed. BENCH_KEEP=1 keeps the stack's directory and the files written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD, run, startStack } from '../e2e/harness.mjs';

const SIZES = (process.env.BENCH_SIZES || '10000,100000').split(',').map(Number);
const RSS_RATIO = 1.2;
const SECONDS = 30;
const KEEP = process.env.BENCH_KEEP === '1';
// Copies of a row get its id plus k * OFF (k = 1, 2, ...): above every id of the demo, below INT UNSIGNED's end.
const OFF = 1000000;

class BenchError extends Error {}

/* The tables a copy fills: its rows come with a project (map m: pid, aid, k, c), ids moved by k * OFF. */
const COPIES = [
	{ table: 'applications', from: 'applications t JOIN bench_map m ON m.aid = t.id',
		set: 'id = id + k * OFF, follows_project_id = follows_project_id + k * OFF, create_token = NULL' },
	{ table: 'application_coapplicants', from: 'application_coapplicants t JOIN bench_map m ON m.aid = t.application_id',
		set: 'application_id = application_id + k * OFF' },
	{ table: 'application_partners', from: 'application_partners t JOIN bench_map m ON m.aid = t.application_id',
		set: 'application_id = application_id + k * OFF' },
	{ table: 'application_sdgs', from: 'application_sdgs t JOIN bench_map m ON m.aid = t.application_id',
		set: 'application_id = application_id + k * OFF' },
	{ table: 'objectives', from: 'objectives t JOIN bench_map m ON m.aid = t.application_id',
		set: 'id = id + k * OFF, application_id = application_id + k * OFF' },
	{ table: 'expected_results', from: 'expected_results t JOIN objectives o ON o.id = t.objective_id JOIN bench_map m ON m.aid = o.application_id',
		set: 'id = id + k * OFF, objective_id = objective_id + k * OFF' },
	{ table: 'indicators', from: 'indicators t JOIN expected_results er ON er.id = t.result_id JOIN objectives o ON o.id = er.objective_id JOIN bench_map m ON m.aid = o.application_id',
		set: 'id = id + k * OFF, result_id = result_id + k * OFF' },
	{ table: 'decisions', from: 'decisions t JOIN bench_map m ON m.aid = t.application_id',
		set: 'id = id + k * OFF, application_id = application_id + k * OFF' },
	// Codes NNNN-NNNN from the copy's number c: 0000-0001 on, before the demo's own 2013-0001 ...
	{ table: 'projects', from: 'projects t JOIN bench_map m ON m.pid = t.id',
		set: "id = id + k * OFF, application_id = application_id + k * OFF, follows_project_id = follows_project_id + k * OFF, code = CONCAT(LPAD(c DIV 10000, 4, '0'), '-', LPAD(c MOD 10000, 4, '0'))" },
	{ table: 'project_years', from: 'project_years t JOIN bench_map m ON m.pid = t.project_id',
		set: 'project_id = project_id + k * OFF' },
	{ table: 'reports', from: 'reports t JOIN bench_map m ON m.pid = t.project_id',
		set: 'id = id + k * OFF, project_id = project_id + k * OFF' },
	{ table: 'report_financial_lines', from: 'report_financial_lines t JOIN reports r ON r.id = t.report_id JOIN bench_map m ON m.pid = r.project_id',
		set: 'report_id = report_id + k * OFF' },
	{ table: 'indicator_values', from: 'indicator_values t JOIN reports r ON r.id = t.report_id JOIN bench_map m ON m.pid = r.project_id',
		set: 'report_id = report_id + k * OFF, indicator_id = indicator_id + k * OFF' },
	{ table: 'disbursements', from: 'disbursements t JOIN bench_map m ON m.pid = t.project_id',
		set: 'id = id + k * OFF, project_id = project_id + k * OFF, report_id = report_id + k * OFF' },
	{ table: 'incoming_funds', from: 'incoming_funds t JOIN bench_map m ON m.pid = t.project_id',
		set: 'id = id + k * OFF, project_id = project_id + k * OFF' },
];

/** Refreshes the statistics of the tables grow() fills, so that the export's plans are those of a running server. */
export async function analyze(stack) {
	await stack.mysql(`ANALYZE TABLE ${COPIES.map((t) => t.table).join(', ')}`, { timeoutMs: 1800000 });
}

/** Grows the projects from have (the demo's base of them plus the copies so far) to want. */
export async function grow(stack, base, have, want) {
	const sql = (s) => stack.mysql(s, { timeoutMs: 1800000 });
	// The copies numbered have - base + 1 to want - base, each of the demo project of rank (c - 1) % base + 1.
	await sql(`DROP TABLE IF EXISTS bench_map;
		CREATE TABLE bench_map (c INT UNSIGNED NOT NULL PRIMARY KEY, k INT UNSIGNED NOT NULL,
			pid INT UNSIGNED NOT NULL, aid INT UNSIGNED NOT NULL, KEY (pid), KEY (aid)) ENGINE=InnoDB;
		INSERT INTO bench_map (c, k, pid, aid)
			SELECT s.seq, (s.seq - 1) DIV ${base} + 1, r.pid, r.aid FROM seq_${have - base + 1}_to_${want - base} s
			JOIN bench_rank r ON r.rnk = (s.seq - 1) MOD ${base} + 1;`);
	for (const t of COPIES) {
		// The table's own columns in its order, but those MariaDB computes (reports.deadline), which take no value.
		const cols = (await sql(`SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()
			AND table_name = '${t.table}' AND is_generated = 'NEVER' ORDER BY ordinal_position`)).map((r) => `\`${r[0]}\``);
		// A copy of each row with its copy number, moved, then inserted.
		await sql(`SET SESSION foreign_key_checks = 0, check_constraint_checks = 0, unique_checks = 0;
			CREATE TEMPORARY TABLE bench_t AS SELECT ${cols.map((c) => `t.${c}`).join(', ')}, m.k AS k, m.c AS c FROM ${t.from};
			UPDATE bench_t SET ${t.set.replace(/OFF/g, OFF)};
			INSERT INTO ${t.table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM bench_t;`);
	}
}

/*
 * Published as the public files say (db_iati.c's Q_PAGE, db_public.c): approved and not withheld. Copies of
 * these are published too.
 */
const PUBLISHED = `p.withheld = 0 AND EXISTS (SELECT 1 FROM applications pa WHERE pa.id = p.application_id
	AND pa.status = 'approved')`;

/**
 * Makes the stack's database ready for copies; returns how many projects the demo has: all of them, or with
 * {published: true} only the published ones, which are then the only ones copied (tests/bench/http's public
 * file).
 */
export async function prepare(stack, { published = false } = {}) {
	const sql = (s) => stack.mysql(s, { timeoutMs: 1800000 });
	// The scratch copy needs no result caches nor public version: without their triggers the copies go several
	// times faster.
	const triggers = (await sql(`SELECT trigger_name FROM information_schema.triggers
		WHERE trigger_schema = DATABASE() AND (trigger_name LIKE '%\\_dv\\_%' OR trigger_name LIKE '%\\_pv\\_%')`)).map((r) => r[0]);
	if (triggers.length) await sql(triggers.map((t) => `DROP TRIGGER \`${t}\`;`).join('\n'));
	await sql(`CREATE TABLE bench_rank (rnk INT UNSIGNED NOT NULL PRIMARY KEY, pid INT UNSIGNED NOT NULL,
			aid INT UNSIGNED NOT NULL) ENGINE=InnoDB;
		INSERT INTO bench_rank SELECT ROW_NUMBER() OVER (ORDER BY p.id), p.id, p.application_id FROM projects p
			${published ? `WHERE ${PUBLISHED}` : ''};`);
	return Number((await sql('SELECT COUNT(*) FROM bench_rank'))[0][0]);
}

/** kpp-export under GNU time: {seconds, rssMb, activities, bytes}. */
async function measure(stack, file) {
	const r = await run('/usr/bin/time', ['-v', path.join(BUILD, 'kpp-export'), '-c', stack.confPath, '--output', file],
		{ timeoutMs: 600000 });
	if (r.code !== 0) throw new BenchError(`kpp-export failed (${r.code}):\n${r.stderr}`);
	const field = (name) => {
		const m = r.stderr.match(new RegExp(`${name}: (.*)`));
		if (!m) throw new BenchError(`GNU time printed no "${name}"`);
		return m[1].trim();
	};
	const wall = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number);
	const seconds = wall.reduce((acc, v) => acc * 60 + v, 0);
	const activities = Number((r.stderr.match(/kpp-export: (\d+) activities written/) || [])[1]);
	return {
		seconds, rssMb: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024,
		user: Number(field('User time \\(seconds\\)')), activities, bytes: fs.statSync(file).size,
	};
}

async function main() {
	const t0 = Date.now();
	const stack = await startStack({ workers: 1, name: 'bench-export' });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpp-bench-export-'));
	let failed = false;
	try {
		const sql = (s) => stack.mysql(s, { timeoutMs: 1800000 });
		const base = await prepare(stack);
		const results = [];
		let have = base;
		for (const size of SIZES) {
			if (size < have) throw new BenchError(`BENCH_SIZES must grow from the demo's ${base} projects`);
			const g0 = Date.now();
			process.stderr.write(`bench: copying the demo's ${base} projects up to ${size} ...`);
			if (size > have) await grow(stack, base, have, size);
			have = size;
			await analyze(stack);
			const n = Number((await sql('SELECT COUNT(*) FROM projects'))[0][0]);
			process.stderr.write(` ${n} projects in ${((Date.now() - g0) / 1000).toFixed(0)} s\n`);
			if (n !== size) throw new BenchError(`${n} projects, not ${size}`);
			const m = await measure(stack, path.join(dir, `iati-${size}.xml`));
			if (m.activities !== size) throw new BenchError(`kpp-export wrote ${m.activities} activities, not ${size}`);
			results.push({ size, ...m });
			console.log(`${String(size).padStart(7)} projects: ${m.seconds.toFixed(2).padStart(6)} s wall, ` +
				`${m.user.toFixed(2).padStart(6)} s CPU, peak RSS ${m.rssMb.toFixed(1).padStart(6)} MB, ` +
				`file ${(m.bytes / 1048576).toFixed(1)} MB`);
		}
		const small = results[0];
		const large = results[results.length - 1];
		const ratio = large.rssMb / small.rssMb;
		const rssOk = ratio <= RSS_RATIO;
		const timeOk = large.seconds < SECONDS;
		console.log(`peak RSS ${large.size} / ${small.size}: ${ratio.toFixed(3)} (goal <= ${RSS_RATIO}): ${rssOk ? 'met' : 'MISSED'}`);
		console.log(`${large.size} projects in ${large.seconds.toFixed(2)} s (goal < ${SECONDS} s): ${timeOk ? 'met' : 'MISSED'}`);
		failed = !rssOk || !timeOk;
	} finally {
		await stack.stop({ keep: KEEP });
		if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
		else console.log(`kept: ${dir}`);
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
