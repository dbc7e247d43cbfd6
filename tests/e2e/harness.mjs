// harness.mjs - starts a private kpp stack for one test file: MariaDB, the FastCGI workers (conf/kpp-serve:
// spawn-fcgi + multiwatch + kpp-fcgi) and nginx from the production site template, on a free port.
//
//   import { startStack } from '../e2e/harness.mjs';
//   const stack = await startStack({ workers: 2 });     // demo data loaded
//   after(() => stack.stop());
//   const res = await stack.get('/healthz');            // {status, headers, text, body, ms}
//
// A test file that signs in demo accounts or runs SQL opens its stack with openStack(), and reads pages with the
// helpers of lib/page.mjs (re-exported here):
//   let stack, q, one, admin;
//   before(async () => ({ stack, q, one, admin } = await openStack({ workers: 1 }, ['admin'])));
//   after(() => stack?.stop());
//   const n = await one('SELECT COUNT(*) FROM projects');    // the first value, or null; q(sql): every row
//
// The programs come from build/ (or $KPP_BUILD); the harness builds nothing. A migrated database (and one
// with the demo data) is prepared once per build in var/test/templates/ and copied for each stack, so a
// stack starts in well under a second. Everything a stack starts is stopped by pid in stop(), and killed
// when the test process exits in any other way. KPP_TEST_KEEP=1 keeps each stack's directory (its
// configuration, logs and database) in var/test/stacks/ after stop().
// startStack({ mail: true }) adds a real SMTP server (Debian's python3-aiosmtpd with lib/maildir_sink.py)
// that keeps each message it accepts in the stack's Maildir, and points [mail] at it; stack.startMailer()
// runs a kpp-mailer against it (several may run), stack.mailbox() reads what was delivered, stack.smtpAnswers([...]) makes the
// server refuse the next messages (451, 550 ...), stack.stopSmtp() and startSmtp() take it down and up.
// Only Node's standard library: runs on Debian 12's Node 18 as well as on newer ones.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request, Session } from './lib/http.mjs';

export { request, Session, parseForms, htmlDecode } from './lib/http.mjs';
export { NBSP, grouped, kr, sek, textOf, plain, escapeRe, formOn, send, csrfOf } from './lib/page.mjs';

export const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD = path.resolve(process.env.KPP_BUILD || path.join(SRC, 'build'));
export const VAR_TEST = path.join(SRC, 'var', 'test');
export const DEMO_PASSWORD = 'demo-password';
/** The demo data's story date (fcgi-app/programs/demo.c): the demo and the tests run with it as the programme's today. */
export const DEMO_TODAY = '2016-09-30';
/**
 * An SQL condition: the UTC DATETIME column col falls on the programme's day in Sweden (summer time on the story
 * date: UTC+2), as every date kpp stamps must (app_stamp()), whatever the real clock says.
 */
export const onDemoDay = (col) => `(${col} >= '2016-09-29 22:00:00' AND ${col} < '2016-09-30 22:00:00')`;

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const ADMIN_USER = os.userInfo().username;	// mariadb-install-db gives this OS user a unix_socket account
const ENV = { ...process.env, PATH: `${process.env.PATH || '/usr/bin:/bin'}:/usr/local/sbin:/usr/sbin:/sbin` };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- processes ---------------------------------------------------------------------------------------------

/** The state letter of a process (R, S, D, T, Z ...) or null when there is none. */
function procState(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
	} catch {
		return null;
	}
}

/** True while pid exists and is not a zombie. */
export function pidAlive(pid) {
	const s = procState(pid);
	return s !== null && s !== 'Z';
}

/** The pids whose parent is ppid (not zombies), sorted. */
export function childPids(ppid) {
	const out = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(f[1]) === ppid && f[0] !== 'Z') out.push(Number(name));
		} catch { /* gone meanwhile */ }
	}
	return out.sort((a, b) => a - b);
}

/** Waits until cond() is true, polling; throws with what after timeoutMs. */
export async function waitFor(cond, timeoutMs, what, stepMs = 50) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await cond();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(stepMs);
	}
}

function exited(child) {
	return child.exitCode !== null || child.signalCode !== null;
}

function waitExit(child, ms) {
	if (exited(child)) return Promise.resolve(true);
	return new Promise((resolve) => {
		const t = setTimeout(() => { child.removeListener('exit', done); resolve(false); }, ms);
		function done() { clearTimeout(t); resolve(true); }
		child.once('exit', done);
	});
}

/** SIGKILL to a launched child's whole process group (nginx's workers outlive a killed master). */
function killGroup(child) {
	try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
}

/** Signals a child, waits up to ms for it to exit, then SIGKILLs its group. Returns {code, signal}. */
async function stopChild(child, signal, ms) {
	if (!child) return null;
	if (!exited(child)) {
		try { process.kill(child.pid, signal); } catch { /* already gone */ }
		if (!(await waitExit(child, ms))) {
			killGroup(child);
			await waitExit(child, 5000);
		}
	}
	return { code: child.exitCode, signal: child.signalCode };
}

/** Starts a program in its own process group (so a terminal's Ctrl-C reaches only the test runner),
 * stdout and stderr appended to logFile. */
