// http.mjs - the HTTP benchmark of kpp (run it through tests/bench/http, which checks the tools and refreshes
// build/). In one run, on one private stack (tests/e2e/harness.mjs: MariaDB with the demo data, the FastCGI
// workers under spawn-fcgi + multiwatch, nginx with the production site file and no access log), it measures
// with wrk, one after the other:
//
//   static file   the applicant's start page saved as a file, served by the same nginx (/bench/static/)
//   hello         tests/bench/hello_fcgi.c: the same bytes from memory, as many workers under the same
//                 supervisor, behind the same nginx (location = /bench/hello, a copy of the site's
//                 "location /" with the hello socket): the FastCGI ceiling
//   GET /healthz, GET /login (anonymous), GET / as the signed-in applicant (borlange@kommun.example)
//   the application form: GET of a draft's section page (the project, the longest), and POST of that section
//                 saved as a draft (a Lua script for wrk: each connection saves its own draft with the version it
//                 last saved, so that every POST is a real save, one transaction, answered 303; BENCH_SAVERS
//                 connections, one wrk thread each, 4 by default)
//   a report: GET of the applicant's progress report form (a draft filled in), and POST of that form as
//                 multipart/form-data with a PDF of 1 MB to attach (a Lua script again: BENCH_UPLOADERS connections,
//                 4 by default, each saving its own report with a file of new content each time, so that every
//                 POST is a real upload: parsed, hashed, written, fsynced and linked into the store, its row and
//                 audit row written in the save's transaction, answered 303)
//   the admin inbox over 10 000 applications (INBOX_SIZE): the demo's submitted applications copied with
//                 INSERT ... SELECT until there are that many (after the measurements above, which the copies
//                 would change), then its first page and a filtered and sorted page, signed in as
//                 admin@icld.example; and each page's latency when the workers' result cache cannot answer it
//                 (the data version moved on before every request: what the first view after a change costs);
//                 and the statistics page (admin) over the same database, cached and not
//
// and prints req/s, p50, p99, each one's ratio to the ceiling, and the CPU each request costs per process
// group (read from /proc) with the database statements per request (MariaDB's Questions counter).
// Figures are printed, not asserted: it exits 0 when everything ran, 1 when something failed to run
// (a non-200 answer, non-2xx answers or socket errors during a wrk run, a start page that stopped being one),
// 2 when a tool is missing.
//
// Environment: BENCH_WORKERS (4), BENCH_SECONDS (10), BENCH_WARMUP (seconds before each measurement, 1),
// BENCH_THREADS (wrk -t, 2), BENCH_CONNECTIONS (wrk -c, 16), BENCH_NGINX_WORKERS (nginx worker_processes: 1,
// as in the harness), KPP_BUILD (as for the tests), BENCH_KEEP=1 keeps the stack's directory (var/test/stacks/)
// and the temporary one (both are kept after a failure), BENCH_ANALYZE=0 (below).
//
// The harness's database templates keep the InnoDB statistics of the moment the schema was made (nearly empty
// tables): its server stops right after loading the demo data, before InnoDB's background recalculation.
// A running server has recalculated them since, and the plans differ (the start page's statement scans all
// projects with the stale ones). So the benchmark runs ANALYZE TABLE on its copy of the database first;
// BENCH_ANALYZE=0 measures the copy as the harness leaves it.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	childPids, DEMO_PASSWORD, pidAlive, request, run, SRC, startStack, waitFor,
} from '../e2e/harness.mjs';
import { pdfFile } from '../e2e/lib/files.mjs';
import { NARRATIVE, filled, indicatorsOf } from '../e2e/lib/report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const APPLICANT = 'borlange@kommun.example';
const ADMIN = 'admin@icld.example';

function intEnv(name, def, min = 1) {
	const v = process.env[name];
	if (v === undefined || v === '') return def;
	if (!/^\d+$/.test(v) || Number(v) < min) {
		console.error(`bench: ${name} must be a whole number >= ${min}, not '${v}'`);
		process.exit(2);
	}
	return Number(v);
}

const WORKERS = intEnv('BENCH_WORKERS', 4);
const SECONDS = intEnv('BENCH_SECONDS', 10);
const WARMUP = intEnv('BENCH_WARMUP', 1, 0);
const THREADS = intEnv('BENCH_THREADS', 2);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 16);
const NGINX_WORKERS = intEnv('BENCH_NGINX_WORKERS', 1);
const KEEP = !!process.env.BENCH_KEEP;
const ANALYZE = process.env.BENCH_ANALYZE !== '0';
const SAVERS = intEnv('BENCH_SAVERS', 4);
const UPLOADERS = intEnv('BENCH_UPLOADERS', 4);
const UPLOAD_BYTES = 1024 * 1024;
const INBOX_SIZE = intEnv('BENCH_INBOX_SIZE', 10000);
const MISSES = intEnv('BENCH_MISSES', 20);

class BenchError extends Error {}

// ---- what this script starts itself (the stack stops its own), stopped by pid also on an abnormal exit ----

const mine = { helloSup: null, helloWorkers: [], wrk: null, tmp: null, stackDir: null };

const alive = (c) => c && c.exitCode === null && c.signalCode === null;
const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** On an abnormal exit: stops wrk and the hello responder by pid, synchronously, and removes the temporary
 * directory (the harness kills the stack itself and keeps its directory). */
