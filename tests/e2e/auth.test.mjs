// auth.test.mjs - sign-in, sessions, CSRF, throttling, sign-out, languages and who may see what,
// against the real nginx, workers and MariaDB with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
	openStack, startStack, parseForms, waitFor, formOn, send, PRODUCTION_LOGIN_RATE,
} from './harness.mjs';
import { mailsTo } from './lib/mail.mjs';

let stack, one;

before(async () => {
	({ stack, one } = await openStack({ workers: 2, mail: true, conf: { 'app.max_body': 65536 } }));
	await stack.startMailer();
});

after(() => stack?.stop());

// Pages have the language switch as their first form; sign-in posts the form that goes to /login.
const LOGIN = { form: (f) => f.action === '/login' };

// Demo accounts no other test here signs in with, one per call.
const USED = ['boras', 'borlange', 'falkoping', 'gavle', 'horby', 'kalmar', 'vasteras', 'vaxjo'];
let freshCount = 0;
async function freshAccount() {
	const list = USED.map((u) => `'${u}@kommun.example'`).join(', ');
	return one(`SELECT email FROM users WHERE role = 'applicant' AND active = 1 AND email NOT IN (${list})
		ORDER BY email LIMIT 1 OFFSET ${freshCount++}`);
}

const cookie = (res, name) => (res.headers['set-cookie'] || []).find((c) => c.startsWith(`${name}=`));