function launch(cmd, args, logFile, env = ENV) {
	const fd = fs.openSync(logFile, 'a');
	try {
		const child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', fd, fd] });
		child.on('error', (e) => fs.appendFileSync(logFile, `harness: cannot start ${cmd}: ${e.message}\n`));
		child.unref();
		return child;
	} finally {
		fs.closeSync(fd);
	}
}

/** Runs a program to completion: {code, stdout, stderr}. Killed after timeoutMs. */
export function run(cmd, args, { input, timeoutMs = 60000, env = ENV, cwd } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => { stdout += d; });
		child.stderr.on('data', (d) => { stderr += d; });
		const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (e) => { clearTimeout(t); reject(e); });
		child.on('close', (code, signal) => {
			clearTimeout(t);
			resolve({ code: signal ? 128 : code, signal, stdout, stderr });
		});
		// A program that exits without reading its input must not fail the run with EPIPE.
		child.stdin.on('error', () => {});
		child.stdin.end(input ?? '');
	});
}

async function mustRun(cmd, args, opts) {
	const r = await run(cmd, args, opts);
	if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}):\n${r.stdout}${r.stderr}`);
	return r;
}

function tail(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n');
	} catch {
		return `(no ${file})`;
	}
}

// Everything still running when the test process ends is killed (an assertion that threw, a forgotten stop()).
const live = new Set();
let exitHooked = false;
function hookExit() {
	if (exitHooked) return;
	exitHooked = true;
	process.on('exit', () => { for (const s of live) s._killSync(); });
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			for (const s of live) s._killSync();
			process.exit(128 + os.constants.signals[sig]);
		});
	}
}

// ---- configuration -------------------------------------------------------------------------------------

/**
 * setIni(text, {'section.key': value}) -> text: replaces those keys' values (adding missing keys and sections),
 * keeping every other line, so the test configuration follows conf/kpp.conf.
 */
export function setIni(text, values) {
	const pending = new Map(Object.entries(values).map(([k, v]) => [k, String(v)]));
	const out = [];
	let sec = '';
	const flush = () => {
		for (const [k, v] of pending) {
			if (k.startsWith(`${sec}.`)) { out.push(`${k.slice(sec.length + 1)} = ${v}`); pending.delete(k); }
		}
	};
	for (const line of text.split('\n')) {
		const s = line.match(/^\s*\[([^\]]+)\]/);
		if (s) {
			// keys of the section just ended go before the blank lines and comments that precede this one
			let i = out.length;
			while (i > 0 && /^\s*([;#].*)?$/.test(out[i - 1])) i--;
			const moved = out.splice(i);
			flush();
			out.push(...moved);
			sec = s[1].trim();
			out.push(line);
			continue;
		}
		const kv = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/);
		if (kv && pending.has(`${sec}.${kv[1]}`)) {
			out.push(`${kv[1]} = ${pending.get(`${sec}.${kv[1]}`)}`);
			pending.delete(`${sec}.${kv[1]}`);
			continue;
		}
		out.push(line);
	}
	flush();
	for (const k of [...pending.keys()]) {
		if (!pending.has(k)) continue;
		sec = k.slice(0, k.indexOf('.'));
		out.push('', `[${sec}]`);
		flush();
	}
	return out.join('\n');
}

/**
 * The public register's rate limit in the tests: far above what a test file asks for, so that a crawl of
 * every public page is never refused; public.test.mjs starts a stack with production's to see the 429.
 */
export const TEST_PUBLIC_RATE = { rate: '1000r/s', burst: 5000 };
/** Production's, as README and run.sh render the site file. */
export const PRODUCTION_PUBLIC_RATE = { rate: '10r/s', burst: 50 };

/**
 * The sign-in form's rate limit in the tests: far above the sign-ins of a test file; auth.test.mjs starts a
 * stack with production's to see the 429.
 */
export const TEST_LOGIN_RATE = { rate: '1000r/s', burst: 5000 };
/** Production's, as README and run.sh render the site file. */
export const PRODUCTION_LOGIN_RATE = { rate: '30r/m', burst: 30 };

/** Fills the placeholders of conf/nginx-site.conf.in (see the file's header). */
export function renderSite({
	listen, socket, staticDir, publicDir, maxBody = '10m', accessLog, errorLog, serverName = '_', publicRate = TEST_PUBLIC_RATE,
	loginRate = TEST_LOGIN_RATE,
}) {
	const map = {
		LISTEN: listen, SERVER_NAME: serverName, SOCKET: socket, STATIC_DIR: staticDir, PUBLIC_DIR: publicDir,
		MAX_BODY: maxBody, ACCESS_LOG: accessLog, ERROR_LOG: errorLog,
		PUBLIC_RATE: publicRate.rate, PUBLIC_BURST: String(publicRate.burst),
		LOGIN_RATE: loginRate.rate, LOGIN_BURST: String(loginRate.burst),
	};
	return fs.readFileSync(path.join(SRC, 'conf/nginx-site.conf.in'), 'utf8')
		.replace(/@([A-Z_]+)@/g, (m, k) => (k in map ? map[k] : m));
}

/** Writes a private nginx.conf (conf/nginx-private.conf.in) into prefix that includes the site file. */
export function writePrivateNginx(prefix, siteFile, errorLog, workers = 1) {
	fs.mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
	const map = {
		USER_LINE: IS_ROOT ? 'user root root;' : '', PREFIX: prefix, SITE: siteFile, WORKERS: String(workers), ERROR_LOG: errorLog,
	};
	const text = fs.readFileSync(path.join(SRC, 'conf/nginx-private.conf.in'), 'utf8')
		.replace(/@([A-Z_]+)@/g, (m, k) => (k in map ? map[k] : m));
	const file = path.join(prefix, 'nginx.conf');
	fs.writeFileSync(file, text);
	return file;
}

/** The IATI reference data (schema/, codelists/, rulesets/): $KPP_IATI_DIR, else the checkout's own iati/. */
export function iatiDir() {
	return process.env.KPP_IATI_DIR || path.join(SRC, 'iati');
}

function schemaDir() {
	return path.join(iatiDir(), 'schema');
}

function baseConf(dir, { dbSocket, fcgiSocket, workers, passwords, data = 'empty', overrides = {} }) {
	const locale = path.join(dir, 'locale', 'sv', 'LC_MESSAGES');
	fs.mkdirSync(locale, { recursive: true });
	try { fs.symlinkSync(path.join(BUILD, 'po', 'sv.mo'), path.join(locale, 'kpp.mo')); } catch { /* exists */ }
	const text = setIni(fs.readFileSync(path.join(SRC, 'conf/kpp.conf'), 'utf8'), {
		'database.host': '',
		'database.socket': dbSocket,
		'database.name': 'kpp',
		'database.user': 'kpp_app',
		'database.password': passwords.app,
		'database.connect_timeout': 2,
		'database.read_timeout': 5,
		'database.write_timeout': 5,
		'migrate.credentials': path.join(dir, 'migrate.conf'),
		'server.socket': fcgiSocket,
		'server.workers': workers,
		'app.templates': path.join(SRC, 'templates'),
		'app.locale_dir': path.join(dir, 'locale'),
		'app.sql_dir': path.join(SRC, 'sql'),
		'app.static_dir': path.join(SRC, 'static'),
		'app.tmp_dir': path.join(dir, 'scratch'),
		'app.public_dir': path.join(dir, 'public'),
		'app.attachments_dir': path.join(dir, 'attachments'),
		'app.secure_cookies': 'false',
		// Each change is in the next public file at once; public_iati.test.mjs tries the interval itself.
		'app.public_min_interval': 0,
		// The demo data tells the programme as it stood on its story date; "today" is that day.
		...(data === 'demo' ? { 'app.today': DEMO_TODAY } : {}),
		'iati.schema_dir': schemaDir(),
		...overrides,
	});
	const file = path.join(dir, 'kpp.conf');
	fs.writeFileSync(file, text, { mode: 0o600 });
	// The schema owner's account, for kpp-admin alone: the workers' kpp.conf only names the file.
	fs.writeFileSync(path.join(dir, 'migrate.conf'), `[migrate]\nuser = kpp_migrate\npassword = ${passwords.migrate}\n`, { mode: 0o600 });
	return file;
}

// ---- MariaDB -------------------------------------------------------------------------------------------

/** A directory for unix sockets: dir/run, or a short one under /tmp when that path would be too long. */
function socketDir(dir) {
	const d = path.join(dir, 'run');
	if (d.length + '/mysqld.sock'.length < 100) {
		fs.mkdirSync(d, { recursive: true });
		return d;
	}
	return fs.mkdtempSync(path.join(os.tmpdir(), 'kpp-s-'));
}

const MARIADB_OPTS = [
	'--skip-networking', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_swedish_ci',
	'--innodb-buffer-pool-size=64M', '--innodb-log-file-size=8M', '--innodb-flush-log-at-trx-commit=2',
	'--skip-innodb-doublewrite', '--max-connections=200',
];

async function startMariadb(datadir, sockDir, logFile) {
	const socket = path.join(sockDir, 'mysqld.sock');
	const tmp = path.join(path.dirname(datadir), 'tmp');
	fs.mkdirSync(tmp, { recursive: true });
	const child = launch('mariadbd', [
		'--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, `--pid-file=${path.join(sockDir, 'mysqld.pid')}`,
		`--log-error=${logFile}`, `--tmpdir=${tmp}`, ...(IS_ROOT ? ['--user=root'] : []), ...MARIADB_OPTS,
	], logFile);
	try {
		await waitFor(async () => {
			if (exited(child)) throw new Error(`mariadbd exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
			return handshake(socket);
		}, 30000, 'mariadbd to answer', 50);
	} catch (e) {
		await stopChild(child, 'SIGKILL', 5000);
		throw e;
	}
	return { child, socket };
}