function killMineSync() {
	if (alive(mine.wrk)) {
		for (const p of childPids(mine.wrk.pid)) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
		try { process.kill(mine.wrk.pid, 'SIGKILL'); } catch { /* gone */ }
	}
	if (alive(mine.helloSup)) {
		// multiwatch stops the workers (SIGUSR1) and exits once they have
		try { process.kill(mine.helloSup.pid, 'SIGTERM'); } catch { /* gone */ }
		for (let i = 0; i < 40 && pidAlive(mine.helloSup.pid); i++) sleepSync(50);
		try { if (pidAlive(mine.helloSup.pid)) process.kill(mine.helloSup.pid, 'SIGKILL'); } catch { /* gone */ }
	}
	for (const p of mine.helloWorkers) { try { if (pidAlive(p)) process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
	if (mine.tmp) fs.rmSync(mine.tmp, { recursive: true, force: true });
}
process.on('exit', killMineSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	// The harness adds its own handler once a stack runs (it kills the stack); this one covers the rest.
	process.on(sig, () => {
		console.error(`bench: ${sig}: stopping everything${mine.stackDir ? `; the stack's directory stays: ${mine.stackDir}` : ''}`);
		killMineSync();
		process.exit(128 + os.constants.signals[sig]);
	});
}

function waitExit(child, ms) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const t = setTimeout(() => { child.removeListener('exit', done); resolve(false); }, ms);
		function done() { clearTimeout(t); resolve(true); }
		child.once('exit', done);
	});
}

// ---- the hello responder ---------------------------------------------------------------------------------

async function buildHello(tmp) {
	const bin = path.join(tmp, 'hello_fcgi');
	const r = await run('cc', ['-O2', '-Wall', '-o', bin, path.join(HERE, 'hello_fcgi.c'), '-lfcgi']);
	if (r.code !== 0) throw new BenchError(`cannot build hello_fcgi.c:\n${r.stdout}${r.stderr}`);
	return bin;
}

/** The full path of a program in PATH (spawn-fcgi and multiwatch exec without searching PATH). */
function which(prog) {
	const dirs = `${process.env.PATH || ''}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`.split(':');
	for (const d of dirs) {
		const p = path.join(d || '.', prog);
		try { fs.accessSync(p, fs.constants.X_OK); return path.resolve(p); } catch { /* next */ }
	}
	throw new BenchError(`${prog} not found in PATH`);
}

async function startHello(bin, bodyFile, contentType, socket, log) {
	const fd = fs.openSync(log, 'a');
	try {
		mine.helloSup = spawn(which('spawn-fcgi'), ['-n', '-s', socket, '-M', '0660', '--',
			which('multiwatch'), '-f', String(WORKERS), '--', bin, bodyFile, contentType],
		{ detached: true, stdio: ['ignore', fd, fd] });
	} finally {
		fs.closeSync(fd);
	}
	const sup = mine.helloSup;
	sup.on('error', (e) => fs.appendFileSync(log, `bench: cannot start spawn-fcgi: ${e.message}\n`));
	await waitFor(() => {
		if (sup.exitCode !== null || sup.signalCode !== null) {
			throw new BenchError(`the hello supervisor exited:\n${fs.readFileSync(log, 'utf8')}`);
		}
		return fs.existsSync(socket) && childPids(sup.pid).length === WORKERS;
	}, 10000, 'the hello socket and workers');
	mine.helloWorkers = childPids(sup.pid);
}

async function stopHello() {
	const sup = mine.helloSup;
	if (!sup) return;
	const workers = mine.helloWorkers.length ? mine.helloWorkers : childPids(sup.pid);
	if (sup.exitCode === null && sup.signalCode === null) {
		try { process.kill(sup.pid, 'SIGTERM'); } catch { /* gone */ }
		if (!(await waitExit(sup, 10000))) {
			try { process.kill(sup.pid, 'SIGKILL'); } catch { /* gone */ }
			await waitExit(sup, 5000);
		}
	}
	await waitFor(() => workers.every((p) => !pidAlive(p)), 5000, 'the hello workers to exit').catch(() => {
		for (const p of workers) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
	});
	mine.helloSup = null;
	mine.helloWorkers = [];
}

// ---- nginx: two more locations in the stack's own site file, then a reload ---------------------------------

async function addBenchLocations(stack, helloSocket, staticDir) {
	const prefix = path.join(stack.dir, 'nginx');
	const siteFile = path.join(prefix, 'site.conf');
	const site = fs.readFileSync(siteFile, 'utf8');
	const app = site.match(/\n\tlocation \/ \{\n[\s\S]*?\n\t\}\n/);
	if (!app) throw new BenchError(`no "location / {...}" block in ${siteFile}`);
	const appPass = `fastcgi_pass unix:${stack.fcgiSocket};`;
	if (!app[0].includes(appPass)) throw new BenchError(`"${appPass}" not found in the site's location /`);
	// The ceiling goes through the very same FastCGI settings and parameters as the application.
	const hello = app[0].replace('\tlocation / {', '\tlocation = /bench/hello {')
		.replace(appPass, `fastcgi_pass unix:${helloSocket};`);
	const stat = `\n\tlocation ^~ /bench/static/ {\n\t\talias ${staticDir}/;\n\t}\n`;
	fs.writeFileSync(siteFile, site.replace(app[0], `${app[0]}${hello}${stat}`));
	const conf = path.join(prefix, 'nginx.conf');
	const top = fs.readFileSync(conf, 'utf8');
	if (!/^worker_processes \d+;$/m.test(top)) throw new BenchError(`no "worker_processes N;" line in ${conf}`);
	fs.writeFileSync(conf, top.replace(/^worker_processes \d+;$/m, `worker_processes ${NGINX_WORKERS};`));
	const t = await run('nginx', ['-t', '-q', '-p', prefix, '-c', conf, '-e', stack.logs.nginxError]);
	if (t.code !== 0) throw new BenchError(`the site with the bench locations does not pass nginx -t:\n${t.stdout}${t.stderr}`);
	// Reloaded once the old worker processes are gone: until then they still accept connections.
	const oldWorkers = childPids(stack.nginxPid);
	process.kill(stack.nginxPid, 'SIGHUP');
	await waitFor(async () => {
		if (oldWorkers.some(pidAlive)) return false;
		const r = await request(stack.baseUrl, '/bench/hello').catch(() => null);
		return r && r.status === 200;
	}, 15000, 'nginx to reload with /bench/hello', 100);
}