describe('signing in', () => {
	test('the sign-in page has the email and password fields and a CSRF token', async () => {
		const res = await stack.get('/login');
		assert.equal(res.status, 200);
		const [form] = parseForms(res.text).filter((f) => f.action === '/login');
		assert.ok(form, 'a form posting to /login');
		assert.ok(form.inputs.some((i) => i.name === 'email'));
		assert.ok(form.inputs.some((i) => i.name === 'password' && i.type === 'password'));
		assert.match(form.fields.csrf, /^[0-9a-f]{64}$/);
		assert.ok(cookie(res, 'kpp_pre'), 'the pre-session cookie carries the token');
		assert.match(res.text, /<label for="email">/);
	});

	test('the right password starts a session with a safe cookie and shows the role start page', async () => {
		const s = stack.session();
		const res = await s.login('admin@icld.example');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/');
		const c = cookie(res, 'kpp_session');
		assert.match(c, /^kpp_session=[0-9a-f]{64};/);
		assert.match(c, /HttpOnly/);
		assert.match(c, /SameSite=Lax/);
		assert.match(c, /Path=\//);
		const token = c.slice('kpp_session='.length, c.indexOf(';'));
		const stored = await one('SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2(UNHEX(\'' + token + '\'), 256))');
		assert.equal(stored, '1', 'the session is stored by the SHA-256 of its token');
		const plain = await one(`SELECT COUNT(*) FROM sessions WHERE HEX(token_hash) = '${token.toUpperCase()}'`);
		assert.equal(plain, '0', 'the token itself is never stored');
		const home = await s.get('/');
		assert.equal(home.status, 200);
		assert.match(home.text, /Programmet i korthet|The programme at a glance/);
		assert.ok(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login'") >= 1);
	});

	test('an applicant sees their own organisation on the start page', async () => {
		const s = stack.session();
		await s.login('borlange@kommun.example');
		const home = await s.get('/');
		assert.equal(home.status, 200);
		assert.match(home.text, /Borlänge/);
		assert.match(home.text, /id="applications"/);
		assert.match(home.text, /id="projects"/);
		assert.match(home.text, /id="reports-due"/);
	});

	test('a wrong password shows the error next to the field, keeps the email and starts no session', async () => {
		const s = stack.session();
		const res = await s.submit('/login', { email: 'sida@sida.example', password: 'not-it' }, LOGIN);
		assert.equal(res.status, 200);
		assert.equal(cookie(res, 'kpp_session'), undefined);
		assert.match(res.text, /<title>(Fel|Error): /);
		assert.match(res.text, /class="error-summary"/);
		assert.match(res.text, /href="#email"/);
		assert.match(res.text, /value="sida@sida.example"/);
		assert.ok(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login_failed'") >= 1);
	});

	test('an unknown account gets the same answer as a wrong password', async () => {
		const s = stack.session();
		const res = await s.submit('/login', { email: 'nobody@nowhere.example', password: 'x' }, LOGIN);
		assert.equal(res.status, 200);
		assert.match(res.text, /E-postadressen eller lösenordet är fel|The email address or the password is wrong/);
	});

	test('empty fields are named next to each field', async () => {
		const s = stack.session();
		const res = await s.submit('/login', { email: '', password: '' }, LOGIN);
		assert.equal(res.status, 200);
		assert.match(res.text, /id="email-error"/);
		assert.match(res.text, /id="password-error"/);
	});

	test('a POST without the CSRF token, or with another one, is refused with 403', async () => {
		const s = stack.session();
		await s.get('/login');
		const none = await s.post('/login', { email: 'admin@icld.example', password: 'demo-password' });
		assert.equal(none.status, 403);
		const wrong = await s.post('/login', { email: 'admin@icld.example', password: 'demo-password', csrf: 'a'.repeat(64) });
		assert.equal(wrong.status, 403);
		assert.equal(cookie(wrong, 'kpp_session'), undefined);
	});

	test('after five failures the address and account pair waits a minute, even for the right password; colleagues do not', async () => {
		const email = 'vasteras@kommun.example';
		for (let i = 0; i < 5; i++) {
			const r = await stack.session().submit('/login', { email, password: `wrong-${i}` }, LOGIN);
			assert.equal(r.status, 200);
		}
		const res = await stack.session().submit('/login', { email, password: 'demo-password' }, LOGIN);
		assert.equal(res.status, 429);
		assert.equal(cookie(res, 'kpp_session'), undefined);
		assert.match(res.text, /Vänta en minut|Wait a minute/);
		assert.match(res.text, /id="email-error"/);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.login_throttled' AND after_json LIKE '%${email}%'`), '1');
		const other = await stack.session().login('vaxjo@kommun.example');
		assert.equal(other.status, 303, 'another account from the same address still signs in');
	});

	test('parallel wrong passwords on one account are judged one at a time: exactly five, whatever the workers', async () => {
		const email = await freshAccount();
		// Each with its own page and token first, so that the twelve posts leave together.
		const sessions = [];
		for (let i = 0; i < 12; i++) {
			const s = stack.session();
			const page = await s.get('/login');
			sessions.push({ s, csrf: parseForms(page.text).find((f) => f.action === '/login').fields.csrf });
		}
		const answers = await Promise.all(sessions.map(({ s, csrf }, i) => s.post('/login', { csrf, email, password: `wrong-${i}` })));
		const statuses = answers.map((r) => r.status).sort();
		assert.deepEqual(statuses, [...Array(5).fill(200), ...Array(7).fill(429)], `answers: ${statuses}`);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.login_failed' AND after_json LIKE '%${email}%'`), '5');
		// The seven refused are counted on the pair's row, not written to the audit log one by one.
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.login_throttled' AND after_json LIKE '%${email}%'`), '1');
		assert.equal(await one(`SELECT CONCAT(failures, ' ', refused) FROM login_throttle WHERE email = '${email}'`), '5 7');
	});

	test('each further failure after a wait doubles the next wait', async () => {
		const email = await freshAccount();
		for (let i = 0; i < 5; i++)
			assert.equal((await stack.session().submit('/login', { email, password: `wrong-${i}` }, LOGIN)).status, 200);
		// The minute is over: one more try is judged, fails, and the pair waits two minutes.
		await stack.mysql(`UPDATE login_throttle SET blocked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE email = '${email}'`);
		assert.equal((await stack.session().submit('/login', { email, password: 'wrong-again' }, LOGIN)).status, 200);
		const wait = Number(await one(`SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), blocked_until) FROM login_throttle WHERE email = '${email}'`));
		assert.ok(wait > 100 && wait <= 120, `waits ${wait} s`);
		const res = await stack.session().submit('/login', { email, password: 'demo-password' }, LOGIN);
		assert.equal(res.status, 429);
		assert.match(res.text, /Vänta 2 minuter|Wait 2 minutes/);
		assert.equal(await one(`SELECT JSON_VALUE(after_json, '$.wait_seconds') FROM audit_log WHERE action = 'user.login_throttled' AND after_json LIKE '%${email}%' ORDER BY id DESC LIMIT 1`), '120');
	});

	test('a password chosen through a link ends the wait, from every address', async () => {
		const email = await freshAccount();
		for (let i = 0; i < 5; i++)
			assert.equal((await stack.session().submit('/login', { email, password: `wrong-${i}` }, LOGIN)).status, 200);
		await stack.mysql(`INSERT INTO login_throttle (email, ip, failures, last_failure_at, blocked_until)
			VALUES ('${email}', '192.0.2.7', 9, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 HOUR)`);
		assert.equal((await stack.session().submit('/login', { email, password: 'demo-password' }, LOGIN)).status, 429);
		const admin = await stack.login('admin@icld.example');
		const id = await one(`SELECT id FROM users WHERE email = '${email}'`);
		const reset = await formOn(admin, `/users?q=${encodeURIComponent(email)}`, `/users/${id}/reset-link`);
		assert.equal((await send(admin, reset.form)).status, 200);
		const link = (await mailsTo(stack, email))[0].link.replace(/^https?:\/\/[^/]+/, '');
		const s = stack.session();
		const choose = await formOn(s, link, link);
		assert.equal((await send(s, choose.form, { password: 'ett nytt långt lösenord', password_again: 'ett nytt långt lösenord' })).status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM login_throttle WHERE email = '${email}'`), '0');
		assert.equal((await stack.session().login(email, 'ett nytt långt lösenord')).status, 303);
	});

	test('what sign-in reads is bounded before any database work: a long email is refused next to the field and never stored', async () => {
		const long = `${'a'.repeat(60000)}@kommun.example`;
		const auditBefore = await one('SELECT COUNT(*) FROM audit_log');
		const res = await stack.session().submit('/login', { email: long, password: 'x' }, LOGIN);
		assert.equal(res.status, 200);
		assert.match(res.text, /id="email-error"/);
		assert.match(res.text, /högst 254 tecken|at most 254 characters/);
		const pw = await stack.session().submit('/login', { email: 'kalmar@kommun.example', password: 'p'.repeat(1025) }, LOGIN);
		assert.equal(pw.status, 200);
		assert.match(pw.text, /id="password-error"/);
		assert.equal(await one('SELECT COUNT(*) FROM audit_log'), auditBefore, 'no audit row');
		assert.equal(await one("SELECT COUNT(*) FROM login_throttle WHERE email LIKE 'aaaa%' OR (email = 'kalmar@kommun.example' AND failures > 0)"), '0');
		assert.equal(await one('SELECT COALESCE(MAX(LENGTH(after_json)), 0) < 1000 FROM audit_log WHERE action LIKE \'user.login%\''), '1');
	});

	test('a local next= is followed after sign-in, a foreign one is not', async () => {
		const s = stack.session();
		const local = await s.submit('/login?next=/accessibility', { email: 'admin@icld.example', password: 'demo-password' }, LOGIN);
		assert.equal(local.headers.location, '/accessibility');
		const s2 = stack.session();
		const evil = await s2.submit('/login', { email: 'admin@icld.example', password: 'demo-password', next: '//evil.example/' }, LOGIN);
		assert.equal(evil.headers.location, '/');
	});
});

describe('sessions', () => {
	test('signing out ends the session in the database and the cookie', async () => {
		const s = stack.session();
		await s.login('sida@sida.example');
		const token = s.cookies.get('kpp_session');
		const { form } = await s.form('/', (f) => f.action === '/logout');
		const out = await s.post('/logout', form.fields);
		assert.equal(out.status, 303);
		assert.equal(out.headers.location, '/login');
		assert.ok(!s.cookies.has('kpp_session'));
		const home = await s.get('/');
		assert.equal(home.status, 303);
		assert.match(home.headers.location, /^\/login/);
		const replay = await stack.get('/', { headers: { Cookie: `kpp_session=${token}` } });
		assert.equal(replay.status, 303, 'the old token no longer works');
		assert.ok(await one("SELECT COUNT(*) FROM audit_log WHERE action = 'user.logout'") >= 1);
	});

	test('a session idle too long, or past its absolute end, is over', async () => {
		const s = stack.session();
		await s.login('gavle@kommun.example');
		assert.equal((await s.get('/')).status, 200);
		await stack.mysql("UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.last_seen_at = UTC_TIMESTAMP() - INTERVAL 3 HOUR WHERE u.email = 'gavle@kommun.example'");
		assert.equal((await s.get('/')).status, 303, 'idle expiry');
		const s2 = stack.session();
		await s2.login('gavle@kommun.example');
		await stack.mysql("UPDATE sessions s JOIN users u ON u.id = s.user_id SET s.expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE u.email = 'gavle@kommun.example'");
		assert.equal((await s2.get('/')).status, 303, 'absolute expiry');
	});

	test('a deactivated user is signed out at once and cannot sign in', async () => {
		const s = stack.session();
		await s.login('kalmar@kommun.example');
		assert.equal((await s.get('/')).status, 200);
		await stack.mysql("UPDATE users SET active = 0 WHERE email = 'kalmar@kommun.example'");
		assert.equal((await s.get('/')).status, 303);
		const again = await stack.session().submit('/login', { email: 'kalmar@kommun.example', password: 'demo-password' }, LOGIN);
		assert.equal(again.status, 200);
		assert.equal(cookie(again, 'kpp_session'), undefined);
	});

	test('a signed-out visitor asking for a page is sent to sign in and back', async () => {
		const res = await stack.get('/projects/2016-0001');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/login?next=%2Fprojects%2F2016-0001');
	});
});

describe('languages', () => {
	test('the switch works before sign-in and is remembered in a cookie', async () => {
		const s = stack.session();
		const { form } = await s.form('/login', (f) => f.action === '/language');
		assert.equal(form.fields.back, '/login');
		const res = await s.post('/language', { ...form.fields, lang: 'en' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/login');
		const page = await s.get('/login');
		assert.match(page.text, /<html lang="en">/);
		assert.match(page.text, /Email address/);
		const back = await s.post('/language', { ...parseForms(page.text).find((f) => f.action === '/language').fields, lang: 'sv' });
		assert.equal(back.status, 303);
		assert.match((await s.get('/login')).text, /E-postadress/);
	});

	test('a signed-in user keeps the chosen language in their account', async () => {
		const s = stack.session();
		await s.login('falkoping@kommun.example');
		const { form } = await s.form('/', (f) => f.action === '/language');
		await s.post('/language', { ...form.fields, lang: 'en' });
		assert.equal(await one("SELECT lang FROM users WHERE email = 'falkoping@kommun.example'"), 'en');
		const fresh = stack.session();
		await fresh.login('falkoping@kommun.example');
		assert.match((await fresh.get('/')).text, /<html lang="en">/);
	});

	test('amounts are written the Swedish way in Swedish and the English way in English', async () => {
		const s = stack.session();
		await s.login('admin@icld.example');
		const sv = await s.get('/');
		assert.match(sv.text, /\d{1,3}(\u00a0\d{3})+\u00a0kr/);
		const { form } = await s.form('/', (f) => f.action === '/language');
		await s.post('/language', { ...form.fields, lang: 'en' });
		const en = await s.get('/');
		assert.match(en.text, /SEK\u00a0\d{1,3}(,\d{3})+/);
	});

	test('back= and next= never send the browser off the site, however the way out is hidden', async () => {
		// Browsers drop tabs and newlines inside a URL and read a backslash as a slash.
		const ways = ['/%09/evil.example/', '/%0A/evil.example/', '/%0D%0A%09/evil.example/', '/%5Cevil.example/',
			'%09//evil.example/', '/x%5C..%5C..%5Cevil', '/a%7F'];
		for (const way of ways) {
			const get = await stack.get(`/language?lang=en&back=${way}`);
			assert.equal(get.status, 303, way);
			assert.equal(get.headers.location, '/partnerships', `GET /language back=${way}`);
		}
		const s = stack.session();
		const { form } = await s.form('/login', (f) => f.action === '/language');
		const post = await s.post('/language', { ...form.fields, lang: 'sv', back: '/\t/evil.example/' });
		assert.equal(post.headers.location, '/', 'POST /language');
		const page = await stack.get('/login?next=%2F%09%2Fevil.example%2F');
		assert.equal(parseForms(page.text).find((f) => f.action === '/login').fields.next, undefined, 'the sign-in form does not carry the way out');
		const login = await stack.session().submit('/login', { email: 'admin@icld.example', password: 'demo-password', next: '/\t/evil.example/' }, LOGIN);
		assert.equal(login.status, 303);
		assert.equal(login.headers.location, '/', 'POST /login');
		assert.equal((await stack.get('/language?lang=en&back=/accessibility%3Fx%3D1')).headers.location, '/accessibility?x=1', 'a local path still goes back');
	});

	test('an unknown language is a 400', async () => {
		const s = stack.session();
		const { form } = await s.form('/login', (f) => f.action === '/language');
		const res = await s.post('/language', { ...form.fields, lang: 'xx' });
		assert.equal(res.status, 400);
	});
});

describe('who may see what', () => {
	test('an applicant sees their own application and project, and 404 for another organisation\'s', async () => {
		const own = await stack.mysql("SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name LIKE 'Borlänge%' ORDER BY a.id LIMIT 1");
		const other = await stack.mysql("SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name NOT LIKE 'Borlänge%' ORDER BY a.id LIMIT 1");
		const ownProject = await stack.mysql("SELECT p.code FROM projects p JOIN applications a ON a.id = p.application_id JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name LIKE 'Borlänge%' LIMIT 1");
		const otherProject = await stack.mysql("SELECT p.code FROM projects p JOIN applications a ON a.id = p.application_id JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name NOT LIKE 'Borlänge%' LIMIT 1");
		const s = stack.session();
		await s.login('borlange@kommun.example');
		assert.equal((await s.get(`/applications/${own[0][0]}`)).status, 200);
		const theirs = await s.get(`/applications/${other[0][0]}`);
		assert.equal(theirs.status, 404);
		assert.doesNotMatch(theirs.text, /Borlänge kommun<\/dd>/);
		assert.equal((await s.get(`/projects/${ownProject[0][0]}`)).status, 200);
		assert.equal((await s.get(`/projects/${otherProject[0][0]}`)).status, 404);
		assert.equal((await s.get('/applications/999999')).status, 404);
		assert.equal((await s.get('/applications/abc')).status, 404);
		assert.equal((await s.get('/projects/not-a-code')).status, 404);
	});

	test('Sida reads projects but not applications; ICLD reads both', async () => {
		const app = await one('SELECT id FROM applications ORDER BY id LIMIT 1');
		const code = await one('SELECT code FROM projects ORDER BY code LIMIT 1');
		const sida = stack.session();
		await sida.login('sida@sida.example');
		assert.equal((await sida.get(`/projects/${code}`)).status, 200);
		assert.equal((await sida.get(`/applications/${app}`)).status, 404);
		const admin = stack.session();
		await admin.login('admin@icld.example');
		assert.equal((await admin.get(`/projects/${code}`)).status, 200);
		assert.equal((await admin.get(`/applications/${app}`)).status, 200);
	});

	test('text from the database is escaped, never interpreted', async () => {
		await stack.mysql("UPDATE organisations SET name = 'Hörby <script>alert(1)</script> \"&\\' kommun' WHERE name LIKE 'Hörby%'");
		const s = stack.session();
		await s.login('horby@kommun.example');
		const home = await s.get('/');
		assert.equal(home.status, 200);
		assert.doesNotMatch(home.text, /<script>alert/);
		assert.match(home.text, /Hörby &lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;&amp;&#39; kommun/);
	});
});

describe('malformed and refused requests', () => {
	test('bad percent-encoding or UTF-8 is a 400 page', async () => {
		assert.equal((await stack.get('/login?next=%ZZ')).status, 400);
		assert.equal((await stack.get('/login?next=%C3%28')).status, 400);
		const s = stack.session();
		const { form } = await s.form('/login', (f) => f.action === '/login');
		const res = await s.post('/login', `csrf=${form.fields.csrf}&email=%ZZ&password=x`, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(res.status, 400);
		assert.match(res.text, /<html/);
	});

	test('a method a page does not take is a 405 with Allow', async () => {
		const get = await stack.get('/logout');
		assert.equal(get.status, 405);
		assert.equal(get.headers.allow, 'POST');
		const put = await stack.request('/login', { method: 'PUT' });
		assert.equal(put.status, 405);
		assert.equal(put.headers.allow, 'GET, HEAD, POST');
	});

	test('a form body over the application\'s limit is a 413 page', async () => {
		const s = stack.session();
		const { form } = await s.form('/login', (f) => f.action === '/login');
		const res = await s.post('/login', { ...form.fields, email: 'x'.repeat(70000), password: 'x' });
		assert.equal(res.status, 413);
		assert.match(res.text, /<html/);
	});

	test('error pages carry a request id that is also in the log, and every page has the security headers', async () => {
		const res = await stack.get('/no-such-page');
		assert.equal(res.status, 404);
		const id = res.headers['x-request-id'];
		assert.match(id, /^[0-9a-f]{16}$/);
		assert.match(res.text, new RegExp(id));
		// The workers' output reaches the log file through a pipe: give it a moment.
		await waitFor(() => fs.readFileSync(stack.logs.workers, 'utf8').includes(`req=${id} `), 3000, `req=${id} in the log`);
		for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'])
			assert.ok(res.headers[h], `${h} on an application page`);
	});
});

describe('throttling is per address and account pair', () => {
	test('many failures from one address (a shared office) lock no colleague out', async () => {
		for (let i = 0; i < 40; i++) {
			const r = await stack.session().submit('/login', { email: `guess-${i}@nowhere.example`, password: 'x' }, LOGIN);
			assert.equal(r.status, 200, `attempt ${i}`);
		}
		const res = await stack.session().login('boras@kommun.example');
		assert.equal(res.status, 303);
	});

	test('nginx limits how often one address posts the sign-in form, never the form itself', async () => {
		const limited = await startStack({ workers: 1, loginRate: PRODUCTION_LOGIN_RATE, name: 'auth-login-rate' });
		try {
			const s = limited.session();
			const page = await s.get('/login');
			const csrf = parseForms(page.text).find((f) => f.action === '/login').fields.csrf;
			const n = PRODUCTION_LOGIN_RATE.burst + 10;
			const answers = await Promise.all(Array.from({ length: n }, (_, i) => s.post('/login', { csrf, email: `rate-${i}@nowhere.example`, password: '' })));
			const refused = answers.filter((r) => r.status === 429);
			assert.ok(refused.length >= 5, `${refused.length} of ${n} refused`);
			assert.match(refused[0].text, /För många förfrågningar/);
			assert.equal((await s.get('/login')).status, 200, 'the form is still shown');
		} finally {
			await limited.stop();
		}
	});
});