/** True when a MariaDB server greets on the socket. */
function handshake(socket) {
	return new Promise((resolve) => {
		const c = net.createConnection(socket);
		const done = (v) => { c.destroy(); resolve(v); };
		c.setTimeout(1000, () => done(false));
		c.once('data', () => done(true));
		c.once('error', () => done(false));
	});
}

function sqlArgs(socket, database) {
	return ['--no-defaults', '-S', socket, '-u', ADMIN_USER, '-N', '-B', ...(database ? [database] : [])];
}

function unescapeBatch(v) {
	if (v === 'NULL') return null;
	return v.replace(/\\([ntr0\\])/g, (m, c) => ({ n: '\n', t: '\t', r: '\r', 0: '\0', '\\': '\\' })[c]);
}

/** Runs sql as the database administrator: rows as arrays of strings (NULL as null). */
async function mysqlQuery(socket, sql, { database = 'kpp', timeoutMs = 30000 } = {}) {
	const r = await run('mariadb', [...sqlArgs(socket, database), '-e', sql], { timeoutMs });
	if (r.code !== 0) throw new Error(`SQL failed (${r.code}): ${r.stderr.trim()}\n${sql}`);
	return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t').map(unescapeBatch));
}

// ---- templates: a migrated database, and one with the demo data, per build --------------------------

