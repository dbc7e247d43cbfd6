// infra.test.mjs - the serving infrastructure: nginx site, static files, body limit, the worker supervisor,
// a frozen database and a graceful stop. The tests run in order on one stack; the last one stops the workers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
	startStack, pidAlive, waitFor, run, parseForms, writePrivateNginx, BUILD, SRC, PRODUCTION_LOGIN_RATE,
} from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('infrastructure', () => {
	let stack;

	before(async () => {
		stack = await startStack({ workers: 2 });
	});

	after(async () => {
		await stack?.stop();
	});

	test('/healthz answers 200 "ok" when the database answers', async () => {
		const res = await stack.get('/healthz');
		assert.equal(res.status, 200, res.text);
		assert.equal(res.text.trim(), 'ok');
	});

	test('a static file is served by nginx with its type and security headers', async () => {
		const res = await stack.get('/static/kpp.css');
		assert.equal(res.status, 200);
		assert.match(res.headers['content-type'], /^text\/css/);
		assert.equal(res.headers['x-content-type-options'], 'nosniff');
		assert.ok(res.body.length > 0, 'empty stylesheet');
		assert.equal(res.headers.server, 'nginx', 'server_tokens off: no version');
		const gz = await stack.get('/static/kpp.css', { headers: { 'Accept-Encoding': 'gzip' } });
		if (res.body.length >= 512) assert.equal(gz.headers['content-encoding'], 'gzip');
	});

	test('a missing static file is a 404 HTML page', async () => {
		const res = await stack.get('/static/no-such-file.css');
		assert.equal(res.status, 404);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.match(res.text, /<html/i);
	});

	test('an unknown path is a 404 HTML page from the application', async () => {
		const res = await stack.get('/no/such/page-at-all');
		assert.equal(res.status, 404);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.match(res.text, /<html/i);
	});

	test('a body over client_max_body_size is refused by nginx with 413 and a page', async () => {
		// 10 MiB + 1: nginx answers from the Content-Length alone; the body may be cut off mid-way.
		const size = 10 * 1024 * 1024 + 1;
		const res = await new Promise((resolve, reject) => {
			const req = http.request(`${stack.baseUrl}/login`, {
				method: 'POST', agent: false,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': size },
			}, (r) => {
				let text = '';
				r.setEncoding('utf8');
				r.on('data', (d) => { text += d; });
				r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, text }));
				r.on('error', reject);
			});
			req.on('error', (e) => { if (!['EPIPE', 'ECONNRESET'].includes(e.code)) reject(e); });
			const chunk = Buffer.alloc(64 * 1024, 'a');
			let sent = 0;
			const pump = () => {
				while (sent < size) {
					const n = Math.min(chunk.length, size - sent);
					sent += n;
					if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) { req.once('drain', pump); return; }
				}
				req.end();
			};
			pump();
		});
		assert.equal(res.status, 413);
		assert.match(res.headers['content-type'], /^text\/html/);
		assert.match(res.text, /<html/i);
	});

	test('a worker killed with SIGKILL is replaced, and requests keep succeeding', async () => {
		const before = await stack.waitForWorkers();
		const victim = before[0];
		process.kill(victim, 'SIGKILL');
		const now = await waitFor(() => {
			const p = stack.workerPids();
			return p.length === before.length && !p.includes(victim) ? p : null;
		}, 5000, 'a new worker');
		assert.equal(now.filter((p) => !before.includes(p)).length, 1, 'exactly one new worker');
		for (let i = 0; i < 20; i++) {
			const res = await stack.get('/healthz');
			assert.equal(res.status, 200, `request ${i}: ${res.status} ${res.text}`);
		}
	});

	test('a frozen database gives 503 within the read timeout, and 200 again when it returns, same workers', async () => {
		const workers = await stack.waitForWorkers();
		stack.sigstopDb();
		try {
			const res = await stack.get('/healthz', { timeoutMs: 20000 });
			assert.equal(res.status, 503, res.text);
			assert.ok(res.ms < 10000, `503 took ${res.ms} ms`);
		} finally {
			stack.sigcontDb();
		}
		const ok = await waitFor(async () => {
			const r = await stack.get('/healthz', { timeoutMs: 20000 });
			return r.status === 200 ? r : null;
		}, 15000, '/healthz to answer 200 again', 200);
		assert.equal(ok.text.trim(), 'ok');
		// every worker serves again (each answers at least once), and none was restarted
		for (let i = 0; i < 4 * workers.length; i++) {
			const r = await stack.get('/healthz', { timeoutMs: 20000 });
			assert.equal(r.status, 200, `request ${i} after the database returned: ${r.status}`);
		}
		assert.deepEqual(stack.workerPids(), workers);
	});

	test('the workers\' configuration holds no schema owner\'s password, and kpp-fcgi refuses one', async () => {
		const conf = fs.readFileSync(stack.confPath, 'utf8');
		const migrate = conf.split(/^\[/m).find((sec) => sec.startsWith('migrate]'));
		assert.ok(migrate, 'kpp.conf has a [migrate] section');
		assert.doesNotMatch(migrate, /^\s*(user|password)\s*=/m, 'no account in kpp.conf');
		const cred = migrate.match(/^\s*credentials\s*=\s*(\S+)/m)[1];
		assert.equal(fs.statSync(cred).mode & 0o777, 0o600, 'the credentials file is its owner\'s alone');
		assert.match(fs.readFileSync(cred, 'utf8'), /^password = \S+$/m);
		// The same configuration with the password put back: the workers will not start with it.
		const bad = path.join(stack.dir, 'kpp-with-migrate.conf');
		fs.writeFileSync(bad, conf.replace(/^\[migrate\]$/m, '[migrate]\npassword = leaked'), { mode: 0o600 });
		const fcgi = await run(path.join(BUILD, 'kpp-fcgi'), ['-c', bad], { timeoutMs: 10000 });
		assert.notEqual(fcgi.code, 0, 'kpp-fcgi refuses it');
		assert.match(fcgi.stderr, /migrate\.password belongs in the credentials file/);
		const admin = await run(path.join(BUILD, 'kpp-admin'), ['-c', bad, 'migrate'], { timeoutMs: 10000 });
		assert.notEqual(admin.code, 0, 'and so does kpp-admin');
		// kpp-admin reads the account from the credentials file, and only when that is its owner's alone.
		assert.equal((await stack.admin(['migrate'])).code, 0);
		fs.chmodSync(cred, 0o640);
		try {
			const open = await stack.admin(['migrate']);
			assert.notEqual(open.code, 0);
			assert.match(open.stderr, /chmod 600/);
		} finally {
			fs.chmodSync(cred, 0o600);
		}
	});

	test('a password link never reaches nginx\'s access log, and its page sends no Referer', async () => {
		const token = crypto.randomBytes(32).toString('hex');
		await stack.mysql(`INSERT INTO password_links (token_hash, user_id, created_at, expires_at)
			SELECT UNHEX(SHA2(UNHEX('${token}'), 256)), id, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 HOUR
			FROM users WHERE email = 'falkoping@kommun.example'`);
		const s = stack.session();
		const page = await s.get(`/password/${token}`);
		assert.equal(page.status, 200);
		assert.equal(page.headers['referrer-policy'], 'no-referrer', 'the one policy: no Referer from this page');
		const form = parseForms(page.text).find((f) => f.action === `/password/${token}`);
		const set = await s.post(`/password/${token}`, { ...form.fields, password: 'ett långt lösenord', password_again: 'ett långt lösenord' });
		assert.equal(set.status, 303);
		assert.equal((await s.get(`/password/${token}`)).status, 410);
		assert.equal((await stack.get('/static/kpp.css', { headers: { Referer: `${stack.baseUrl}/accessibility` } })).status, 200);
		assert.equal((await stack.get('/login')).headers['referrer-policy'], 'same-origin', 'other pages keep theirs');
		await waitFor(() => fs.readFileSync(stack.logs.nginxAccess, 'utf8').includes('/accessibility'), 5000, 'the access log to be written');
		const log = fs.readFileSync(stack.logs.nginxAccess, 'utf8');
		assert.ok(log.includes('GET /static/kpp.css'), 'the log is written');
		assert.ok(!log.includes(token), 'no token in the access log');
		assert.doesNotMatch(log, /\/password\/[0-9a-f]{16}/, 'nor any other link');
	});

	test('SIGTERM to the supervisor: the request in flight completes, then every worker exits', async () => {
		const workers = await stack.waitForWorkers();
		stack.sigstopDb();	// the next request waits on the database
		const inflight = stack.get('/healthz', { timeoutMs: 30000 });
		await sleep(500);
		process.kill(stack.supervisorPid, 'SIGTERM');
		await sleep(500);
		stack.sigcontDb();	// before the read timeout (3 s): the request can finish normally
		const res = await inflight;
		assert.equal(res.status, 200, `in-flight request: ${res.status} ${res.text}`);
		assert.equal(res.text.trim(), 'ok');
		const exit = await stack.waitSupervisorExit(15000);
		assert.ok(exit, 'the supervisor did not exit within 15 s');
		assert.equal(exit.code, 0, `supervisor exit ${JSON.stringify(exit)}`);
		await waitFor(() => workers.every((p) => !pidAlive(p)), 5000, 'all workers to exit');
		// with no worker left, nginx answers with its own page
		const down = await stack.get('/healthz');
		assert.equal(down.status, 503);
		assert.match(down.headers['content-type'], /^text\/html/);
		assert.ok(down.headers['retry-after']);
	});
});