// ---- CPU and database counters ----------------------------------------------------------------------------

const CLK_TCK = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100; } catch { return 100; } })();

function procTicks(pid) {
	try {
		const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
		return Number(f[11]) + Number(f[12]);	// utime + stime
	} catch {
		return null;
	}
}

function machineTicks() {
	const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
	const total = f.reduce((a, b) => a + b, 0);
	return { total, busy: total - f[3] - f[4], irq: f[5] + f[6] };	// busy: minus idle and iowait
}

async function questions(stack) {
	const rows = await stack.mysql("SHOW GLOBAL STATUS LIKE 'Questions'", { database: '' });
	return Number(rows[0][1]);
}

/** A snapshot of the CPU ticks of each process group and of the machine. */
function cpuSnapshot(groups) {
	const per = {};
	for (const [name, pids] of Object.entries(groups)) {
		per[name] = new Map(pids.map((p) => [p, procTicks(p)]).filter(([, t]) => t !== null));
	}
	return { per, machine: machineTicks() };
}

function cpuDelta(a, b) {
	const out = {};
	for (const name of Object.keys(a.per)) {
		let sum = 0;
		for (const [p, t] of a.per[name]) { if (b.per[name].has(p)) sum += b.per[name].get(p) - t; }
		out[name] = sum;
	}
	return {
		...out, busy: b.machine.busy - a.machine.busy, irq: b.machine.irq - a.machine.irq, total: b.machine.total - a.machine.total,
	};
}

// ---- wrk ----------------------------------------------------------------------------------------------------

function toMs(v, unit) {
	const n = Number(v);
	return { us: n / 1000, ms: n, s: n * 1000, m: n * 60000, h: n * 3600000 }[unit];
}

function toBytes(v, unit) {
	return Number(v) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[unit] ?? NaN);
}

/** Parses wrk --latency output: {rps, p50, p99 (ms), requests, bytes, non2xx, socketErrors: {connect, read, write, timeout}}. */
export function parseWrk(out) {
	const m = (re) => out.match(re);
	const rps = m(/^Requests\/sec:\s+([\d.]+)/m);
	const p50 = m(/^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$/m);
	const p99 = m(/^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$/m);
	const total = m(/^\s+(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB|TB) read/m);
	if (!rps || !p50 || !p99 || !total) throw new BenchError(`cannot read wrk's output:\n${out}`);
	const se = m(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
	const non = m(/Non-2xx or 3xx responses: (\d+)/);
	return {
		rps: Number(rps[1]),
		p50: toMs(p50[1], p50[2]),
		p99: toMs(p99[1], p99[2]),
		requests: Number(total[1]),
		bytes: toBytes(total[2], total[3]),
		non2xx: non ? Number(non[1]) : 0,
		socketErrors: se ? { connect: +se[1], read: +se[2], write: +se[3], timeout: +se[4] } : null,
	};
}

/** Seconds in bash's "times" format (0m1.234s). */
function timesSec(v) {
	const m = v.match(/^(\d+)m([\d.]+)s$/);
	return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/**
 * Runs wrk through bash, whose "times" then tells wrk's own CPU time: {out, cpuSec}. Rejects unless wrk
 * exits 0.
 */
function wrk(url, seconds, headers = [], opts = {}) {
	const args = [`-t${opts.threads ?? THREADS}`, `-c${opts.connections ?? CONNECTIONS}`, `-d${seconds}s`, '--latency'];
	for (const h of headers) args.push('-H', h);
	if (opts.script) args.push('-s', opts.script);
	args.push(url);
	const script = 'wrk "$@" 2>&1; rc=$?; echo "bench-times:"; times; exit $rc';
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', script, 'wrk', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		mine.wrk = child;
		let out = '';
		child.stdout.on('data', (d) => { out += d; });
		child.stderr.on('data', (d) => { out += d; });
		const t = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
		child.on('error', (e) => { clearTimeout(t); mine.wrk = null; reject(new BenchError(`cannot run wrk: ${e.message}`)); });
		child.on('close', (code, signal) => {
			clearTimeout(t);
			mine.wrk = null;
			const i = out.lastIndexOf('bench-times:');
			const wrkOut = i >= 0 ? out.slice(0, i) : out;
			if (code !== 0) { reject(new BenchError(`wrk ${args.join(' ')} failed (${signal || code}):\n${wrkOut}`)); return; }
			// times: the shell's user and system time, then its children's (wrk's)
			const lines = i >= 0 ? out.slice(i).trim().split('\n') : [];
			const kids = (lines[2] || '').trim().split(/\s+/);
			resolve({ out: wrkOut, cpuSec: timesSec(kids[0] || '') + timesSec(kids[1] || '') });
		});
	});
}

// ---- one measurement --------------------------------------------------------------------------------------