let keyCache = null;
function templateKey() {
	if (keyCache) return keyCache;
	const h = crypto.createHash('sha256');
	h.update('kpp-harness-template-2\n');
	h.update(fs.readFileSync(path.join(BUILD, 'kpp-admin')));
	const sqlDir = path.join(SRC, 'sql');
	if (fs.existsSync(sqlDir)) {
		for (const f of fs.readdirSync(sqlDir).sort()) {
			const p = path.join(sqlDir, f);
			if (fs.statSync(p).isFile()) h.update(`${f}\n`).update(fs.readFileSync(p));
		}
	}
	keyCache = h.digest('hex').slice(0, 16);
	return keyCache;
}

async function withLock(lockDir, readyFile, build) {
	const end = Date.now() + 600000;
	for (;;) {
		if (fs.existsSync(readyFile)) return;
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let owner = 0;
			try { owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')); } catch { /* being written */ }
			if (owner && !pidAlive(owner)) fs.rmSync(lockDir, { recursive: true, force: true });
			if (Date.now() > end) throw new Error(`waited too long for ${lockDir}`);
			await sleep(200);
			continue;
		}
		try {
			if (!fs.existsSync(readyFile)) await build();
		} finally {
			fs.rmSync(lockDir, { recursive: true, force: true });
		}
		return;
	}
}

/** Prepares (once) and returns the template directory for 'empty' (migrated) or 'demo' (migrated + demo data). */
export async function ensureTemplate(kind) {
	if (kind !== 'empty' && kind !== 'demo') throw new Error(`unknown data kind ${kind}: 'empty' or 'demo'`);
	for (const p of ['kpp-admin', 'kpp-fcgi']) {
		if (!fs.existsSync(path.join(BUILD, p))) throw new Error(`${path.join(BUILD, p)} is missing: build first (./run.sh check builds it)`);
	}
	const root = path.join(VAR_TEST, 'templates');
	fs.mkdirSync(root, { recursive: true });
	const key = templateKey();
	const dir = path.join(root, `${key}-${kind}`);
	const meta = path.join(dir, 'meta.json');
	if (fs.existsSync(meta)) return dir;
	const base = kind === 'demo' ? await ensureTemplate('empty') : null;
	await withLock(`${dir}.lock`, meta, async () => {
		// templates of other builds are stale
		for (const name of fs.readdirSync(root)) {
			if (!name.startsWith(key) && !name.endsWith('.lock')) fs.rmSync(path.join(root, name), { recursive: true, force: true });
		}
		const work = `${dir}.tmp-${process.pid}`;
		fs.rmSync(work, { recursive: true, force: true });
		fs.mkdirSync(path.join(work, 'log'), { recursive: true });
		const log = path.join(work, 'log', 'mariadb.err');
		let passwords;
		if (base) {
			passwords = JSON.parse(fs.readFileSync(path.join(base, 'meta.json'), 'utf8')).passwords;
			await mustRun('cp', ['-a', path.join(base, 'db'), path.join(work, 'db')]);
		} else {
			passwords = { app: crypto.randomBytes(16).toString('hex'), migrate: crypto.randomBytes(16).toString('hex') };
			await mustRun('mariadb-install-db', ['--no-defaults', `--datadir=${path.join(work, 'db')}`,
				...(IS_ROOT ? ['--user=root'] : []), '--skip-test-db', '--auth-root-authentication-method=socket', '--force',
				'--innodb-log-file-size=8M']);
		}
		const sockDir = socketDir(work);
		const db = await startMariadb(path.join(work, 'db'), sockDir, log);
		try {
			const conf = baseConf(work, { dbSocket: db.socket, fcgiSocket: path.join(sockDir, 'kpp.sock'), workers: 1, passwords });
			if (!base) {
				await mysqlQuery(db.socket, `
					CREATE DATABASE kpp CHARACTER SET utf8mb4 COLLATE utf8mb4_swedish_ci;
					CREATE USER 'kpp_app'@'localhost' IDENTIFIED BY '${passwords.app}';
					GRANT SELECT, INSERT, UPDATE, DELETE ON kpp.* TO 'kpp_app'@'localhost';
					CREATE USER 'kpp_migrate'@'localhost' IDENTIFIED BY '${passwords.migrate}';
					GRANT ALL PRIVILEGES ON kpp.* TO 'kpp_migrate'@'localhost';`, { database: '' });
				await mustRun(path.join(BUILD, 'kpp-admin'), ['-c', conf, 'migrate'], { timeoutMs: 300000 });
			} else {
				await mustRun(path.join(BUILD, 'kpp-admin'), ['-c', conf, 'demo'], { timeoutMs: 300000 });
			}
		} finally {
			await stopChild(db.child, 'SIGTERM', 60000);
		}
		fs.rmSync(dir, { recursive: true, force: true });
		for (const f of ['kpp.conf', 'migrate.conf', 'locale', 'run', 'tmp']) fs.rmSync(path.join(work, f), { recursive: true, force: true });
		fs.writeFileSync(path.join(work, 'meta.json'), JSON.stringify({ kind, key, passwords }, null, 1));
		fs.renameSync(work, dir);
	});
	return dir;
}

