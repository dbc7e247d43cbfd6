// orgadmin.test.mjs - administration of organisations, users (with one-time password links) and thematic areas:
// the admins' lists and forms (errors next to the fields, input kept, stale edits refused), the password link from
// creation to sign-in, deactivation that signs out at once, audit rows, and 404 for applicants and Sida on every
// page and POST; against the real stack with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openStack, parseForms, htmlDecode, sqlText, formOn, send, csrfOf } from './harness.mjs';
import { mailsTo } from './lib/mail.mjs';

let stack, one, admin, applicant, sida;

before(async () => {
	({ stack, one, admin, applicant, sida } = await openStack({ workers: 2, mail: true }, ['admin', 'applicant', 'sida']));
	await stack.startMailer();
});

after(() => stack?.stop());

/** The message next to field id in html, decoded, or null. */
function errorOf(html, id) {
	const m = html.match(new RegExp(`<p class="error-message" id="${id}-error">([\\s\\S]*?)</p>`));
	return m ? htmlDecode(m[1].replace(/<[^>]+>/g, '')).trim() : null;
}

/** Radio buttons and checkboxes: their fieldset has the message; the controls are not marked one by one. */
const CHOICES = new Set(['kind', 'role', 'lang']);

/** Asserts the page shows a message next to field (and in the summary, linking to it) matching re. */
function assertFieldError(res, field, re) {
	assert.match(res.text, /<title>(Fel|Error): /);
	assert.match(res.text, new RegExp(`<a href="#${field}">`), `the summary links to ${field}`);
	const msg = errorOf(res.text, field);
	assert.ok(msg, `a message next to ${field}`);
	if (re) assert.match(msg, re);
	if (!CHOICES.has(field) || /<select id="kind"/.test(res.text))
		assert.match(res.text, new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
}

/** A Swedish organisation number with a valid check digit, different each call. */
let numberSeq = 0;
function orgNumber() {
	numberSeq++;
	const nine = `212199${String(100 + numberSeq * 7).padStart(3, '0')}`;
	let sum = 0;
	for (let i = 0; i < 9; i++) {
		let v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
		if (v > 9) v -= 9;
		sum += v;
	}
	return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

/** The same number with its check digit wrong. */
const badCheck = (nr) => nr.slice(0, 10) + String((Number(nr[10]) + 1) % 10);

/** The one-time link of the n-th e-mail to address (the page that made it shows it no more), and its token. */
async function mailedLink(address, n = 1) {
	const url = (await mailsTo(stack, address, { n }))[n - 1].link;
	const t = url?.match(/\/password\/([0-9a-f]{64})$/);
	assert.ok(t, `a link with a 256-bit token: ${url}`);
	return { url, path: `/password/${t[1]}`, token: t[1] };
}

const sha256hex = (token) => crypto.createHash('sha256').update(Buffer.from(token, 'hex')).digest('hex').toUpperCase();

let userSeq = 0;
/** Creates an account through the form; returns {id, email, link}. */
async function createUser(fields = {}) {
	userSeq++;
	const email = fields.email ?? `person${userSeq}.${process.pid}@kommun.example`;
	const borlange = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
	const { form } = await formOn(admin, '/users/new', '/users');
	const res = await send(admin, form, { name: `Person ${userSeq} Åström`, email, role: 'applicant', org_id: borlange, lang: 'sv', ...fields });
	assert.equal(res.status, 200, res.text.slice(0, 1500));
	const id = await one(`SELECT id FROM users WHERE email = ${sqlText(email)}`);
	assert.ok(id, 'the account is stored');
	assert.doesNotMatch(res.text, /\/password\/[0-9a-f]{64}/, 'the page does not show the link');
	assert.ok(htmlDecode(res.text).includes(`mejlats till ${fields.name ?? `Person ${userSeq} Åström`} på ${email}`), 'the page says where the link went');
	return { id, email, link: await mailedLink(email), res };
}

/** Chooses password with the link on a fresh anonymous session; returns the POST's response. */
async function choosePassword(path, password, again = password) {
	const s = stack.session();
	const { page, form } = await formOn(s, path, path);
	assert.equal(page.status, 200);
	return send(s, form, { password, password_again: again });
}

/** A login attempt: the response of POST /login. */
async function tryLogin(email, password) {
	const s = stack.session();
	const res = await s.submit('/login', { email, password }, { form: (f) => f.action === '/login' });
	return { s, res };
}

describe('the admin start page', () => {
	test('links to organisations, users and thematic areas for admins only', async () => {
		const home = await admin.get('/');
		for (const p of ['/organisations', '/users', '/thematic-areas']) assert.match(home.text, new RegExp(`href="${p}"`));
		const other = await sida.get('/');
		for (const p of ['/organisations', '/users', '/thematic-areas']) assert.doesNotMatch(other.text, new RegExp(`href="${p}"`));
	});

	test('the countries page shows each country\'s ISO code as IATI uses it', async () => {
		const res = await admin.get('/countries');
		assert.match(res.text, /<td>XK<\/td>/);
		assert.match(res.text, /<td>KE<\/td>/);
	});
});

describe('organisations: the list', () => {
	test('Swedish names in Swedish order, with number, kind and status', async () => {
		const res = await admin.get('/organisations?side=swedish&q=V');
		assert.equal(res.status, 200);
		const names = [...res.text.matchAll(/<th scope="row">([^<]*)/g)].map((m) => htmlDecode(m[1]).split(' ')[0]);
		const v = names.filter((n) => ['Vara', 'Vimmerby', 'Västerås', 'Växjö'].includes(n));
		assert.deepEqual(v, ['Vara', 'Vimmerby', 'Västerås', 'Växjö']);
		assert.match(res.text, /\d{6}-\d{4}/);
		assert.match(res.text, /tag-approved">(I bruk|In use)</);
	});

	test('filters by country and kind, bookmarkable in the query string; paged with the total', async () => {
		const ke = await admin.get('/organisations?country=KE');
		assert.equal(ke.status, 200);
		const n = Number(await one("SELECT COUNT(*) FROM organisations WHERE country_code = 'KE'"));
		assert.equal([...ke.text.matchAll(/<th scope="row">/g)].length, n);
		assert.match(ke.text, /<option value="KE" selected>/);
		const all = await admin.get('/organisations');
		const total = Number(await one('SELECT COUNT(*) FROM organisations'));
		assert.ok(total > 50, 'the demo has more than a page');
		assert.equal([...all.text.matchAll(/<th scope="row">/g)].length, 50);
		assert.match(htmlDecode(all.text), new RegExp(`(1 till 50 av ${total}|1 to 50 of ${total})`));
		assert.match(all.text, /href="\/organisations\?page=2" rel="next"/);
		const p2 = await admin.get('/organisations?page=2');
		assert.equal(p2.status, 200);
		assert.equal([...p2.text.matchAll(/<th scope="row">/g)].length, Math.min(50, total - 50));
		assert.equal((await admin.get('/organisations?page=99')).status, 404);
		const regions = await admin.get('/organisations?kind=region');
		const nr = Number(await one("SELECT COUNT(*) FROM organisations WHERE kind = 'region'"));
		assert.equal([...regions.text.matchAll(/<th scope="row">/g)].length, nr);
	});

	test('a sort header link sorts the other way; the sorted column says so', async () => {
		const asc = await admin.get('/organisations?side=swedish');
		assert.match(asc.text, /aria-sort="ascending"><a href="\/organisations\?side=swedish&amp;sort=name&amp;dir=desc"/);
		const desc = await admin.get('/organisations?side=swedish&sort=name&dir=desc');
		const names = [...desc.text.matchAll(/<th scope="row">([^<]*)/g)].map((m) => htmlDecode(m[1]));
		const sorted = [...names].sort((a, b) => b.localeCompare(a, 'sv'));
		assert.deepEqual(names, sorted);
		const byCountry = await admin.get('/organisations?side=partner&sort=country');
		assert.equal(byCountry.status, 200);
		assert.match(byCountry.text, /aria-sort="ascending"><a href="[^"]*sort=country&amp;dir=desc"/);
	});

	for (const bad of ['side=both', 'kind=city%27--', 'country=QQ', 'country=ke', 'status=gone', 'sort=id', 'sort=name&dir=up',
		'page=0', 'page=x', `q=${'x'.repeat(201)}`]) {
		test(`a value outside the allow-list is a 400: ${bad.slice(0, 30)}`, async () => {
			assert.equal((await admin.get(`/organisations?${bad}`)).status, 400);
		});
	}

	test('the search finds names and numbers, with % and _ taken as they are', async () => {
		const [[name, nr]] = await stack.mysql("SELECT name, org_number FROM organisations WHERE name = 'Borlänge kommun'");
		const byNumber = await admin.get(`/organisations?q=${encodeURIComponent(nr)}`);
		assert.match(htmlDecode(byNumber.text), new RegExp(name));
		// Whatever the case and the accents, as the public register's search.
		const byFolded = await admin.get('/organisations?q=BORLANGE');
		assert.match(htmlDecode(byFolded.text), new RegExp(name));
		const pct = await admin.get('/organisations?q=%25');
		assert.equal(pct.status, 200);
		assert.match(pct.text, /(Ingen organisation matchar|No organisation matches)/);
	});
});

describe('organisations: adding and editing', () => {
	test('a Swedish member with a bad check digit: the error next to the number, the input kept, nothing stored', async () => {
		const nr = orgNumber();
		const { form } = await formOn(admin, '/organisations/new?side=swedish', '/organisations');
		const res = await send(admin, form, { name: 'Testkommun <Ö>', kind: 'kommun', org_number: badCheck(nr) });
		assert.equal(res.status, 200);
		assertFieldError(res, 'org_number', /(siffr|digits)/);
		const again = parseForms(res.text).find((f) => f.action === '/organisations');
		assert.equal(again.fields.name, 'Testkommun <Ö>');
		assert.equal(again.fields.org_number, badCheck(nr));
		assert.equal(again.fields.kind, 'kommun');
		assert.ok(!res.text.includes('<Ö>'), 'escaped');
		assert.equal(await one(`SELECT COUNT(*) FROM organisations WHERE name = 'Testkommun <Ö>'`), '0');
		const shape = await send(admin, form, { name: 'Testkommun', kind: 'kommun', org_number: '21200-0142' });
		assertFieldError(shape, 'org_number', /212000-2080/);
		const none = await send(admin, form, { name: '', org_number: '' }, ['kind']);
		assertFieldError(none, 'name');
		assertFieldError(none, 'org_number');
		assert.match(none.text, /<a href="#kind">/);
	});

	test('a Swedish member is added with its number as NNNNNN-NNNN, audited; a re-sent form adds nothing', async () => {
		const nr = orgNumber();
		const { form } = await formOn(admin, '/organisations/new?side=swedish', '/organisations');
		const fields = { name: 'Testby kommun', kind: 'kommun', org_number: ` ${nr.replace('-', '')} ` };
		const res = await send(admin, form, fields);
		assert.equal(res.status, 303, res.text.slice(0, 1500));
		assert.equal(res.headers.location, '/organisations');
		assert.deepEqual(await stack.mysql(`SELECT side, kind, name, org_number, country_code, active, version FROM organisations WHERE org_number = '${nr}'`),
			[['swedish', 'kommun', 'Testby kommun', nr, null, '1', '1']]);
		assert.equal((await send(admin, form, fields)).status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM organisations WHERE org_number = '${nr}'`), '1');
		const audit = await stack.mysql(`SELECT a.before_json, JSON_VALUE(a.after_json, '$.org_number'), u.email FROM audit_log a
			JOIN users u ON u.id = a.user_id WHERE a.action = 'organisation.create' AND JSON_VALUE(a.after_json, '$.org_number') = '${nr}'`);
		assert.deepEqual(audit, [[null, nr, 'admin@icld.example']]);
	});

	test('a number another organisation has: the error next to the number names it, the input kept', async () => {
		const [[name, nr]] = await stack.mysql("SELECT name, org_number FROM organisations WHERE name = 'Borlänge kommun'");
		const { form } = await formOn(admin, '/organisations/new?side=swedish', '/organisations');
		const res = await send(admin, form, { name: 'Dubblett kommun', kind: 'region', org_number: nr });
		assert.equal(res.status, 200);
		assertFieldError(res, 'org_number', new RegExp(name));
		const again = parseForms(res.text).find((f) => f.action === '/organisations');
		assert.equal(again.fields.name, 'Dubblett kommun');
		assert.equal(again.fields.kind, 'region');
		assert.equal(await one(`SELECT COUNT(*) FROM organisations WHERE org_number = '${nr}'`), '1');
	});

	test('a partner abroad with its name in the local language; a retired country or no language is refused', async () => {
		const { form } = await formOn(admin, '/organisations/new?side=partner', '/organisations');
		const base = { name: 'Nakuru County Test', name_local: 'Kaunti ya Nakuru', local_lang: 'sw', country: 'KE', kind: 'county' };
		const noLang = await send(admin, form, { ...base, local_lang: '' });
		assert.equal(noLang.status, 200);
		assertFieldError(noLang, 'local_lang');
		const retired = await send(admin, form, { ...base, country: 'NA' });
		assertFieldError(retired, 'country');
		const noKind = await send(admin, form, { ...base, kind: 'kommun' });
		assertFieldError(noKind, 'kind');
		const res = await send(admin, form, base);
		assert.equal(res.status, 303, res.text.slice(0, 1500));
		assert.deepEqual(await stack.mysql("SELECT side, kind, name_local, local_lang, country_code, org_number FROM organisations WHERE name = 'Nakuru County Test'"),
			[['partner', 'county', 'Kaunti ya Nakuru', 'sw', 'KE', null]]);
		const list = await admin.get('/organisations?country=KE&q=Nakuru');
		assert.match(list.text, /lang="sw">Kaunti ya Nakuru</);
		// Another one of that name in Kenya is the same organisation: refused next to the name.
		const dup = await send(admin, form, { ...base, name: 'nakuru county test', kind: 'city' });
		assertFieldError(dup, 'name', /(Kenya)/);
	});

	test('an edit saves with the version, writes before and after; a stale edit is refused with the input kept', async () => {
		const nr = orgNumber();
		const { form: add } = await formOn(admin, '/organisations/new?side=swedish', '/organisations');
		assert.equal((await send(admin, add, { name: 'Redigera kommun', kind: 'kommun', org_number: nr })).status, 303);
		const id = await one(`SELECT id FROM organisations WHERE org_number = '${nr}'`);
		const mine = await formOn(admin, `/organisations/${id}/edit`, `/organisations/${id}`);
		assert.equal(mine.form.fields.version, '1');
		assert.equal(mine.form.fields.org_number, nr);
		assert.equal(mine.form.fields.active, '1');

		const other = await stack.login('admin@icld.example');
		const theirs = await formOn(other, `/organisations/${id}/edit`, `/organisations/${id}`);
		assert.equal((await send(other, theirs.form, { name: 'Deras namn kommun' })).status, 303);

		const res = await send(admin, mine.form, { name: 'Mitt namn kommun', kind: 'landsting' });
		assert.equal(res.status, 409);
		assert.match(res.text, /<title>(Fel|Error): /);
		assert.match(htmlDecode(res.text), /(Någon annan ändrade organisationen|Someone else changed this organisation)/);
		const again = parseForms(res.text).find((f) => f.action === `/organisations/${id}`);
		assert.equal(again.fields.name, 'Mitt namn kommun', 'my input, not the database\'s');
		assert.equal(again.fields.kind, 'landsting');
		assert.equal(again.fields.version, '2', 'the form now carries the stored version');
		assert.equal(await one(`SELECT name FROM organisations WHERE id = ${id}`), 'Deras namn kommun', 'theirs stands');

		// Saving again works, and retiring is part of the same form (the box unticked).
		const second = await send(admin, again, {}, ['active']);
		assert.equal(second.status, 303);
		assert.deepEqual(await stack.mysql(`SELECT name, kind, active, version FROM organisations WHERE id = ${id}`),
			[['Mitt namn kommun', 'landsting', '0', '3']]);
		const audit = await stack.mysql(`SELECT JSON_VALUE(before_json, '$.name'), JSON_VALUE(after_json, '$.name'),
			JSON_VALUE(before_json, '$.active'), JSON_VALUE(after_json, '$.active') FROM audit_log
			WHERE action = 'organisation.update' AND entity_id = ${id} ORDER BY id`);
		assert.deepEqual(audit, [['Redigera kommun', 'Deras namn kommun', '1', '1'], ['Deras namn kommun', 'Mitt namn kommun', '1', '0']]);
		const retired = await admin.get('/organisations?status=retired&q=Mitt%20namn');
		assert.match(retired.text, /tag-closed">(Avvecklad|Retired)</);
		// Its number cannot be taken by an edit of another organisation.
		const [[otherId]] = await stack.mysql("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		const b = await formOn(admin, `/organisations/${otherId}/edit`, `/organisations/${otherId}`);
		const clash = await send(admin, b.form, { org_number: nr });
		assert.equal(clash.status, 200);
		assertFieldError(clash, 'org_number', /Mitt namn kommun/);
	});

	test('an unknown organisation, a side that is none, or no version is refused', async () => {
		assert.equal((await admin.get('/organisations/999999/edit')).status, 404);
		assert.equal((await admin.get('/organisations/x/edit')).status, 404);
		assert.equal((await admin.get('/organisations/new?side=both')).status, 400);
		const csrf = await csrfOf(admin);
		assert.equal((await admin.post('/organisations', { csrf, side: 'both', name: 'X' })).status, 400);
		const id = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		assert.equal((await admin.post(`/organisations/${id}`, { csrf, name: 'X' })).status, 400);
	});
});

describe('users: a new account and its one-time password link', () => {
	test('the link is mailed; only its SHA-256 is stored, for 72 hours; the account has no password yet', async () => {
		const u = await createUser();
		assert.match(u.link.url, new RegExp(`^http://127\\.0\\.0\\.1:${stack.port}/password/`));
		const [[pwNull, token, org]] = await stack.mysql(`SELECT password_hash IS NULL, create_token, org_id FROM users WHERE id = ${u.id}`);
		assert.equal(pwNull, '1');
		assert.match(token, /^[0-9a-f]{64}$/);
		assert.ok(org);
		const [[hash, hours, by]] = await stack.mysql(`SELECT HEX(token_hash), TIMESTAMPDIFF(HOUR, created_at, expires_at), created_by FROM password_links WHERE user_id = ${u.id}`);
		assert.equal(hash, sha256hex(u.link.token));
		assert.equal(hours, '72');
		assert.equal(by, await one("SELECT id FROM users WHERE email = 'admin@icld.example'"));
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%${u.link.token}%' OR before_json LIKE '%${u.link.token}%'`), '0');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND entity_id = ${u.id} AND JSON_VALUE(after_json, '$.role') = 'applicant'`), '1');
		// The account cannot sign in before a password is chosen.
		const { res } = await tryLogin(u.email, 'anything at all');
		assert.equal(res.status, 200);
	});

	test('bad input is shown next to its field with the input kept, and nothing is created', async () => {
		const borlange = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		const { form } = await formOn(admin, '/users/new', '/users');
		const count = await one('SELECT COUNT(*) FROM users');
		const cases = [
			[{ email: 'not-an-address' }, 'email', /(rätt format|correct format)/],
			[{ email: 'borlange@kommun.example' }, 'email', /(finns redan|already)/],
			[{ email: 'BORLANGE@kommun.example ' }, 'email', /(finns redan|already)/],
			[{ org_id: '' }, 'org_id', /(sökande|applicant)/],
			[{ role: 'sida' }, 'org_id', /Sida/],
			[{ org_id: '999999' }, 'org_id'],
			[{ role: 'root' }, 'role'],
			[{ name: '  ' }, 'name'],
			[{ lang: 'de' }, 'lang'],
		];
		for (const [set, field, re] of cases) {
			const sent = { name: 'Kvar Kvarsson', email: `kvar.${process.pid}@kommun.example`, role: 'applicant', org_id: borlange, lang: 'en', ...set };
			const res = await send(admin, form, sent);
			assert.equal(res.status, 200, JSON.stringify(set));
			assertFieldError(res, field, re);
			const again = parseForms(res.text).find((f) => f.action === '/users');
			if (field !== 'name') assert.equal(again.fields.name, 'Kvar Kvarsson');
			if (field !== 'email') assert.equal(again.fields.email, sent.email.trim());
			assert.equal(again.fields.token, form.fields.token, 'the same one-time token');
		}
		assert.equal(await one('SELECT COUNT(*) FROM users'), count);
	});

	test('a re-sent form creates one account, mails one link and says it was mailed before', async () => {
		const email = `twice.${process.pid}@kommun.example`;
		const { form } = await formOn(admin, '/users/new', '/users');
		const fields = { name: 'Två Gånger', email, role: 'admin', org_id: '', lang: 'en' };
		const first = await send(admin, form, fields);
		assert.equal(first.status, 200);
		await mailedLink(email);
		const second = await send(admin, form, fields);
		assert.equal(second.status, 200);
		assert.doesNotMatch(second.text, /\/password\/[0-9a-f]{64}/);
		assert.match(second.text, /(Kontot finns redan|The account exists already)/);
		assert.equal(await one(`SELECT COUNT(*) FROM users WHERE email = '${email}'`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM password_links l JOIN users u ON u.id = l.user_id WHERE u.email = '${email}'`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM outbox WHERE recipient_email = '${email}' AND kind = 'account_link'`), '1');
	});

	test('an ICLD admin may carry a home organisation; Sida has none', async () => {
		const borlange = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		const a = await createUser({ role: 'admin', org_id: borlange, email: `home.${process.pid}@icld.example` });
		assert.deepEqual(await stack.mysql(`SELECT role, org_id FROM users WHERE id = ${a.id}`), [['admin', borlange]]);
		const s = await createUser({ role: 'sida', org_id: '', email: `reader.${process.pid}@sida.example` });
		assert.deepEqual(await stack.mysql(`SELECT role, org_id FROM users WHERE id = ${s.id}`), [['sida', null]]);
	});

	test('choosing the password: too short and different twice are refused; then sign-in works; the link works once', async () => {
		const u = await createUser();
		const short = await choosePassword(u.link.path, 'kort lösen', 'kort lösen');
		assert.equal(short.status, 200);
		assertFieldError(short, 'password', /12/);
		assert.doesNotMatch(short.text, /value="kort lösen"/, 'a password is never sent back');
		const differ = await choosePassword(u.link.path, 'ett långt lösenord', 'ett långt lösenorD');
		assert.equal(differ.status, 200);
		assertFieldError(differ, 'password_again');
		assert.equal(await one(`SELECT password_hash IS NULL FROM users WHERE id = ${u.id}`), '1');

		const ok = await choosePassword(u.link.path, 'ett långt lösenord');
		assert.equal(ok.status, 303);
		assert.equal(ok.headers.location, '/login?password=set');
		assert.match(await one(`SELECT password_hash FROM users WHERE id = ${u.id}`), /^\$argon2id\$/);
		assert.equal(await one(`SELECT COUNT(*) FROM password_links WHERE user_id = ${u.id}`), '0');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_set' AND entity_id = ${u.id} AND user_id = ${u.id}`), '1');
		const notice = await stack.get('/login?password=set');
		assert.match(notice.text, /notice-success/);

		const { res } = await tryLogin(u.email, 'ett långt lösenord');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/');

		// Used: the same clear page, 410, for a GET and a POST.
		const again = await stack.get(u.link.path);
		assert.equal(again.status, 410);
		assert.match(again.text, /(Länken fungerar inte|This link does not work)/);
		const s = stack.session();
		const page = await s.get('/login');
		const csrf = parseForms(page.text).find((f) => f.action === '/login').fields.csrf;
		const post = await s.post(u.link.path, { csrf, password: 'ännu ett lösenord', password_again: 'ännu ett lösenord' });
		assert.equal(post.status, 410);
		const { res: still } = await tryLogin(u.email, 'ett långt lösenord');
		assert.equal(still.status, 303, 'the password chosen first still stands');
	});

	test('unknown, used and expired links look the same; a malformed one is no page', async () => {
		const u = await createUser();
		await stack.mysql(`UPDATE password_links SET created_at = UTC_TIMESTAMP() - INTERVAL 4 DAY,
			expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE user_id = ${u.id}`);
		const expired = await stack.get(u.link.path);
		assert.equal(expired.status, 410);
		const unknown = await stack.get(`/password/${crypto.randomBytes(32).toString('hex')}`);
		assert.equal(unknown.status, 410);
		const main = (t) => t.slice(t.indexOf('<main'), t.indexOf('</main>'));
		assert.equal(main(expired.text), main(unknown.text), 'nothing tells which');
		assert.equal((await choosePassword(u.link.path, 'x').catch(() => null)), null, 'no form on an expired link');
		assert.equal((await stack.get('/password/abc')).status, 404);
		assert.equal((await stack.get(`/password/${'A'.repeat(64)}`)).status, 404);
	});

	test('a new link ends the earlier ones; it is mailed, audited without the token', async () => {
		const u = await createUser();
		const reset = await formOn(admin, `/users?q=${encodeURIComponent(u.email)}`, `/users/${u.id}/reset-link`);
		const res = await send(admin, reset.form);
		assert.equal(res.status, 200);
		const fresh = await mailedLink(u.email, 2);
		assert.equal(await one(`SELECT kind FROM outbox WHERE recipient_email = ${sqlText(u.email)} ORDER BY id DESC LIMIT 1`), 'password_link');
		assert.notEqual(fresh.token, u.link.token);
		assert.equal((await stack.get(u.link.path)).status, 410, 'the first link is ended');
		assert.equal((await stack.get(fresh.path)).status, 200);
		assert.equal(await one(`SELECT COUNT(*) FROM password_links WHERE user_id = ${u.id}`), '1');
		const [[expires, tokenIn]] = await stack.mysql(`SELECT JSON_VALUE(after_json, '$.expires_at'), after_json LIKE '%${fresh.token}%'
			FROM audit_log WHERE action = 'user.password_link' AND entity_id = ${u.id}`);
		assert.match(expires, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		assert.equal(tokenIn, '0');
		assert.equal((await choosePassword(fresh.path, 'det nya lösenordet')).status, 303);
	});
});

/** A time the database keeps in UTC ("YYYY-MM-DD HH:MM:SS") as Swedes read it, "YYYY-MM-DD HH:MM". */
const swedish = (utc) => new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
}).format(new Date(`${utc.replace(' ', 'T')}Z`)).replace(',', '');

describe('users: the list', () => {
	test('times are in Swedish time, as on every other page: the last sign-in, and until when a link works', async () => {
		const u = await createUser();
		// Winter (UTC+1) for the sign-in, summer (UTC+2) for the link, each across midnight.
		await stack.mysql(`UPDATE users SET last_login_at = '2016-01-15 23:30:00' WHERE id = ${u.id}`);
		await stack.mysql(`UPDATE password_links SET expires_at = '2036-07-01 22:15:00' WHERE user_id = ${u.id}`);
		assert.equal(swedish('2016-01-15 23:30:00'), '2016-01-16 00:30');
		const row = (await admin.get(`/users?q=${encodeURIComponent(u.email)}`)).text.split(`<tr id="user-${u.id}">`)[1].split('</tr>')[0];
		assert.ok(row.includes('<span class="date">2016-01-16 00:30</span>'), row);
		assert.ok(row.includes('Lösenordslänken fungerar till 2036-07-02 00:15<'), row);
		assert.doesNotMatch(row, /UTC/);
		// The page that says a new link was mailed says until when it works the same way.
		const reset = await formOn(admin, `/users?q=${encodeURIComponent(u.email)}`, `/users/${u.id}/reset-link`);
		const res = await send(admin, reset.form);
		const expires = await one(`SELECT DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s') FROM password_links WHERE user_id = ${u.id}`);
		assert.ok(htmlDecode(res.text).includes(`Länken fungerar en gång, till ${swedish(expires)}.`), res.text);
		assert.doesNotMatch(res.text, /UTC/);
		const head = (await admin.get('/users')).text;
		assert.match(head, />Senast inloggad</);
	});

	test('filters by role, organisation and status; a value outside the allow-list is a 400', async () => {
		const sidaList = await admin.get('/users?role=sida');
		assert.equal(sidaList.status, 200);
		assert.match(sidaList.text, /sida@sida\.example/);
		assert.doesNotMatch(sidaList.text, /borlange@kommun\.example/);
		const borlange = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		const byOrg = await admin.get(`/users?organisation=${borlange}`);
		assert.match(byOrg.text, /borlange@kommun\.example/);
		assert.doesNotMatch(byOrg.text, /admin@icld\.example/);
		const all = await admin.get('/users');
		const total = Number(await one('SELECT COUNT(*) FROM users'));
		assert.match(htmlDecode(all.text), new RegExp(`(av|of) ${total}`));
		assert.match(all.text, /aria-sort="ascending"><a href="\/users\?sort=name&amp;dir=desc"/);
		const byLogin = await admin.get('/users?sort=last_login&dir=desc');
		assert.equal(byLogin.status, 200);
		for (const bad of ['role=root', 'organisation=0', 'organisation=999999', 'organisation=abc', 'status=maybe', 'sort=password_hash', 'dir=sideways', 'page=-2'])
			assert.equal((await admin.get(`/users?${bad}`)).status, 400, bad);
	});
});

describe('users: deactivation', () => {
	test('a signed-in user is signed out at once, cannot sign in, and can again once reactivated', async () => {
		const u = await createUser();
		assert.equal((await choosePassword(u.link.path, 'ett helt eget lösenord')).status, 303);
		const { s, res } = await tryLogin(u.email, 'ett helt eget lösenord');
		assert.equal(res.status, 303);
		for (let i = 0; i < 3; i++) assert.equal((await s.get('/')).status, 200, 'signed in (and the account cached)');

		const back = `/users?q=${encodeURIComponent(u.email)}`;
		const { form } = await formOn(admin, back, `/users/${u.id}/deactivate`);
		assert.equal(form.fields.back, back);
		const off = await send(admin, form);
		assert.equal(off.status, 303);
		assert.equal(off.headers.location, back, 'back to the list as it was');
		assert.equal(await one(`SELECT active FROM users WHERE id = ${u.id}`), '0');
		assert.equal(await one(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '0');
		const next = await s.get('/');
		assert.equal(next.status, 303);
		assert.match(next.headers.location, /^\/login/);
		const { res: refused } = await tryLogin(u.email, 'ett helt eget lösenord');
		assert.equal(refused.status, 200);
		assert.match(refused.text, /error-summary/);
		const list = await admin.get(back);
		assert.match(list.text, /tag-closed">(Inaktiverat|Deactivated)</);
		// The same click again changes nothing and writes no second row.
		assert.equal((await send(admin, form)).status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.deactivate' AND entity_id = ${u.id}`), '1');
		// No password link for a deactivated account.
		const csrf = await csrfOf(admin);
		const link = await admin.post(`/users/${u.id}/reset-link`, { csrf });
		assert.equal(link.status, 409);
		assert.match(link.text, new RegExp(`<a href="#user-${u.id}">`));

		const on = await formOn(admin, back, `/users/${u.id}/reactivate`);
		assert.equal((await send(admin, on.form)).status, 303);
		assert.equal(await one(`SELECT active FROM users WHERE id = ${u.id}`), '1');
		const { res: again } = await tryLogin(u.email, 'ett helt eget lösenord');
		assert.equal(again.status, 303);
		const audit = await stack.mysql(`SELECT action, JSON_VALUE(before_json, '$.active'), JSON_VALUE(after_json, '$.active')
			FROM audit_log WHERE entity = 'user' AND entity_id = ${u.id} AND action IN ('user.deactivate', 'user.reactivate') ORDER BY id`);
		assert.deepEqual(audit, [['user.deactivate', '1', '0'], ['user.reactivate', '0', '1']]);
	});

	test('an account deactivated behind the application\'s back is signed out too: the cached account follows the data version', async () => {
		const u = await createUser();
		assert.equal((await choosePassword(u.link.path, 'ännu ett eget lösenord')).status, 303);
		const { s } = await tryLogin(u.email, 'ännu ett eget lösenord');
		for (let i = 0; i < 4; i++) assert.equal((await s.get('/')).status, 200);
		await stack.mysql(`UPDATE users SET active = 0 WHERE id = ${u.id}`);
		assert.equal(await one(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.id}`), '1', 'the session row is still there');
		for (let i = 0; i < 4; i++) assert.equal((await s.get('/')).status, 303, 'every worker signs it out');
	});

	test('an admin cannot deactivate their own account', async () => {
		const me = await one("SELECT id FROM users WHERE email = 'admin@icld.example'");
		const list = await admin.get('/users?role=admin');
		assert.doesNotMatch(list.text, new RegExp(`action="/users/${me}/deactivate"`), 'no button for oneself');
		const csrf = await csrfOf(admin);
		const res = await admin.post(`/users/${me}/deactivate`, { csrf });
		assert.equal(res.status, 409);
		assert.match(htmlDecode(res.text), /(Du kan inte inaktivera ditt eget konto|You cannot deactivate your own account)/);
		assert.equal(await one(`SELECT active FROM users WHERE id = ${me}`), '1');
		assert.equal((await admin.get('/')).status, 200, 'still signed in');
		assert.equal((await admin.post('/users/999999/deactivate', { csrf })).status, 404);
	});
});

describe('thematic areas', () => {
	test('the list shows each area with its DAC code and IATI\'s name for it', async () => {
		const res = await admin.get('/thematic-areas');
		assert.equal(res.status, 200);
		assert.match(res.text, /15112 <span class="hint" lang="en">Decentralisation and support to subnational government</);
		assert.match(res.text, /<code>local_governance<\/code>/);
	});

	const BAD = [
		{ what: 'a DAC code not in IATI\'s list', set: { dac_code: '15199' }, field: 'dac_code', msg: /15199/ },
		{ what: 'a DAC code IATI has withdrawn', set: { dac_code: '15120' }, field: 'dac_code', msg: /15120/ },
		{ what: 'a DAC code of four digits', set: { dac_code: '1511' }, field: 'dac_code', msg: /15112/ },
		{ what: 'no DAC code', set: { dac_code: '' }, field: 'dac_code' },
		{ what: 'a code with capitals', set: { code: 'Water' }, field: 'code', msg: /local_governance/ },
		{ what: 'a code taken', set: { code: 'local_governance' }, field: 'code', msg: /(finns redan|exists already)/ },
		{ what: 'no Swedish name', set: { name_sv: ' ' }, field: 'name_sv' },
	];
	for (const c of BAD) {
		test(`adding one with ${c.what}: the message next to the field, the input kept, nothing added`, async () => {
			const count = await one('SELECT COUNT(*) FROM thematic_areas');
			const { form } = await formOn(admin, '/thematic-areas', '/thematic-areas');
			const sent = { code: 'water_test', name_sv: 'Vatten & <sanitet>', name_en: 'Water and sanitation', dac_code: '14030', ...c.set };
			const res = await send(admin, form, sent);
			assert.equal(res.status, 200);
			assertFieldError(res, c.field, c.msg);
			const again = parseForms(res.text).find((f) => f.action === '/thematic-areas');
			for (const k of ['code', 'name_sv', 'name_en', 'dac_code']) assert.equal(again.fields[k], sent[k].trim(), `${k} kept`);
			assert.equal(await one('SELECT COUNT(*) FROM thematic_areas'), count);
		});
	}

	test('an area is added, audited, edited with its version; a stale edit is refused; it can be retired', async () => {
		const { form } = await formOn(admin, '/thematic-areas', '/thematic-areas');
		const fields = { code: 'water_sanitation', name_sv: 'Vatten och sanitet', name_en: 'Water and sanitation', dac_code: '14030' };
		assert.equal((await send(admin, form, fields)).status, 303);
		assert.equal((await send(admin, form, fields)).status, 303, 'a re-sent form');
		const [[id, dac, active, version]] = await stack.mysql("SELECT id, dac_code, active, version FROM thematic_areas WHERE code = 'water_sanitation'");
		assert.deepEqual([dac, active, version], ['14030', '1', '1']);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'thematic_area.create' AND entity_id = ${id}`), '1');

		const mine = await formOn(admin, `/thematic-areas/${id}/edit`, `/thematic-areas/${id}`);
		const other = await stack.login('admin@icld.example');
		const theirs = await formOn(other, `/thematic-areas/${id}/edit`, `/thematic-areas/${id}`);
		assert.equal((await send(other, theirs.form, { dac_code: '14010' })).status, 303);
		const stale = await send(admin, mine.form, { name_en: 'Water, sanitation and hygiene' });
		assert.equal(stale.status, 409);
		const again = parseForms(stale.text).find((f) => f.action === `/thematic-areas/${id}`);
		assert.equal(again.fields.name_en, 'Water, sanitation and hygiene');
		assert.equal(await one(`SELECT dac_code FROM thematic_areas WHERE id = ${id}`), '14010');
		const bad = await send(admin, again, { dac_code: '99999' });
		assertFieldError(bad, 'dac_code', /99999/);
		assert.equal((await send(admin, again, { dac_code: '14010' }, ['active'])).status, 303);
		assert.deepEqual(await stack.mysql(`SELECT name_en, active, version FROM thematic_areas WHERE id = ${id}`),
			[['Water, sanitation and hygiene', '0', '3']]);
		const audit = await stack.mysql(`SELECT JSON_VALUE(before_json, '$.active'), JSON_VALUE(after_json, '$.active') FROM audit_log
			WHERE action = 'thematic_area.update' AND entity_id = ${id} ORDER BY id DESC LIMIT 1`);
		assert.deepEqual(audit, [['1', '0']]);
	});
});

describe('who may administer', () => {
	for (const who of ['applicant', 'sida']) {
		test(`${who}: every page and every POST answers 404, and nothing changes`, async () => {
			const s = who === 'applicant' ? applicant : sida;
			const org = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
			const user = await one("SELECT id FROM users WHERE email = 'reviewer@icld.example'");
			const theme = await one("SELECT id FROM thematic_areas WHERE code = 'local_governance'");
			const state = 'SELECT (SELECT COUNT(*) FROM organisations), (SELECT SUM(version) FROM organisations), (SELECT COUNT(*) FROM users), ' +
				'(SELECT SUM(version) FROM users), (SELECT COUNT(*) FROM password_links), (SELECT SUM(version) FROM thematic_areas), ' +
				'(SELECT COUNT(*) FROM thematic_areas)';
			const before = await stack.mysql(state);
			for (const p of ['/organisations', '/organisations?side=swedish', '/organisations/new', `/organisations/${org}/edit`,
				'/users', '/users/new', '/thematic-areas', `/thematic-areas/${theme}/edit`])
				assert.equal((await s.get(p)).status, 404, `GET ${p}`);
			const csrf = await csrfOf(s);
			const posts = [
				['/organisations', { side: 'swedish', name: 'X kommun', kind: 'kommun', org_number: orgNumber() }],
				[`/organisations/${org}`, { version: '1', name: 'X', kind: 'kommun', org_number: orgNumber(), active: '1' }],
				['/users', { token: 'b'.repeat(64), name: 'X', email: `x.${who}@example.org`, role: 'admin', lang: 'sv' }],
				[`/users/${user}/deactivate`, {}],
				[`/users/${user}/reactivate`, {}],
				[`/users/${user}/reset-link`, {}],
				['/thematic-areas', { code: 'x_area', name_sv: 'X', name_en: 'X', dac_code: '15112' }],
				[`/thematic-areas/${theme}`, { version: '1', name_sv: 'X', name_en: 'X', dac_code: '15112', active: '1' }],
			];
			for (const [p, body] of posts)
				assert.equal((await s.post(p, { ...body, csrf })).status, 404, `POST ${p}`);
			assert.deepEqual(await stack.mysql(state), before);
			assert.equal((await s.get('/')).status, 200, 'still signed in');
		});
	}

	test('signed out: the pages send to sign-in, POSTs are refused', async () => {
		const res = await stack.get('/users');
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /^\/login\?next=/);
		assert.equal((await stack.request('/organisations', { method: 'POST', body: { name: 'X' } })).status, 403);
	});
});
