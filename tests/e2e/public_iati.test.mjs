// public_iati.test.mjs - the public IATI files for anyone: the activity file (GET /iati/activities.xml), valid against
// the 2.03 schema with codes from the codelists, every published project and no other (a withheld one gone from the
// next file, back when published again), written once per public version and day (ETag, Last-Modified, 304 on a conditional
// GET, a new ETag after a change, the same after a sign-in, a change of language or a change that changes nothing),
// by one worker while the others send the previous file, at most once per app.public_min_interval, compressed by
// nginx, never a string planted in a private field; and ICLD's organisation file (GET /iati/organisation.xml), valid
// against the organisations schema, its sums from the data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { openStack, startStack, sqlText, setIni, PRODUCTION_PUBLIC_RATE, SRC } from './harness.mjs';
import { xmllint, xmllintOrg, activities, codeProblems } from './lib/iati.mjs';

const ORG_REF = 'SE-ON-2220000315';
const URL_ACT = '/iati/activities.xml';
const URL_ORG = '/iati/organisation.xml';
const PUBLISHED = "FROM projects p JOIN applications a ON a.id = p.application_id WHERE p.withheld = 0 AND a.status = 'approved'";

let stack, q, one;

before(async () => {
	({ stack, q, one } = await openStack());
});

after(() => stack?.stop());

/** How many activity files the workers have written so far (their log says each). */
const written = (st = stack) => (fs.readFileSync(st.logs.workers, 'utf8').match(/public IATI activity file: /g) || []).length;

/** An anonymous GET: no cookie at all. */
const anon = (p, headers = {}) => stack.get(p, { headers });

const publishedIds = async () => (await q(`SELECT p.code ${PUBLISHED} ORDER BY p.code`)).map((r) => `${ORG_REF}-${r[0]}`);

/** The file as anyone gets it: 200, XML, cacheable, no cookie set. */
async function fetchFile(p = URL_ACT) {
	const res = await anon(p);
	assert.equal(res.status, 200, `${p} answers 200`);
	assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
	assert.equal(res.headers['set-cookie'], undefined, 'no cookie');
	assert.match(res.headers.etag, /^W\/"[^"]+"$/, 'weak: the plain and the gzipped file share it');
	assert.ok(!Number.isNaN(Date.parse(res.headers['last-modified'])), 'Last-Modified is a date');
	return res;
}