// ---- ports ---------------------------------------------------------------------------------------------

/** A TCP port on 127.0.0.1 that is free now (never 8080, the demo's). */
export async function freePort() {
	for (;;) {
		const port = await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.once('error', reject);
			srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
		});
		if (port !== 8080) return port;
	}
}

function portAnswers(port) {
	return new Promise((resolve) => {
		const c = net.createConnection({ host: '127.0.0.1', port });
		c.once('connect', () => { c.destroy(); resolve(true); });
		c.once('error', () => resolve(false));
	});
}

// ---- the stack -----------------------------------------------------------------------------------------

let stackCount = 0;

/**
 * startStack(opts) -> Promise<stack>: a private MariaDB (a copy of the template), the workers and nginx.
 * opts:
 *   data      'demo' (default: migrated, demo data loaded) | 'empty' (migrated only)
 *   workers   number of FastCGI workers (default 2)
 *   conf      {'section.key': value} over the test configuration (database.read_timeout is 3 s, ...)
 *   maxBody   nginx client_max_body_size (default '10m', as in production)
 *   accessLog false: no nginx access log (for measurements); default: log/nginx-access.log
 *   publicRate {rate, burst}: nginx's limit on the public register (default TEST_PUBLIC_RATE)
 *   loginRate {rate, burst}: nginx's limit on posting the sign-in form (default TEST_LOGIN_RATE)
 *   env       extra environment for kpp-serve and the workers (e.g. ASAN_OPTIONS)
 *   name      a label for the stack's directory (default: the test file's name)
 *   mail      true: a local SMTP server (a Maildir sink) that [mail] relay names, with the mailer's waits in
 *             seconds (poll 1 s, first retry 1 s); the mailer itself starts with stack.startMailer()
 * See the returned object's fields below.
 */