async function measure(stack, t, groups) {
	const url = `${stack.baseUrl}${t.path}`;
	const headers = t.cookie ? [`Cookie: ${t.cookie}`] : [];
	const opts = { script: t.script, threads: t.threads, connections: t.connections };
	if (WARMUP > 0) {
		if (t.prepare) await t.prepare();
		await wrk(url, WARMUP, headers, opts);
	}
	if (t.prepare) await t.prepare();
	const q0 = await questions(stack);
	const c0 = cpuSnapshot(groups());
	const { out, cpuSec } = await wrk(url, SECONDS, headers, opts);
	const c1 = cpuSnapshot(groups());
	const q1 = await questions(stack);
	const r = parseWrk(out);
	const problems = [];
	if (r.requests === 0) problems.push('no request completed');
	if (r.non2xx > 0) problems.push(`${r.non2xx} non-2xx/3xx responses`);
	if (r.socketErrors && Object.values(r.socketErrors).some((n) => n > 0)) {
		const e = r.socketErrors;
		problems.push(`socket errors: connect ${e.connect}, read ${e.read}, write ${e.write}, timeout ${e.timeout}`);
	}
	// wrk counts a 3xx as a success: a redirect instead of the page shows as far fewer bytes per answer.
	if (t.minBytes && r.requests > 0 && r.bytes / r.requests < t.minBytes * 0.98) {
		problems.push(`${Math.round(r.bytes / r.requests)} bytes per answer, expected at least ${t.minBytes}`);
	}
	if (t.verify) problems.push(...(await t.verify(r)));
	if (problems.length) throw new BenchError(`${t.name}: ${problems.join('; ')}\n${out}`);
	r.cpu = cpuDelta(c0, c1);
	r.cpu.wrk = Number.isFinite(cpuSec) ? cpuSec * CLK_TCK : 0;
	r.queries = Math.max(0, q1 - q0 - 1) / r.requests;	// minus the SHOW STATUS itself
	return r;
}

/** One request with the same headers wrk sends; throws unless 200 (and the expected body, when given). */
async function check(stack, name, p, { cookie, body } = {}) {
	const res = await request(stack.baseUrl, p, { headers: cookie ? { Cookie: cookie } : {} });
	if (res.status !== 200) {
		throw new BenchError(`${name}: GET ${p} answered ${res.status}${res.headers.location ? ` -> ${res.headers.location}` : ''}, not 200`);
	}
	if (body && !res.body.equals(body)) throw new BenchError(`${name}: GET ${p} did not answer the saved start page`);
	return res;
}

// ---- output -----------------------------------------------------------------------------------------------

const fmtMs = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)}us` : ms < 100 ? `${ms.toFixed(2)}ms` : `${ms.toFixed(0)}ms`);
const pad = (s, n) => String(s).padStart(n);
const padR = (s, n) => String(s).padEnd(n);

function report(results, pageBytes, contentType) {
	const hello = results.find((r) => r.key === 'hello');
	const wName = Math.max(...results.map((r) => r.name.length)) + 2;
	console.log(`\nkpp HTTP benchmark: ${WORKERS} FastCGI workers (kpp and hello alike), nginx with ${NGINX_WORKERS} worker process${NGINX_WORKERS > 1 ? 'es' : ''} and no access log,`);
	console.log(`wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s --latency after ${WARMUP}s of warm-up; ${os.cpus().length} CPUs; one run, so compare the ratios`);
	console.log(`the applicant's start page: ${pageBytes} bytes, ${contentType}; database statistics ` +
		(ANALYZE ? 'refreshed with ANALYZE TABLE (BENCH_ANALYZE=0: as the harness template leaves them)\n' : 'as the harness template leaves them (BENCH_ANALYZE=0)\n'));
	console.log(`${padR('name', wName)}${pad('req/s', 10)}${pad('p50', 10)}${pad('p99', 10)}${pad('vs hello', 10)}`);
	for (const r of results) {
		console.log(`${padR(r.name, wName)}${pad(r.rps.toFixed(0), 10)}${pad(fmtMs(r.p50), 10)}${pad(fmtMs(r.p99), 10)}${pad((r.rps / hello.rps).toFixed(2), 10)}`);
	}
	console.log('\nCPU per request in microseconds, from /proc and wrk\'s rusage ("irq": the kernel\'s interrupt work, mostly');
	console.log('the loopback network; "other": the rest of the busy time, processes outside the benchmark), busy share');
	console.log('of all CPUs, and database statements per request (MariaDB\'s Questions counter):\n');
	console.log(`${padR('name', wName)}${pad('nginx', 7)}${pad('fastcgi', 9)}${pad('mariadb', 9)}${pad('wrk', 7)}${pad('irq', 6)}${pad('other', 7)}${pad('total', 8)}${pad('busy', 6)}${pad('db/req', 8)}`);
	const us = (ticks, n) => ((ticks / CLK_TCK) * 1e6 / n).toFixed(0);
	let otherTicks = 0;
	let totalTicks = 0;
	for (const r of results) {
		const c = r.cpu;
		const fcgi = c.kpp + c.hello;
		const other = Math.max(0, c.busy - (c.nginx + fcgi + c.mariadb + c.wrk + c.irq));
		otherTicks += other;
		totalTicks += c.total;
		console.log(`${padR(r.name, wName)}${pad(us(c.nginx, r.requests), 7)}${pad(us(fcgi, r.requests), 9)}` +
			`${pad(us(c.mariadb, r.requests), 9)}${pad(us(c.wrk, r.requests), 7)}${pad(us(c.irq, r.requests), 6)}${pad(us(other, r.requests), 7)}` +
			`${pad(us(c.busy, r.requests), 8)}${pad(`${(100 * c.busy / c.total).toFixed(0)}%`, 6)}${pad(r.queries.toFixed(1), 8)}`);
	}
	const otherShare = totalTicks ? otherTicks / totalTicks : 0;
	console.log(`\n"other" took ${(100 * otherShare).toFixed(0)}% of the machine during the measurements` +
		(otherShare > 0.1 ? ': something else was running, so the figures are lower and noisier than they would be' : ''));
	const stat = results.find((r) => r.key === 'static');
	const page = results.find((r) => r.key === 'home');
	console.log(`workers: ${WORKERS}   static/hello: ${(stat.rps / hello.rps).toFixed(2)}`);
	console.log(`applicant start page: ${(page.rps / hello.rps).toFixed(2)} of the FastCGI ceiling (goal 0.60)`);
	const form = results.find((r) => r.key === 'form');
	const save = results.find((r) => r.key === 'save');
	if (form) console.log(`application form (GET): ${(form.rps / hello.rps).toFixed(2)} of the FastCGI ceiling`);
	if (save) console.log(`draft save (POST, ${save.connections} connections): ${(save.rps / hello.rps).toFixed(2)} of the FastCGI ceiling`);
	const reportForm = results.find((r) => r.key === 'report');
	const upload = results.find((r) => r.key === 'upload');
	if (reportForm) console.log(`report form (GET): ${(reportForm.rps / hello.rps).toFixed(2)} of the FastCGI ceiling`);
	if (upload) {
		console.log(`report saved with a 1 MB PDF (POST multipart, ${upload.connections} connections): ` +
			`${(upload.rps / hello.rps).toFixed(3)} of the FastCGI ceiling, ${(upload.rps * UPLOAD_BYTES / 1024 / 1024).toFixed(0)} MB/s`);
	}
	for (const r of results.filter((x) => x.inbox)) {
		console.log(`${r.name}: ${(r.rps / hello.rps).toFixed(2)} of the FastCGI ceiling (${r.minBytes} bytes); ` +
			`with the result cache missed: p50 ${fmtMs(r.miss.p50)}, max ${fmtMs(r.miss.max)} over ${r.miss.n} requests`);
	}
}