describe('GET /iati/activities.xml', () => {
	test('for anyone: valid against the 2.03 schema, every published project in code order, no other', async () => {
		const res = await fetchFile();
		const lint = await xmllint(res.text, 'activities.xml');
		assert.ok(lint.ok, `xmllint: ${lint.out.slice(0, 2000)}`);
		assert.match(lint.out, /validates$/);
		const ids = await publishedIds();
		assert.ok(ids.length > 50, `${ids.length} published demo projects`);
		const all = Number(await one('SELECT COUNT(*) FROM projects'));
		assert.ok(all > ids.length, 'the demo has projects that are not published');
		assert.deepEqual([...activities(res.text).keys()], ids);
	});

	test('uses only codes of the codelists, none withdrawn', async () => {
		const xml = (await fetchFile()).text;
		const uses = [
			['iati-activities', 'version', 'Version'], ['iati-activity', 'default-currency', 'Currency'],
			['narrative', 'xml:lang', 'Language'], ['participating-org', 'role', 'OrganisationRole'],
			['participating-org', 'type', 'OrganisationType'], ['activity-status', 'code', 'ActivityStatus'],
			['activity-date', 'type', 'ActivityDateType'], ['recipient-country', 'code', 'Country'],
			['sector', 'code', 'Sector'], ['transaction-type', 'code', 'TransactionType'],
			['budget', 'type', 'BudgetType'], ['default-aid-type', 'code', 'AidType'],
			['default-flow-type', 'code', 'FlowType'], ['default-finance-type', 'code', 'FinanceType'],
			['indicator', 'measure', 'IndicatorMeasure'], ['result', 'type', 'ResultType'],
		];
		assert.deepEqual(codeProblems(xml, uses), []);
	});

	test('a conditional GET is 304 with the same ETag, by ETag (strong or weak) and by date', async () => {
		const res = await fetchFile();
		const etag = res.headers.etag;
		let c = await anon(URL_ACT, { 'If-None-Match': etag });
		assert.equal(c.status, 304);
		assert.equal(c.headers.etag, etag);
		assert.equal(c.body.length, 0);
		assert.equal(c.headers['cache-control'], res.headers['cache-control'], 'the 304 may be cached as the 200');
		assert.equal((await anon(URL_ACT, { 'If-None-Match': `"x", ${etag.slice(2)}` })).status, 304, 'strong and in a list');
		c = await anon(URL_ACT, { 'If-Modified-Since': res.headers['last-modified'] });
		assert.equal(c.status, 304);
		assert.equal((await anon(URL_ACT, { 'If-None-Match': '"other"' })).status, 200);
		assert.equal((await anon(URL_ACT, { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status, 200);
		assert.equal((await anon(URL_ACT, { 'If-None-Match': '"other"', 'If-Modified-Since': res.headers['last-modified'] })).status, 200,
			'If-None-Match decides when both are sent');
	});

	test('gzipped when the client takes gzip: the copy written beside the file, sent as it is', async () => {
		const plain = await fetchFile();
		const res = await anon(URL_ACT, { 'Accept-Encoding': 'gzip' });
		assert.equal(res.status, 200);
		assert.equal(res.headers['content-encoding'], 'gzip');
		assert.equal(res.headers.etag, plain.headers.etag);
		assert.match(res.headers.vary ?? '', /Accept-Encoding/);
		assert.equal(zlib.gunzipSync(res.body).toString('utf8'), plain.text);
		const version = plain.headers.etag.match(/(\d+-\d+)"$/)[1];
		const gz = path.join(stack.dir, 'public', `iati-activities-${version}.xml.gz`);
		assert.ok(fs.readFileSync(gz).equals(res.body), 'nginx sent the precompressed copy (gzip_static), not a new one');
		assert.equal(Number(res.headers['content-length']), fs.statSync(gz).size);
	});

	test('written once per public version: the same file until the data changes, then a new one', async () => {
		const a = await fetchFile();
		const b = await fetchFile();
		assert.equal(b.headers.etag, a.headers.etag);
		assert.equal(b.text, a.text, 'the same bytes, generated-datetime too: not written again');
		const [[aid]] = await q(`SELECT a.id ${PUBLISHED} ORDER BY p.code LIMIT 1`);
		const title = `Nytt namn ${crypto.randomBytes(3).toString('hex')}`;
		await q(`UPDATE applications SET title_en = ${sqlText(title)} WHERE id = ${aid}`);
		const c = await fetchFile();
		assert.notEqual(c.headers.etag, a.headers.etag);
		assert.ok(c.text.includes(title), 'the change is in the new file');
		assert.equal((await anon(URL_ACT, { 'If-None-Match': a.headers.etag })).status, 200, 'the old ETag is stale');
	});

	test('asked for at once after a change: one worker writes the new file while the other sends the previous one', async () => {
		const old = await fetchFile();
		await q('UPDATE public_version SET v = v + 1 WHERE id = 1');
		const before = written();
		const all = await Promise.all(Array.from({ length: 8 }, () => anon(URL_ACT)));
		assert.deepEqual(all.map((r) => r.status), Array(8).fill(200));
		assert.equal(written() - before, 1, 'written once');
		const now = await fetchFile();
		assert.notEqual(now.headers.etag, old.headers.etag);
		assert.ok(all.some((r) => r.headers.etag === old.headers.etag), 'the previous file while the new one was written: no one waited');
		for (const r of all) {
			assert.ok([old.headers.etag, now.headers.etag].includes(r.headers.etag), r.headers.etag);
			assert.equal(r.text, r.headers.etag === old.headers.etag ? old.text : now.text, 'each answer is the whole file its ETag names');
		}
		const left = fs.readdirSync(path.join(stack.dir, 'public')).filter((f) => f.startsWith('.kpp-'));
		assert.deepEqual(left, [], 'no temporary file left');
	});

	test('a sign-in and a change of language leave the file as it is; a change to a published project does not', async () => {
		const a = await fetchFile();
		const before = written();
		const dv = await one('SELECT v FROM data_version');
		const s = stack.session();
		await s.login('admin@icld.example');
		const { form } = await s.form('/', (f) => f.action === '/language');
		assert.equal((await s.post('/language', { ...form.fields, lang: 'en' })).status, 303);
		assert.notEqual(await one('SELECT v FROM data_version'), dv, 'the account changed: the pages\' caches move on');
		const b = await fetchFile();
		assert.equal(b.headers.etag, a.headers.etag, 'the same file');
		assert.equal(b.text, a.text);
		assert.equal(written(), before, 'not written again');
		const [[aid]] = await q(`SELECT a.id ${PUBLISHED} ORDER BY p.code LIMIT 1`);
		const title = await one(`SELECT title_en FROM applications WHERE id = ${aid}`);
		const recased = title.toUpperCase() === title ? title.toLowerCase() : title.toUpperCase();
		assert.notEqual(recased, title);
		await q(`UPDATE applications SET title_en = ${sqlText(recased)} WHERE id = ${aid}`);
		const c = await fetchFile();
		assert.notEqual(c.headers.etag, a.headers.etag, 'a change of case alone is a change (the collation would miss it)');
		assert.equal(written(), before + 1);
		await q(`UPDATE applications SET title_en = ${sqlText(title)} WHERE id = ${aid}`);
	});

	test('a change that changes nothing moves nothing', async () => {
		const a = await fetchFile();
		const before = written();
		const pv = await one('SELECT v FROM public_version');
		const [[aid, pid]] = await q(`SELECT a.id, p.id ${PUBLISHED} ORDER BY p.code LIMIT 1`);
		await q(`UPDATE applications SET title_en = title_en, summary_en = summary_en, version = version + 1 WHERE id = ${aid}`);
		await q(`UPDATE projects SET withheld = withheld, capital_spend = capital_spend, version = version + 1 WHERE id = ${pid}`);
		await q(`UPDATE project_years SET amount = amount WHERE project_id = ${pid}`);
		await q('UPDATE organisations SET name = name, lat = lat, lng = lng');
		await q('UPDATE countries SET name_en = name_en');
		assert.equal(await one('SELECT v FROM public_version'), pv, 'no write to the public version');
		const b = await fetchFile();
		assert.equal(b.headers.etag, a.headers.etag);
		assert.equal(written(), before, 'not written again');
	});

	test('the version follows every table the files are read from, every column but the bookkeeping', async () => {
		const src = fs.readFileSync(path.join(SRC, 'fcgi-app/db/db_iati.c'), 'utf8');
		const tables = new Set((await q('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()')).map((r) => r[0]));
		const read = [...new Set([...src.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/g)].map((m) => m[1]))].filter((t) => tables.has(t)).sort();
		assert.ok(read.includes('projects') && read.includes('disbursements') && read.length > 10, read.join(' '));
		const triggers = new Map((await q("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_STATEMENT LIKE '%public_version%'"))
			.map(([name, table, body]) => [name, { table, body }]));
		for (const t of read) {
			for (const ev of ['ins', 'upd', 'del']) assert.equal(triggers.get(`${t}_pv_${ev}`)?.table, t, `${t}_pv_${ev}`);
			const cols = (await q(`SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${t}'`)).map((r) => r[0]);
			const body = triggers.get(`${t}_pv_upd`).body;
			const missed = cols.filter((c) => !['version', 'created_at', 'updated_at'].includes(c) && !body.includes(`BINARY OLD.${c} <=> BINARY NEW.${c}`));
			assert.deepEqual(missed, [], `${t}_pv_upd compares every column`);
		}
		const others = [...triggers.values()].map((x) => x.table).filter((t) => !read.includes(t));
		assert.deepEqual([...new Set(others)], [], 'no table the files do not read moves the version');
	});

	test('a withheld project is gone from the next file, and back when published again', async () => {
		const [[code, pid]] = await q(`SELECT p.code, p.id ${PUBLISHED} ORDER BY p.code DESC LIMIT 1`);
		const id = `${ORG_REF}-${code}`;
		assert.ok(activities((await fetchFile()).text).has(id));
		await q(`UPDATE projects SET withheld = 1, withheld_reason = 'test' WHERE id = ${pid}`);
		const gone = (await fetchFile()).text;
		assert.ok(!activities(gone).has(id), 'withheld: not in the file');
		assert.ok(!gone.includes(code), 'not even named by a related activity');
		assert.deepEqual([...activities(gone).keys()], await publishedIds());
		await q(`UPDATE projects SET withheld = 0 WHERE id = ${pid}`);
		assert.ok(activities((await fetchFile()).text).has(id), 'published again');
	});

	test('sent by nginx from the file the application wrote: its internal location unreachable from outside', async () => {
		const res = await fetchFile();
		assert.equal(res.headers['x-accel-redirect'], undefined, 'the redirect stays inside nginx');
		assert.equal(res.headers['x-content-type-options'], 'nosniff');
		assert.match(res.headers['cache-control'], /^public, max-age=\d+$/);
		const version = res.headers.etag.match(/(\d+-\d+)"$/)[1];
		const file = path.join(stack.dir, 'public', `iati-activities-${version}.xml`);
		assert.equal(fs.readFileSync(file, 'utf8'), res.text, 'the file named by the data version');
		assert.equal(Number(res.headers['content-length']), fs.statSync(file).size);
		assert.equal((await anon(`/_kpp_public/iati-activities-${version}.xml`)).status, 404);
	});

	test('only GET and HEAD', async () => {
		const head = await anon(URL_ACT, {});
		assert.equal(head.status, 200);
		assert.equal((await stack.get(URL_ACT, { method: 'HEAD' })).status, 200);
		assert.equal((await stack.get(URL_ACT, { method: 'POST', body: 'x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 405);
	});

	test('never shows a string planted in a private field', async () => {
		const tag = crypto.randomBytes(4).toString('hex');
		const planted = [];
		const lit = (field) => { const s = `LEAK${tag}${field}${planted.length}`; planted.push(s); return sqlText(s); };
		const [[code, pid, app]] = await q(`SELECT p.code, p.id, a.id ${PUBLISHED} ` +
			"AND EXISTS (SELECT 1 FROM reports r WHERE r.project_id = p.id AND r.status = 'approved') " +
			'AND EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = p.id) ORDER BY p.code LIMIT 1');
		for (const col of ['background', 'target_groups', 'contact_name', 'contact_phone', 'other_costs'])
			await q(`UPDATE applications SET ${col} = ${lit(col)} WHERE id = ${app}`);
		await q(`UPDATE applications SET contact_email = CONCAT(${lit('email')}, '@kommun.example') WHERE id = ${app}`);
		await q(`UPDATE reviews SET summary = ${lit('review')} WHERE application_id = ${app}`);
		await q(`UPDATE decisions SET reason_sv = ${lit('reason')}, reason_en = ${lit('reasonen')}, conditions_sv = ${lit('conditions')},
			conditions_en = ${lit('conditionsen')} WHERE application_id = ${app}`);
		for (const col of ['activities', 'results', 'deviations', 'lessons', 'admin_comment'])
			await q(`UPDATE reports SET ${col} = ${lit(col)} WHERE project_id = ${pid}`);
		await q(`UPDATE disbursements SET note = ${lit('note')} WHERE project_id = ${pid}`);
		await q(`UPDATE incoming_funds SET note = ${lit('fundsnote')} WHERE project_id = ${pid}`);
		assert.ok(Number(await one(`SELECT COUNT(*) FROM incoming_funds WHERE project_id = ${pid}`)) > 0, 'funds from Sida to plant in');
		for (const [id] of await q('SELECT id FROM users')) await q(`UPDATE users SET name = ${lit('person')} WHERE id = ${id}`);
		const [[wcode, wapp]] = await q(`SELECT p.code, a.id ${PUBLISHED} AND p.id <> ${pid} ORDER BY p.code DESC LIMIT 1`);
		await q(`UPDATE applications SET title_en = ${lit('wtitle')}, summary_en = ${lit('wsummary')}, summary_local = ${lit('wlocal')} WHERE id = ${wapp}`);
		await q(`UPDATE projects SET withheld = 1, withheld_reason = ${lit('withheld')} WHERE code = '${wcode}'`);
		await q(`UPDATE applications SET title_en = ${lit('rejected')} WHERE id = (SELECT id FROM (SELECT id FROM applications WHERE status = 'rejected' ORDER BY id LIMIT 1) x)`);
		const xml = (await fetchFile()).text;
		assert.ok(activities(xml).has(`${ORG_REF}-${code}`), 'the planted project is in the file');
		assert.deepEqual(planted.filter((s) => xml.includes(s)), []);
		const lint = await xmllint(xml, 'activities.xml');
		assert.ok(lint.ok, `still valid: ${lint.out.slice(0, 500)}`);
	});
});

/** The figures of an organisation file's elements called el: [{country, start, end, value, status}]. */
function figures(xml, el) {
	return [...xml.matchAll(new RegExp(`<${el}([^>]*)>([\\s\\S]*?)</${el}>`, 'g'))].map((m) => ({
		status: (m[1].match(/status="([^"]*)"/) || [])[1],
		country: (m[2].match(/<recipient-country code="([^"]*)"/) || [])[1],
		start: m[2].match(/<period-start iso-date="([^"]*)"/)[1],
		end: m[2].match(/<period-end iso-date="([^"]*)"/)[1],
		value: Number(m[2].match(/<value[^>]*>([^<]*)<\/value>/)[1]),
	}));
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

describe('GET /iati/organisation.xml', () => {
	test('for anyone: valid against the organisations schema, ICLD reporting, codes from the codelists', async () => {
		const res = await fetchFile(URL_ORG);
		const lint = await xmllintOrg(res.text);
		assert.ok(lint.ok, `xmllint: ${lint.out.slice(0, 2000)}`);
		assert.match(lint.out, /validates$/);
		assert.match(res.text, /<iati-organisations version="2.03" generated-datetime="[^"]+">/);
		assert.match(res.text, new RegExp(`<organisation-identifier>${ORG_REF}</organisation-identifier>`));
		assert.match(res.text, new RegExp(`<reporting-org ref="${ORG_REF}" type="[^"]+">`));
		assert.deepEqual(codeProblems(res.text, [['reporting-org', 'type', 'OrganisationType'],
			['recipient-country', 'code', 'Country'], ['total-budget', 'status', 'BudgetStatus'],
			['recipient-country-budget', 'status', 'BudgetStatus'], ['iati-organisation', 'default-currency', 'Currency'],
			['iati-organisation', 'xml:lang', 'Language']]), []);
	});

	test('budgets per calendar year and per country and year, expenditure per year: the published projects\' sums', async () => {
		const xml = (await fetchFile(URL_ORG)).text;
		const total = figures(xml, 'total-budget');
		const country = figures(xml, 'recipient-country-budget');
		const spent = figures(xml, 'total-expenditure');
		for (const f of [...total, ...country, ...spent]) {
			assert.match(f.start, /^\d{4}-01-01$/);
			assert.equal(f.end, `${f.start.slice(0, 4)}-12-31`, 'calendar years');
		}
		assert.equal(new Set(total.map((f) => f.start)).size, total.length, 'one total budget a year');
		const [[budget]] = await q(`SELECT SUM(y.amount) ${PUBLISHED.replace('WHERE', 'JOIN project_years y ON y.project_id = p.id WHERE')}`);
		assert.equal(sum(total.map((f) => f.value)), Number(budget), 'the years add up to every approved project year');
		for (const [code, amount] of await q(`SELECT a.country_code, SUM(y.amount) ${PUBLISHED.replace('WHERE', 'JOIN project_years y ON y.project_id = p.id WHERE')} GROUP BY a.country_code`))
			assert.equal(sum(country.filter((f) => f.country === code).map((f) => f.value)), Number(amount), `the budgets of ${code}`);
		const years = new Set(total.map((f) => f.start.slice(0, 4)));
		for (const y of new Set(country.map((f) => f.start.slice(0, 4)))) assert.ok(years.has(y));
		for (const y of years) {
			const t = total.find((f) => f.start.startsWith(y)).value;
			assert.equal(sum(country.filter((f) => f.start.startsWith(y)).map((f) => f.value)), t, `the countries add up to ${y}'s total`);
		}
		const paid = await q(`SELECT YEAR(d.paid_on), SUM(d.amount) ${PUBLISHED.replace('WHERE', 'JOIN disbursements d ON d.project_id = p.id WHERE')} GROUP BY YEAR(d.paid_on) ORDER BY 1`);
		assert.ok(paid.length > 0);
		assert.deepEqual(spent.map((f) => [f.start.slice(0, 4), f.value]), paid.map(([y, v]) => [String(y), Number(v)]));
	});

	test('a withheld project leaves the sums of the next file; 304 on a conditional GET; gzip', async () => {
		const a = await fetchFile(URL_ORG);
		assert.equal((await anon(URL_ORG, { 'If-None-Match': a.headers.etag })).status, 304);
		assert.equal((await anon(URL_ORG, { 'Accept-Encoding': 'gzip' })).headers['content-encoding'], 'gzip');
		const [[pid, amount]] = await q(`SELECT p.id, (SELECT SUM(amount) FROM project_years WHERE project_id = p.id) ${PUBLISHED} ` +
			'AND EXISTS (SELECT 1 FROM project_years y WHERE y.project_id = p.id) ORDER BY p.code LIMIT 1');
		await q(`UPDATE projects SET withheld = 1, withheld_reason = 'test' WHERE id = ${pid}`);
		const b = await fetchFile(URL_ORG);
		assert.notEqual(b.headers.etag, a.headers.etag);
		assert.equal(sum(figures(a.text, 'total-budget').map((f) => f.value)) - sum(figures(b.text, 'total-budget').map((f) => f.value)), Number(amount));
		await q(`UPDATE projects SET withheld = 0 WHERE id = ${pid}`);
		assert.equal((await fetchFile(URL_ORG)).text.replace(/(generated|last-updated)-datetime="[^"]*"/g, ''),
			a.text.replace(/(generated|last-updated)-datetime="[^"]*"/g, ''), 'published again: the same sums');
	});
});

describe('app.public_min_interval', () => {
	test('a new day alone makes a new file: a project approved to start later is under way from its first day', async () => {
		const st = await startStack({ workers: 1, name: 'public-iati-day' });
		try {
			const [[code]] = await st.mysql(`SELECT p.code ${PUBLISHED} AND p.status = 'implementation' ORDER BY p.code LIMIT 1`);
			await st.mysql(`UPDATE projects SET planned_start = '2016-10-01', actual_start = NULL WHERE code = '${code}'`);
			const status = (xml) => activities(xml).get(`${ORG_REF}-${code}`).match(/<activity-status code="(\d)"\/>/)[1];
			const a = await st.get(URL_ACT);
			assert.equal(a.status, 200);
			assert.match(a.headers.etag, /"iati-activities-20160930-\d+"$/, 'named by the day and the version');
			assert.equal(status(a.text), '1', 'on 30 September: approved, not yet started');
			// The next day, with no row changed: the workers start again with [app] today one day on.
			await st.stopWorkers();
			fs.writeFileSync(st.confPath, setIni(fs.readFileSync(st.confPath, 'utf8'), { 'app.today': '2016-10-01' }), { mode: 0o600 });
			await st.startWorkers();
			const b = await st.get(URL_ACT);
			assert.equal(b.status, 200);
			assert.equal(b.headers.etag.replace('20160930', '20161001'), a.headers.etag.replace('20160930', '20161001'),
				'the same public version');
			assert.notEqual(b.headers.etag, a.headers.etag, 'a new file for the new day');
			assert.equal(status(b.text), '2', 'on its first day: implementation');
			assert.equal((await st.get(URL_ACT, { headers: { 'If-None-Match': a.headers.etag } })).status, 200, 'yesterday\'s ETag is stale');
		} finally {
			await st.stop();
		}
	});

	test('a file is written at most once per interval: until then the previous one is sent', async () => {
		const INTERVAL = 4;
		const st = await startStack({ workers: 1, conf: { 'app.public_min_interval': INTERVAL }, name: 'public-iati-interval' });
		try {
			const get = async () => {
				const res = await st.get(URL_ACT);
				assert.equal(res.status, 200);
				return res;
			};
			const a = await get();
			const t0 = Date.now();
			assert.equal(written(st), 1, 'the first file is written at once');
			const [[aid]] = await st.mysql(`SELECT a.id ${PUBLISHED} ORDER BY p.code LIMIT 1`);
			const title = `Inom intervallet ${crypto.randomBytes(3).toString('hex')}`;
			await st.mysql(`UPDATE applications SET title_en = ${sqlText(title)} WHERE id = ${aid}`);
			const b = await get();
			assert.ok(Date.now() - t0 < INTERVAL * 1000, 'asked within the interval');
			assert.equal(b.headers.etag, a.headers.etag, 'within the interval: the previous file');
			assert.ok(!b.text.includes(title));
			assert.equal(written(st), 1);
			await new Promise((ok) => setTimeout(ok, INTERVAL * 1000 + 1100 - (Date.now() - t0)));
			const c = await get();
			assert.notEqual(c.headers.etag, a.headers.etag, 'after it: the new file');
			assert.ok(c.text.includes(title));
			assert.equal(written(st), 2);
		} finally {
			await st.stop();
		}
	});
});

describe('nginx', () => {
	test('the files are rate-limited per address with the register: a burst over the limit answers 429', async () => {
		const limited = await startStack({ workers: 1, publicRate: PRODUCTION_PUBLIC_RATE, name: 'public-iati-rate' });
		try {
			const n = PRODUCTION_PUBLIC_RATE.burst + 40;
			const paths = Array.from({ length: n }, (_, i) => [URL_ACT, URL_ORG, '/partnerships'][i % 3]);
			const all = await Promise.all(paths.map((p) => limited.get(p)));
			const counts = all.reduce((m, r) => ({ ...m, [r.status]: (m[r.status] || 0) + 1 }), {});
			assert.ok(counts[429] >= 30, `429s: ${JSON.stringify(counts)}`);
			assert.deepEqual(Object.keys(counts).sort(), ['200', '429'], JSON.stringify(counts));
			for (const p of [URL_ACT, URL_ORG]) assert.ok(all.some((r, i) => paths[i] === p && r.status === 429), `${p} is limited`);
			assert.equal((await limited.get('/healthz')).status, 200, 'other pages are not');
		} finally {
			await limited.stop();
		}
	});
});