describe('the site file as run.sh renders it', () => {
	test('every placeholder is filled, with production\'s limits on the public register and on posting the sign-in form, and nginx takes it', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpp-site-'));
		try {
			const site = path.join(dir, 'site.conf');
			const r = await run('bash', ['-c', 'source ./run.sh && render_site "$1" 127.0.0.1:1 "$2/kpp.sock" "$2/static" 10m off "$2/error.log" "$2/public"',
				'render', site, dir], { cwd: SRC });
			assert.equal(r.code, 0, r.stderr);
			const text = fs.readFileSync(site, 'utf8');
			assert.deepEqual(text.match(/@[A-Z_]+@/g), null, 'no placeholder left');
			assert.match(text, /limit_req_zone \$binary_remote_addr zone=kpp_public:10m rate=10r\/s;/);
			assert.match(text, new RegExp(`limit_req_zone \\$kpp_login_key zone=kpp_login:10m rate=${PRODUCTION_LOGIN_RATE.rate};`));
			assert.match(text, /location = \/login \{\s*limit_req zone=kpp_login burst=(\d+) nodelay;/);
			assert.equal(text.match(/location = \/login \{\s*limit_req zone=kpp_login burst=(\d+)/)[1], String(PRODUCTION_LOGIN_RATE.burst));
			const conf = writePrivateNginx(dir, site, path.join(dir, 'error.log'));
			const t = await run('nginx', ['-t', '-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')]);
			assert.equal(t.code, 0, t.stderr);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