// ---- the inbox --------------------------------------------------------------------------------------------

/**
 * Copies the demo's submitted applications (every status but draft) with their amounts per year until
 * INBOX_SIZE of them are there: INSERT ... SELECT over MariaDB's sequence engine, each copy submitted an hour
 * earlier per generation and titled with its number. Then refreshes the statistics of the tables it grew.
 */
async function fillInbox(stack) {
	const count = async () => Number((await stack.mysql("SELECT COUNT(*) FROM applications WHERE status <> 'draft'"))[0][0]);
	const have = await count();
	const [[maxId]] = await stack.mysql('SELECT MAX(id) FROM applications');
	if (have < INBOX_SIZE) {
		const copies = Math.ceil((INBOX_SIZE - have) / have);
		await stack.mysql(`INSERT INTO applications (round_id, project_type, applicant_org_id, country_code, thematic_area_id,
				title_sv, title_en, duration_years, planned_start, status, submitted_at, submitted_by, created_by)
			SELECT a.round_id, a.project_type, a.applicant_org_id, a.country_code, a.thematic_area_id,
				CONCAT(a.title_sv, ' (', s.seq, ')'), CONCAT(a.title_en, ' (', s.seq, ')'), a.duration_years, a.planned_start,
				a.status, a.submitted_at - INTERVAL s.seq HOUR, a.submitted_by, a.created_by
			FROM applications a JOIN seq_1_to_${copies} s
			WHERE a.status <> 'draft' AND a.id <= ${maxId}
			ORDER BY s.seq, a.id LIMIT ${INBOX_SIZE - have}`, { timeoutMs: 120000 });
		await stack.mysql(`INSERT INTO application_years (application_id, year, amount)
			SELECT a.id, s.seq, 200000 + (a.id * 7919 % 300) * 1000 FROM applications a
			JOIN seq_1_to_3 s ON s.seq <= a.duration_years WHERE a.id > ${maxId}`, { timeoutMs: 120000 });
	}
	const n = await count();
	if (n !== INBOX_SIZE) throw new BenchError(`the inbox has ${n} applications, not ${INBOX_SIZE}`);
	await stack.mysql('ANALYZE TABLE applications, application_years');
}

/** The latency of a page whose results no worker has cached: the data version moves on before each request. */
async function missLatency(stack, p, cookie, minBytes) {
	const ms = [];
	for (let i = 0; i < MISSES; i++) {
		await stack.mysql('UPDATE data_version SET v = v + 1 WHERE id = 1');
		const res = await request(stack.baseUrl, p, { headers: { Cookie: cookie } });
		if (res.status !== 200 || res.body.length < minBytes * 0.98) throw new BenchError(`GET ${p} after a change answered ${res.status}, ${res.body.length} bytes`);
		ms.push(res.ms);
	}
	ms.sort((a, b) => a - b);
	return { n: ms.length, p50: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1] };
}

// ---- the application form ---------------------------------------------------------------------------------

/**
 * Drafts for the form's measurements, made through the form as the applicant: the page wrk GETs (a draft's
 * project section, filled in) and the target that POSTs it: one draft per saving connection, each wrk thread
 * (one connection) sending the version its draft is at and counting on from each 303, so that every POST is a
 * real save. prepare() rewrites the script with the versions stored before each wrk run; verify() checks that
 * every POST answered was a save.
 */