export async function startStack(opts = {}) {
	hookExit();
	const data = opts.data ?? 'demo';
	const workers = opts.workers ?? 2;
	const template = await ensureTemplate(data);
	const { passwords } = JSON.parse(fs.readFileSync(path.join(template, 'meta.json'), 'utf8'));
	const label = (opts.name || path.basename(process.argv[1] || 'stack').replace(/\.m?js$/, '')).replace(/[^A-Za-z0-9_.-]/g, '_');
	const dir = path.join(VAR_TEST, 'stacks', `${label}-${process.pid}-${++stackCount}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.join(dir, 'log'), { recursive: true });
	const sockDir = socketDir(dir);
	const logs = {
		mariadb: path.join(dir, 'log', 'mariadb.err'),
		workers: path.join(dir, 'log', 'workers.log'),
		nginxError: path.join(dir, 'log', 'nginx-error.log'),
		nginxAccess: path.join(dir, 'log', 'nginx-access.log'),
		smtp: path.join(dir, 'log', 'smtp.log'),
		mailer: path.join(dir, 'log', 'mailer.log'),
	};
	const stack = new Stack({ dir, sockDir, logs, workers, opts });
	live.add(stack);
	try {
		await mustRun('cp', ['-a', path.join(template, 'db'), path.join(dir, 'db')]);
		const db = await startMariadb(path.join(dir, 'db'), sockDir, logs.mariadb);
		stack.db = db.child;
		stack.dbSocket = db.socket;
		stack.fcgiSocket = path.join(sockDir, 'kpp.sock');
		const mailConf = opts.mail ? await stack._startSmtp() : {};
		// nginx first: a stack that mails writes its own address in the links (app.public_url), so that a
		// test can follow them. nginx listens before the workers run; it needs their socket only per request.
		await stack._startNginx(opts.maxBody ?? '10m');
		stack.confPath = baseConf(dir, {
			dbSocket: db.socket, fcgiSocket: stack.fcgiSocket, workers, passwords, data,
			overrides: { ...mailConf, ...(opts.mail ? { 'app.public_url': stack.baseUrl } : {}), ...opts.conf },
		});
		await stack.startWorkers();
	} catch (e) {
		await stack.stop({ keep: true });
		throw new Error(`startStack failed (logs in ${path.join(dir, 'log')}): ${e.message}`);
	}
	return stack;
}

/** The demo accounts (fcgi-app/programs/demo.c; password DEMO_PASSWORD) by the part they play in the tests. */
export const ACCOUNTS = Object.freeze({
	admin: 'admin@icld.example',
	reviewer: 'reviewer@icld.example',
	sida: 'sida@sida.example',
	applicant: 'borlange@kommun.example',
});

/**
 * openStack(opts, names) -> Promise<{stack, q, one, <name>: Session ...}>: a test file's stack, startStack(opts),
 * with its SQL shorthands q (stack.mysql) and one (stack.one), and a signed-in session for each name of ACCOUNTS
 * in names. The file's before() keeps what it needs and its after() stops the stack; when a sign-in fails, the
 * stack is stopped here (its directory kept for the logs) and the error thrown.
 */
export async function openStack(opts = {}, names = []) {
	const stack = await startStack(opts);
	try {
		const out = { stack, q: (sql, o) => stack.mysql(sql, o), one: (sql, o) => stack.one(sql, o) };
		for (const name of names) {
			if (!Object.hasOwn(ACCOUNTS, name)) throw new Error(`no demo account for ${name}: ${Object.keys(ACCOUNTS).join(', ')}`);
			out[name] = await stack.login(ACCOUNTS[name]);
		}
		return out;
	} catch (e) {
		await stack.stop({ keep: true });
		throw e;
	}
}

/**
 * s as an SQL string literal: its UTF-8 bytes, so that no character is lost to the client's character set or
 * needs escaping, in the database's collation, so that it compares with a column as a quoted literal would.
 */
export const sqlText = (s) =>
	`CONVERT(UNHEX('${Buffer.from(String(s), 'utf8').toString('hex')}') USING utf8mb4) COLLATE utf8mb4_swedish_ci`;

class Stack {
	constructor({ dir, sockDir, logs, workers, opts }) {
		/** the stack's directory: kpp.conf, log/, db/, nginx/ */
		this.dir = dir;
		this.sockDir = sockDir;
		/** log file paths: mariadb, workers (kpp-serve, multiwatch and the workers' stderr), nginxError, nginxAccess */
		this.logs = logs;
		this.workers = workers;
		this.opts = opts;
		this.db = null;
		this.supervisor = null;
		this.nginx = null;
		this.smtp = null;
		this.mailers = [];
		this.smtpPort = 0;
		this.port = 0;
		this.baseUrl = '';
		this.dbStopped = false;
		this.stopped = false;
	}

	/** mariadbd's pid */
	get dbPid() { return this.db?.pid; }

	/** the worker supervisor's pid (spawn-fcgi, then multiwatch: one process) */
	get supervisorPid() { return this.supervisor?.pid; }

	/** nginx master's pid */
	get nginxPid() { return this.nginx?.pid; }

	/** the FastCGI workers' pids, sorted (children of the supervisor) */
	workerPids() { return this.supervisor && !exited(this.supervisor) ? childPids(this.supervisor.pid) : []; }

	/** Waits until n workers run (default: as many as configured); returns their pids. */
	async waitForWorkers(n = this.workers, timeoutMs = 10000) {
		return waitFor(() => { const p = this.workerPids(); return p.length === n ? p : null; }, timeoutMs, `${n} workers`);
	}

	/** Starts the supervisor (conf/kpp-serve) and waits for the socket and all workers. */
	async startWorkers() {
		const env = {
			...ENV, KPP_ADMIN: path.join(BUILD, 'kpp-admin'), KPP_FCGI: path.join(BUILD, 'kpp-fcgi'),
			KPP_SOCKET_MODE: '0660', ...(this.opts.env || {}),
		};
		// A socket left by workers stopped before is not theirs: waiting for it would not wait for them.
		fs.rmSync(this.fcgiSocket, { force: true });
		this.supervisor = launch(path.join(SRC, 'conf/kpp-serve'), [this.confPath], this.logs.workers, env);
		await waitFor(() => {
			if (exited(this.supervisor)) throw new Error(`kpp-serve exited (${this.supervisor.exitCode ?? this.supervisor.signalCode}):\n${tail(this.logs.workers)}`);
			return fs.existsSync(this.fcgiSocket) && this.workerPids().length === this.workers;
		}, 10000, 'the FastCGI socket and workers');
	}

	/**
	 * Sends signal (default SIGTERM) to the supervisor and waits for it and every worker to exit.
	 * Returns {code, signal, ms}: the supervisor's exit.
	 */
	async stopWorkers(signal = 'SIGTERM', timeoutMs = 15000) {
		if (!this.supervisor) return null;
		const workers = this.workerPids();
		const t0 = Date.now();
		const r = await stopChild(this.supervisor, signal, timeoutMs);
		await waitFor(() => workers.every((p) => !pidAlive(p)), 5000, 'the workers to exit').catch(() => {
			for (const p of workers) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
		});
		return { ...r, ms: Date.now() - t0 };
	}

	/** Waits for the supervisor to exit by itself (after a signal sent by the test); {code, signal} or null. */
	async waitSupervisorExit(timeoutMs = 15000) {
		return (await waitExit(this.supervisor, timeoutMs)) ? { code: this.supervisor.exitCode, signal: this.supervisor.signalCode } : null;
	}

	async _startNginx(maxBody) {
		const prefix = path.join(this.dir, 'nginx');
		fs.mkdirSync(prefix, { recursive: true });
		for (let attempt = 1; ; attempt++) {
			this.port = await freePort();
			const site = path.join(prefix, 'site.conf');
			fs.writeFileSync(site, renderSite({
				listen: `127.0.0.1:${this.port}`, socket: this.fcgiSocket, staticDir: path.join(SRC, 'static'),
				publicDir: path.join(this.dir, 'public'), maxBody,
				accessLog: this.opts.accessLog === false ? 'off' : this.logs.nginxAccess, errorLog: this.logs.nginxError,
				publicRate: this.opts.publicRate, loginRate: this.opts.loginRate,
			}));
			const conf = writePrivateNginx(prefix, site, this.logs.nginxError);
			this.nginx = launch('nginx', ['-p', prefix, '-c', conf, '-e', this.logs.nginxError], this.logs.nginxError);
			try {
				await waitFor(async () => {
					if (exited(this.nginx)) throw new Error(`nginx exited:\n${tail(this.logs.nginxError, 10)}`);
					return portAnswers(this.port);
				}, 10000, 'nginx to listen');
				break;
			} catch (e) {
				await stopChild(this.nginx, 'SIGKILL', 5000);
				if (attempt < 5 && /Address already in use/.test(tail(this.logs.nginxError, 5))) continue;
				throw e;
			}
		}
		this.baseUrl = `http://127.0.0.1:${this.port}`;
	}

	/** The Maildir where the SMTP server keeps what it accepted (stack.mailbox() reads it). */
	get maildir() { return path.join(this.dir, 'mail'); }

	/** The file of the SMTP server's planned answers (lib/maildir_sink.py). */
	get smtpControl() { return path.join(this.dir, 'smtp-answers'); }

	/** Starts the SMTP server on a free port; returns the [mail] settings that send to it. */
	async _startSmtp() {
		for (let attempt = 1; ; attempt++) {
			try {
				await this.startSmtp(await freePort());
				break;
			} catch (e) {
				if (attempt < 5 && /address already in use/i.test(tail(this.logs.smtp, 5))) continue;
				throw e;
			}
		}
		return {
			'mail.relay': `smtp://127.0.0.1:${this.smtpPort}`, 'mail.starttls': 'off', 'mail.user': '',
			'mail.poll_seconds': 1, 'mail.retry_first_seconds': 1, 'mail.timeout_seconds': 10,
			// No daily pass of its own: a test runs it when it means to (kpp-mailer --daily), so that
			// reminders of the demo's reports never mix with the mail a test waits for.
			'mail.daily_at': '',
		};
	}

	/** Starts the SMTP server on port (default: its port so far, as after stopSmtp()) and waits for it to listen. */
	async startSmtp(port = this.smtpPort) {
		if (this.smtp && !exited(this.smtp)) throw new Error('the SMTP server already runs');
		this.smtpPort = port;
		const env = { ...ENV, PYTHONPATH: path.join(SRC, 'tests', 'e2e', 'lib') };
		// Debian's python3, which python3-aiosmtpd installs for (a python3 earlier in PATH may lack it).
		this.smtp = launch('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
			'-c', 'maildir_sink.Handler', this.maildir, this.smtpControl], this.logs.smtp, env);
		try {
			await waitFor(async () => {
				if (exited(this.smtp)) throw new Error(`the SMTP server exited:\n${tail(this.logs.smtp, 10)}`);
				return portAnswers(port);
			}, 10000, 'the SMTP server to listen');
		} catch (e) {
			await stopChild(this.smtp, 'SIGKILL', 5000);
			throw e;
		}
	}

	/** Stops the SMTP server (the relay is down until startSmtp()). */
	stopSmtp() { return stopChild(this.smtp, 'SIGTERM', 10000); }

	/** The SMTP server answers the next messages' DATA with these lines, one each ("451 4.3.0 ..."), then 250. */
	smtpAnswers(lines) { fs.writeFileSync(this.smtpControl, lines.map((l) => `${l}\n`).join('')); }

	/** The SMTP server's planned answers not used yet. */
	smtpAnswersLeft() {
		try { return fs.readFileSync(this.smtpControl, 'utf8').split('\n').filter((l) => l !== ''); } catch { return []; }
	}

	/** Every message the SMTP server accepted, oldest first: {file, raw} (raw: the bytes as text). */
	mailbox() {
		const dir = path.join(this.maildir, 'new');
		let names;
		try { names = fs.readdirSync(dir); } catch { return []; }
		return names.map((file) => ({ file, t: fs.statSync(path.join(dir, file)).mtimeMs }))
			.sort((x, y) => x.t - y.t || (x.file < y.file ? -1 : 1))
			.map(({ file }) => ({ file, raw: fs.readFileSync(path.join(dir, file), 'latin1') }));
	}

	/**
	 * Starts a kpp-mailer with this stack's configuration, or with conf ({'mail.key': value}) over it, and
	 * waits for it to run; several may run at once, as on several hosts (their log: stack.logs.mailer,
	 * shared). Returns its pid.
	 */
	async startMailer({ conf, env = {} } = {}) {
		let confPath = this.confPath;
		if (conf) {
			confPath = path.join(this.dir, `kpp-mailer-${this.mailers.length + 1}.conf`);
			fs.writeFileSync(confPath, setIni(fs.readFileSync(this.confPath, 'utf8'), conf), { mode: 0o600 });
		}
		const from = fs.existsSync(this.logs.mailer) ? fs.statSync(this.logs.mailer).size : 0;
		const child = launch(path.join(BUILD, 'kpp-mailer'), ['-c', confPath], this.logs.mailer, { ...ENV, ...env });
		this.mailers.push(child);
		await waitFor(() => {
			if (exited(child)) throw new Error(`kpp-mailer exited (${child.exitCode ?? child.signalCode}):\n${tail(this.logs.mailer)}`);
			return fs.readFileSync(this.logs.mailer, 'utf8').slice(from).includes(`:${child.pid}\n`);
		}, 10000, 'kpp-mailer to start');
		return child.pid;
	}

	/** Stops every kpp-mailer with signal (SIGTERM: each finishes the message in hand); [{code, signal}] in start order. */
	async stopMailers(signal = 'SIGTERM', timeoutMs = 15000) {
		return Promise.all(this.mailers.map((c) => stopChild(c, signal, timeoutMs)));
	}

	/** kpp-mailer's log lines since it started. */
	mailerLog() { try { return fs.readFileSync(this.logs.mailer, 'utf8'); } catch { return ''; } }

	/** HTTP request to this stack (lib/http.mjs request()): {status, headers, text, body, ms}. */
	get(p, opts = {}) { return request(this.baseUrl, p, { ...opts, method: opts.method || 'GET' }); }

	request(p, opts = {}) { return request(this.baseUrl, p, opts); }

	/** fetch() on this stack with redirect: 'manual'. */
	fetch(p, init = {}) { return fetch(new URL(p, this.baseUrl), { redirect: 'manual', ...init }); }

	/** A cookie-keeping session (lib/http.mjs Session): get/post/form/submit/login. */
	session() { return new Session(this.baseUrl); }

	/** Signs in on a new session (demo accounts: DEMO_PASSWORD) and returns the session. */
	async login(email, password = DEMO_PASSWORD) {
		const s = this.session();
		await s.login(email, password);
		return s;
	}

	/** SQL as the database administrator: rows as arrays of strings (NULL as null). opts: {database, timeoutMs} */
	mysql(sql, opts) { return mysqlQuery(this.dbSocket, sql, opts); }

	/** The first value of sql's first row (a string, or null for NULL), or null when there is no row. */
	async one(sql, opts) {
		const rows = await this.mysql(sql, opts);
		return rows.length ? rows[0][0] : null;
	}

	/**
	 * How many prepared statements the database executed while session s got path (MariaDB's Com_stmt_execute,
	 * before and after: exact only while nothing else runs, and with one worker when the result cache matters).
	 * Throws unless the page answered 200.
	 */
	async statements(s, path) {
		const executed = async () => Number((await this.mysql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'"))[0][1]);
		const before = await executed();
		const res = await s.get(path);
		if (res.status !== 200) throw new Error(`${path} answered ${res.status}, not 200`);
		return (await executed()) - before;
	}

	/** kpp-admin -c <this stack's conf> args...: {code, stdout, stderr}; opts.input goes to stdin. */
	admin(args, opts = {}) { return run(path.join(BUILD, 'kpp-admin'), ['-c', this.confPath, ...args], opts); }

	/** Freezes mariadbd (SIGSTOP): it keeps its connections but answers nothing. */
	sigstopDb() { process.kill(this.db.pid, 'SIGSTOP'); this.dbStopped = true; }

	/** Lets mariadbd go on (SIGCONT). */
	sigcontDb() { process.kill(this.db.pid, 'SIGCONT'); this.dbStopped = false; }

	/** The last lines of one of the logs (a key of stack.logs). */
	logTail(name, lines = 30) { return tail(this.logs[name], lines); }

	/**
	 * Stops nginx, the workers and mariadbd by pid and waits for them; removes the copy of the database
	 * (and the whole directory unless opts.keep or KPP_TEST_KEEP=1). Safe to call twice.
	 */
	async stop(opts = {}) {
		if (this.stopped) return;
		this.stopped = true;
		if (this.db && this.dbStopped) { try { this.sigcontDb(); } catch { /* gone */ } }
		await stopChild(this.nginx, 'SIGQUIT', 10000);
		await this.stopMailers('SIGTERM', 15000);
		await stopChild(this.smtp, 'SIGTERM', 10000);
		await this.stopWorkers('SIGTERM', 15000);
		await stopChild(this.db, 'SIGTERM', 60000);
		live.delete(this);
		if (this.sockDir.startsWith(os.tmpdir())) fs.rmSync(this.sockDir, { recursive: true, force: true });
		if (opts.keep || process.env.KPP_TEST_KEEP) return;
		fs.rmSync(this.dir, { recursive: true, force: true });
	}

	/** On an abnormal exit: SIGKILL to everything, synchronously (each launched program leads its own
	 * process group, with its workers in it). */
	_killSync() {
		for (const p of this.workerPids()) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
		for (const c of [this.nginx, ...this.mailers, this.smtp, this.supervisor, this.db]) if (c) killGroup(c);
	}
}