async function prepareForm(stack, s, tmp) {
	const fields = {
		title_sv: 'Medborgardialog och budget i Kisumu', title_en: 'Citizen dialogue and budgeting in Kisumu',
		summary_en: 'Ward forums on the county budget, with the partners\' staff trained together. '.repeat(4),
		background: 'Few residents take part in budget decisions, and fewer women than men. '.repeat(12),
		theme: '2', target_groups: 'Residents of informal settlements; women and young people', citizen_dialogue: 'yes',
		dialogue_text: 'Forums in every ward twice a year', vulnerable_text: 'Forums held in Swahili and Luo',
		gender_text: 'Half of the speakers are women', action: 'draft',
	};
	const post = async (p, body) => s.post(p, body.toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	const formOf = (html, action) => (html.match(new RegExp(`<form method="post" action="${action}"[\\s\\S]*?</form>`)) || [''])[0];
	const hidden = (html, name) => (html.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1];
	const ids = [];
	let csrf = null;
	for (let i = 0; i < SAVERS + 1; i++) {
		const page = await s.get('/applications/new');
		const form = formOf(page.text, '/applications');
		const choice = (form.match(/value="(\d+:project)"/) || [])[1];
		csrf = hidden(form, 'csrf');
		if (!choice || !csrf) throw new BenchError(`GET /applications/new offers no project (status ${page.status})`);
		const res = await post('/applications', new URLSearchParams({ csrf, token: hidden(form, 'token'), choice }));
		const m = (res.headers.location || '').match(/^\/applications\/(\d+)\/tasks$/);
		if (res.status !== 303 || !m) throw new BenchError(`POST /applications answered ${res.status}, not a new draft`);
		ids.push(m[1]);
	}
	const body = new URLSearchParams({ csrf, version: '1', ...fields });
	for (const p of ['inclusion', 'participation']) body.append('principle', p);
	for (const g of ['11', '16']) body.append('sdg', g);
	// The page wrk GETs: the first draft, filled in.
	const first = ids.shift();
	const filled = await post(`/applications/${first}/project`, body);
	if (filled.status !== 303) throw new BenchError(`saving the project section answered ${filled.status}, not 303`);
	const formPath = `/applications/${first}/project`;
	const form = await request(stack.baseUrl, formPath, { headers: { Cookie: s.cookieHeader() } });
	if (form.status !== 200) throw new BenchError(`GET ${formPath} answered ${form.status}`);

	const script = path.join(tmp, 'save.lua');
	const versions = async () => new Map((await stack.mysql(`SELECT id, version FROM applications WHERE id IN (${ids.join(', ')})`))
		.map(([id, v]) => [id, Number(v)]));
	let before = null;
	const prepare = async () => {
		// A save wrk sent just before it stopped may still be finishing.
		await new Promise((res) => setTimeout(res, 500));
		before = await versions();
		body.delete('version');
		const lua = [
			'-- written by tests/bench/http.mjs: each thread (one connection) saves its own draft',
			`local drafts = { ${ids.map((id) => `{ ${id}, ${before.get(id)} }`).join(', ')} }`,
			'local n = 0',
			'function setup(thread)',
			'  n = n + 1',
			'  thread:set("draft", drafts[n][1])',
			'  thread:set("version", drafts[n][2])',
			'end',
			`local body = "${body.toString()}"`,
			'-- wrk.format() takes the headers given instead of -H\'s: the cookie is copied in',
			'local headers = {}',
			'function init(args)',
			'  for k, v in pairs(wrk.headers) do headers[k] = v end',
			'  headers["Content-Type"] = "application/x-www-form-urlencoded"',
			'end',
			'function request()',
			'  return wrk.format("POST", "/applications/" .. draft .. "/project", headers,',
			'    body .. "&version=" .. version)',
			'end',
			'function response(status, headers, body)',
			'  if status == 303 then version = version + 1 end',
			'end',
		];
		fs.writeFileSync(script, `${lua.join('\n')}\n`);
	};
	const verify = async (r) => {
		const after = await versions();
		let saved = 0;
		for (const id of ids) saved += after.get(id) - before.get(id);
		// wrk does not count the answers still on their way when it stops: up to one per connection.
		return saved >= r.requests && saved <= r.requests + SAVERS ? [] :
			[`${r.requests} POSTs answered but ${saved} saves made`];
	};
	return {
		formPath, formBytes: form.body.length,
		save: { path: `/applications/${ids[0]}/project`, script, threads: SAVERS, connections: SAVERS, prepare, verify },
	};
}

// ---- a report and its files ------------------------------------------------------------------------------------

/**
 * The applicant's reports for the report's measurements: the form wrk GETs (the first of the applicant's draft
 * progress reports, filled in and saved), and UPLOADERS more, one per uploading connection. Each wrk thread (one
 * connection) POSTs its report's form as multipart/form-data with the version it last saved and a PDF of
 * UPLOAD_BYTES whose padding carries the thread's number and a count, so that every file is new content; the
 * parts of the body are files the script reads at its start. prepare() rewrites the script with the versions
 * stored; verify() checks that every POST answered saved its report and attached its file.
 */
async function prepareReport(stack, s, tmp) {
	const ids = (await stack.mysql(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id
		JOIN applications a ON a.id = p.application_id JOIN users u ON u.org_id = a.applicant_org_id
		WHERE u.email = '${APPLICANT}' AND r.kind = 'progress' AND r.status IN ('draft', 'returned')
		AND p.status IN ('implementation', 'finalisation') ORDER BY r.id`)).map(([id]) => id);
	if (ids.length < UPLOADERS + 1) {
		throw new BenchError(`${APPLICANT} has ${ids.length} progress reports to change, fewer than BENCH_UPLOADERS + 1 (${UPLOADERS + 1})`);
	}
	const formPath = `/reports/${ids[0]}`;
	const formOf = (html) => (html.match(new RegExp(`<form method="post" action="${formPath}"[\\s\\S]*?</form>`)) || [''])[0];
	const hidden = (html, name) => (html.match(new RegExp(`name="${name}" value="([^"]*)"`)) || [])[1];
	let page = await s.get(formPath);
	const csrf = hidden(formOf(page.text), 'csrf');
	if (page.status !== 200 || !csrf) throw new BenchError(`GET ${formPath} answered ${page.status} without the report's form`);
	// The form as an applicant leaves it after a sitting: the narrative, the indicators and the costs.
	const costs = Object.fromEntries((await stack.mysql(`SELECT bl.category, bl.amount FROM reports r JOIN project_budget_lines bl
		ON bl.project_id = r.project_id AND bl.year = r.project_year WHERE r.id = ${ids[0]} AND bl.amount > 0`))
		.map(([c, a]) => [`actual-${c}`, a]));
	const fields = { csrf, version: hidden(formOf(page.text), 'version'), ...filled(await indicatorsOf((sql) => stack.mysql(sql), ids[0]), costs), action: 'save' };
	const saved = await s.post(formPath, new URLSearchParams(fields).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	if (saved.status !== 303) throw new BenchError(`saving ${formPath} answered ${saved.status}, not 303`);
	page = await request(stack.baseUrl, formPath, { headers: { Cookie: s.cookieHeader() } });
	if (page.status !== 200 || !page.text.includes('id="files"')) throw new BenchError(`GET ${formPath} shows no form with a file field`);

	const uploaders = ids.slice(1, UPLOADERS + 1);
	const boundary = '----kppBenchUpload7d1c';
	const partHead = (name, extra = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n`;
	const pdf = pdfFile('Ekonomisk redovisning', { size: UPLOAD_BYTES });
	const mark = pdf.length - 2000;	// inside the padding stream: 20 bytes there make each file new content
	const parts = {
		pre: `${partHead('csrf')}${csrf}\r\n${partHead('version')}`,
		mid: `\r\n${partHead('action')}save\r\n${Object.entries(NARRATIVE).map(([k, v]) => `${partHead(k)}${v}\r\n`).join('')}` +
			`${partHead('files', '; filename="Ekonomisk redovisning.pdf"\r\nContent-Type: application/pdf')}`,
		post: `\r\n--${boundary}--\r\n`,
	};
	const dir = path.join(tmp, 'upload');
	fs.mkdirSync(dir, { recursive: true });
	for (const [k, v] of Object.entries(parts)) fs.writeFileSync(path.join(dir, k), v);
	fs.writeFileSync(path.join(dir, 'pdf-a'), pdf.subarray(0, mark));
	fs.writeFileSync(path.join(dir, 'pdf-b'), pdf.subarray(mark + 20));

	const script = path.join(tmp, 'upload.lua');
	const state = async () => new Map((await stack.mysql(`SELECT r.id, r.version, (SELECT COUNT(*) FROM attachments a
		WHERE a.report_id = r.id) FROM reports r WHERE r.id IN (${uploaders.join(', ')})`))
		.map(([id, v, n]) => [id, { version: Number(v), files: Number(n) }]));
	let before = null;
	const lua = (x) => JSON.stringify(x);	// a JSON string is a Lua string literal for these plain paths
	const prepare = async () => {
		await new Promise((res) => setTimeout(res, 500));
		before = await state();
		fs.writeFileSync(script, `${[
			'-- written by tests/bench/http.mjs: each thread (one connection) saves its own report with a new 1 MB PDF',
			`local reports = { ${uploaders.map((id) => `{ ${id}, ${before.get(id).version} }`).join(', ')} }`,
			'local n = 0',
			'function setup(thread)',
			'  n = n + 1',
			'  thread:set("report", reports[n][1])',
			'  thread:set("version", reports[n][2])',
			'  thread:set("tid", n)',
			'end',
			'local function slurp(name)',
			`  local f = assert(io.open(${lua(dir)} .. "/" .. name, "rb"))`,
			'  local s = f:read("*a")',
			'  f:close()',
			'  return s',
			'end',
			'local headers = {}',
			'local pre, mid, pdfa, pdfb, post',
			'local count = 0',
			'function init(args)',
			'  for k, v in pairs(wrk.headers) do headers[k] = v end',
			`  headers["Content-Type"] = "multipart/form-data; boundary=${boundary}"`,
			'  pre, mid, pdfa, pdfb, post = slurp("pre"), slurp("mid"), slurp("pdf-a"), slurp("pdf-b"), slurp("post")',
			'end',
			'function request()',
			'  count = count + 1',
			'  return wrk.format("POST", "/reports/" .. report, headers,',
			'    pre .. version .. mid .. pdfa .. string.format("%04d%016d", tid, count) .. pdfb .. post)',
			'end',
			'function response(status, headers, body)',
			'  if status == 303 then version = version + 1 end',
			'end',
		].join('\n')}\n`);
	};
	const verify = async (r) => {
		const after = await state();
		let saves = 0;
		let files = 0;
		for (const id of uploaders) {
			saves += after.get(id).version - before.get(id).version;
			files += after.get(id).files - before.get(id).files;
		}
		const problems = [];
		// wrk does not count the answers still on their way when it stops: up to one per connection.
		if (saves < r.requests || saves > r.requests + UPLOADERS) problems.push(`${r.requests} POSTs answered but ${saves} saves made`);
		if (files !== saves) problems.push(`${saves} saves but ${files} files attached`);
		const left = fs.existsSync(path.join(stack.dir, 'attachments', 'tmp')) ? fs.readdirSync(path.join(stack.dir, 'attachments', 'tmp')) : [];
		if (left.length) problems.push(`${left.length} temporary files left in the store`);
		return problems;
	};
	return {
		formPath, formBytes: page.body.length,
		upload: { path: `/reports/${uploaders[0]}`, script, threads: UPLOADERS, connections: UPLOADERS, prepare, verify },
	};
}

// ---- main ---------------------------------------------------------------------------------------------------

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpp-bench-'));
	mine.tmp = KEEP ? null : tmp;
	let stack = null;
	let failed = false;
	try {
		const helloBin = await buildHello(tmp);
		// Every upload of the run stays attached to its report: more than a report takes in use.
		stack = await startStack({ workers: WORKERS, accessLog: false, name: 'bench-http', conf: { 'app.attachments_per_report': 4000000 } });
		mine.stackDir = stack.dir;
		if (ANALYZE) {
			const tables = await stack.mysql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'kpp' AND table_type = 'BASE TABLE'");
			if (tables.length) await stack.mysql(`ANALYZE TABLE ${tables.map(([t]) => `\`${t}\``).join(', ')}`);
		}

		// The applicant's start page, as wrk will ask for it.
		const s = await stack.login(APPLICANT, DEMO_PASSWORD);
		const cookie = s.cookieHeader();
		if (!cookie) throw new BenchError(`signing in as ${APPLICANT} gave no cookie`);
		const home = await check(stack, 'the applicant start page', '/', { cookie });
		const page = home.body;
		const contentType = home.headers['content-type'];
		if (!contentType) throw new BenchError('the start page has no Content-Type');
		const bodyFile = path.join(tmp, 'start-page.html');
		fs.writeFileSync(bodyFile, page);
		const staticDir = path.join(tmp, 'static');
		fs.mkdirSync(staticDir);
		fs.writeFileSync(path.join(staticDir, 'start-page.html'), page);	// the same size (and bytes)

		const helloSocket = path.join(tmp, 'hello.sock');
		await startHello(helloBin, bodyFile, contentType, helloSocket, path.join(tmp, 'hello.log'));
		await addBenchLocations(stack, helloSocket, staticDir);
		await check(stack, 'hello', '/bench/hello', { body: page });
		await check(stack, 'the static file', '/bench/static/start-page.html', { body: page });
		await check(stack, 'healthz', '/healthz');
		await check(stack, 'the sign-in page', '/login');

		const { formPath, formBytes, save } = await prepareForm(stack, s, tmp);
		const reportForm = await prepareReport(stack, s, tmp);

		const targets = [
			{ key: 'static', name: `static file (${page.length} B)`, path: '/bench/static/start-page.html', minBytes: page.length },
			{ key: 'hello', name: 'hello (FastCGI ceiling)', path: '/bench/hello', minBytes: page.length },
			{ key: 'healthz', name: 'GET /healthz', path: '/healthz' },
			{ key: 'login', name: 'GET /login (anonymous)', path: '/login' },
			{ key: 'home', name: 'GET / (applicant)', path: '/', cookie, minBytes: page.length },
			{ key: 'form', name: 'GET application form', path: formPath, cookie, minBytes: formBytes },
			{ key: 'save', name: 'POST draft save', cookie, ...save },
			{ key: 'report', name: 'GET report form', path: reportForm.formPath, cookie, minBytes: reportForm.formBytes },
			{ key: 'upload', name: 'POST report + 1 MB PDF', cookie, ...reportForm.upload },
		];
		const groups = () => ({
			nginx: [stack.nginxPid, ...childPids(stack.nginxPid)],
			kpp: stack.workerPids(),
			hello: mine.helloSup ? childPids(mine.helloSup.pid) : [],
			mariadb: [stack.dbPid],
		});
		const results = [];
		for (const t of targets) {
			process.stderr.write(`bench: ${t.name} ...\n`);
			results.push({ ...t, ...(await measure(stack, t, groups)) });
		}

		// The inbox and the statistics, once the database holds INBOX_SIZE applications (they would change the
		// pages above).
		process.stderr.write(`bench: copying the demo's applications up to ${INBOX_SIZE} ...\n`);
		await fillInbox(stack);
		const a = await stack.login(ADMIN, DEMO_PASSWORD);
		const adminCookie = a.cookieHeader();
		const [[round2016]] = await stack.mysql('SELECT id FROM rounds WHERE year = 2016');
		const inboxTargets = [
			{ key: 'inbox', name: `GET /inbox (admin, ${INBOX_SIZE})`, path: '/inbox' },
			{ key: 'inbox-sorted', name: 'GET /inbox filtered, sorted', path: `/inbox?round=${round2016}&type=project&sort=org&dir=asc&page=2` },
			{ key: 'statistics', name: 'GET /statistics (admin)', path: '/statistics' },
		];
		const total = INBOX_SIZE.toLocaleString('sv-SE').replace(/\s/g, '\u00a0');
		for (const t of inboxTargets) {
			const res = await check(stack, t.name, t.path, { cookie: adminCookie });
			const html = res.body.toString('utf8');
			if (t.key === 'inbox' && !html.includes(`av ${total}</p>`)) throw new BenchError(`${t.path} does not count ${INBOX_SIZE} applications`);
			if (t.key === 'statistics') {
				if ((html.match(/<svg /g) || []).length < 5) throw new BenchError(`${t.path} does not draw its charts`);
			} else if ((html.match(/<tr>/g) || []).length < 51) throw new BenchError(`${t.path} does not show a page of 50 rows`);
			Object.assign(t, { cookie: adminCookie, minBytes: res.body.length, inbox: true });
			process.stderr.write(`bench: ${t.name} ...\n`);
			t.miss = await missLatency(stack, t.path, adminCookie, t.minBytes);
			results.push({ ...t, ...(await measure(stack, t, groups)) });
		}
		// Still signed in at the end (wrk cannot tell a redirect to the sign-in page from the page).
		await check(stack, 'the applicant start page after the run', '/', { cookie });
		report(results, page.length, contentType);
	} catch (e) {
		failed = true;
		console.error(`bench: FAILED: ${e instanceof BenchError ? e.message : e.stack || e}`);
	} finally {
		await stopHello().catch((e) => { failed = true; console.error(`bench: stopping hello: ${e.message}`); });
		if (stack) {
			mine.stackDir = null;
			const keep = KEEP || failed;
			await stack.stop({ keep }).catch((e) => { failed = true; console.error(`bench: stopping the stack: ${e.message}`); });
			if (keep) console.error(`bench: the stack's configuration and logs are in ${stack.dir}`);
		}
		mine.tmp = null;
		if (KEEP || failed) console.error(`bench: hello's build, socket and log are in ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
	process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	if (!fs.existsSync(path.join(SRC, 'conf', 'nginx-site.conf.in'))) throw new Error('not in a kpp checkout');
	await main();
}
