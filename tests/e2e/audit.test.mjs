// audit.test.mjs - the audit log page (GET /audit, ICLD's officers only) against the demo data: every row newest first,
// filters that narrow it as SQL counts say, paging, values no form sends answered 400 and typed ones beside their field,
// records linked to their pages, values escaped; and the log is append-only, for the application's database account
// and in the application's source.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStack, run, htmlDecode, NBSP, grouped, SRC } from './harness.mjs';

const PAGE_SIZE = 50;

let stack, q, one, admin;
/** the admin's own user id */
let adminId;

before(async () => {
	// One worker: its result cache is then the only one, so the statement count below is exact.
	({ stack, q, one, admin } = await openStack({ workers: 1 }, ['admin']));
	adminId = await one("SELECT id FROM users WHERE email = 'admin@icld.example'");
});

after(() => stack?.stop());

const count = async (where) => Number(await one(`SELECT COUNT(*) FROM audit_log l WHERE ${where}`));

/** The page's entries: [{id, html}] in page order, and its count line. */
function entries(html) {
	const rows = html.split('<tr id="audit-').slice(1).map((part) => ({
		id: part.slice(0, part.indexOf('"')), html: part.split('</table></td></tr>')[0].split('</td></tr>\n<tr id=')[0],
	}));
	const m = html.match(/<p id="count">([^<]*)<\/p>/);
	return { rows, countText: m ? htmlDecode(m[1]) : null };
}

/** The total the page states ("Händelse 1 till 50 av 862, de senaste först" or "3 händelser"). */
function totalOf(countText) {
	const m = countText.match(/av ([\d\u00a0]+), de senaste först$/) || countText.match(/^([\d\u00a0]+) händelser?$/);
	assert.ok(m, `a count in "${countText}"`);
	return Number(m[1].replace(/\u00a0/g, ''));
}

async function page(query) {
	const res = await admin.get(`/audit${query}`);
	assert.equal(res.status, 200, `/audit${query}: ${res.text.slice(0, 300)}`);
	return { ...entries(res.text), text: res.text };
}

describe('reading the log', () => {
	test('every row, newest first, 50 to a page, with the total', async () => {
		const p = await page('');
		const total = await count('1');
		assert.equal(totalOf(p.countText), total);
		assert.equal(p.countText, `Händelse 1 till ${PAGE_SIZE} av ${grouped(total)}, de senaste först`);
		const want = (await q(`SELECT id FROM audit_log ORDER BY at DESC, id DESC LIMIT ${PAGE_SIZE}`)).map((r) => r[0]);
		assert.deepEqual(p.rows.map((r) => r.id), want);
	});

	test('paging goes on where the page before ended, and the last page holds the rest', async () => {
		const total = await count('1');
		const pages = Math.ceil(total / PAGE_SIZE);
		assert.ok(pages >= 3, 'the demo log fills several pages');
		const all = (await q('SELECT id FROM audit_log ORDER BY at DESC, id DESC')).map((r) => r[0]);
		const second = await page('?page=2');
		assert.deepEqual(second.rows.map((r) => r.id), all.slice(PAGE_SIZE, 2 * PAGE_SIZE));
		assert.match(second.text, /<a href="\/audit" rel="prev">Föregående sida<\/a>/);
		assert.match(second.text, /<a href="\/audit\?page=3" rel="next">Nästa sida<\/a>/);
		assert.match(second.text, new RegExp(`<li aria-current="page">Sida 2 av ${pages}</li>`));
		const last = await page(`?page=${pages}`);
		assert.deepEqual(last.rows.map((r) => r.id), all.slice((pages - 1) * PAGE_SIZE));
		assert.doesNotMatch(last.text, /rel="next"/);
		const beyond = await page(`?page=${pages + 1}`);
		assert.equal(beyond.rows.length, 0);
		assert.match(beyond.text, /Den här sidan ligger efter den sista\./);
	});

	test('who, when in Swedish time, what, the record and the fields it changed', async () => {
		const [[id, at, app]] = await q("SELECT id, DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%sZ'), entity_id FROM audit_log " +
			"WHERE action = 'decision.reject' ORDER BY id LIMIT 1");
		const p = await page(`?action=decision.reject&entity=application&record=${app}`);
		assert.deepEqual(p.rows.map((r) => r.id), [id]);
		const row = p.rows[0].html;
		const local = new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
		}).format(new Date(at)).replace(',', '');
		assert.ok(row.includes(`<span class="date">${local}</span>`), `${local} in ${row}`);
		assert.ok(row.includes('ICLD Programhandläggare<br><span class="hint">admin@icld.example</span>'));
		assert.ok(row.includes('<td>Ansökan avslagen</td>'));
		assert.ok(row.includes(`<td><a href="/applications/${app}">Ansökan${NBSP}${app}</a></td>`));
		// The field in the words of the form, the status in words.
		assert.match(row, /<th scope="row">Status<\/th><td>Under bedömning<\/td><td>Avslagen<\/td>/);
	});

	test('records link to their pages: projects, reports and payments to the project, rounds to their form', async () => {
		const [[pid, code]] = await q("SELECT l.entity_id, p.code FROM audit_log l JOIN projects p ON p.id = l.entity_id WHERE l.entity = 'project' ORDER BY l.id LIMIT 1");
		assert.match((await page(`?entity=project&record=${pid}`)).text, new RegExp(`<a href="/projects/${code}">Projekt${NBSP}${code}</a>`));
		const [[rid, rcode]] = await q('SELECT r.id, p.code FROM reports r JOIN projects p ON p.id = r.project_id ' +
			"WHERE r.id IN (SELECT entity_id FROM audit_log WHERE entity = 'report') ORDER BY r.id LIMIT 1");
		assert.match((await page(`?entity=report&record=${rid}`)).text, new RegExp(`<a href="/projects/${rcode}#reports">Rapport${NBSP}${rid}</a>`));
		const [[did, dcode]] = await q('SELECT d.id, p.code FROM disbursements d JOIN projects p ON p.id = d.project_id ORDER BY d.id LIMIT 1');
		assert.match((await page(`?entity=disbursement&record=${did}`)).text, new RegExp(`<a href="/projects/${dcode}#payments">Utbetalning${NBSP}${did}</a>`));
		const round = await one('SELECT MAX(id) FROM rounds');
		await q('INSERT INTO audit_log (user_id, action, entity, entity_id, before_json, after_json) VALUES ' +
			`(${adminId}, 'round.update', 'round', ${round}, '{"name_sv": "A", "rules": {"project": {"max_amount": {"europe": 500000}}}, ` +
			`"extra": {"deep_field": 1}}', '{"name_sv": "B", "rules": {"project": {"max_amount": {"europe": 550000}}}, "extra": {"deep_field": 2}}')`);
		const r = (await page(`?entity=round&record=${round}`)).text;
		assert.match(r, new RegExp(`<a href="/rounds/${round}/edit">Utlysning${NBSP}${round}</a>`));
		// Each field in the words of the round's form, never its path; amounts in kronor.
		assert.match(r, /<th scope="row">Namn på svenska<\/th><td>A<\/td><td>B<\/td>/);
		assert.ok(r.includes(`<th scope="row">Projekt, högsta belopp, Europa</th><td>500${NBSP}000${NBSP}kr</td><td>550${NBSP}000${NBSP}kr</td>`), r);
		assert.doesNotMatch(r, /<code>(name_sv|rules)/);
		// A field the code does not write (no words for it) shows as its path, which may break after its dots.
		const ZWSP = '\u200b';
		assert.ok(r.includes(`<th scope="row"><code>extra.${ZWSP}deep_field</code></th><td>1</td><td>2</td>`), r);
	});

	test('values are escaped, and fields that did not change are left out', async () => {
		const nasty = '<script>alert(1)</script> "&\'';
		await q('INSERT INTO audit_log (user_id, action, entity, entity_id, before_json, after_json) VALUES ' +
			`(${adminId}, 'organisation.create', 'organisation', 1, '{"kind": "city", "name": "x"}', ` +
			`JSON_OBJECT('kind', 'city', 'name', CONVERT(UNHEX('${Buffer.from(nasty).toString('hex')}') USING utf8mb4)))`);
		const p = await page('?action=organisation.create');
		const row = p.rows[0].html;
		assert.doesNotMatch(p.text, /<script>alert/);
		assert.ok(row.includes('<th scope="row">Namn</th><td>x</td><td>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;</td>'), row);
		assert.doesNotMatch(row, /Typ av organisation|kind/, 'the kind did not change');
	});
});

describe('filters narrow the rows', () => {
	test('by who: an account, or the system', async () => {
		const p = await page(`?user=${adminId}`);
		assert.equal(totalOf(p.countText), await count(`l.user_id = ${adminId}`));
		assert.ok(p.rows.every((r) => r.html.includes('admin@icld.example')));
		assert.match(p.text, new RegExp(`<option value="${adminId}" selected>ICLD Programhandläggare \\(admin@icld.example\\)</option>`));
		await q("INSERT INTO audit_log (user_id, action, entity, entity_id) VALUES (NULL, 'report.remind', 'report', 1)");
		const sys = await page('?user=system');
		assert.equal(totalOf(sys.countText), await count('l.user_id IS NULL'));
		assert.ok(sys.rows.length >= 1);
		assert.ok(sys.rows.every((r) => r.html.includes('<td>Systemet</td>')));
	});

	test('by kind of record, with or without its number', async () => {
		const kind = await page('?entity=report');
		assert.equal(totalOf(kind.countText), await count("l.entity = 'report'"));
		const rid = await one("SELECT entity_id FROM audit_log WHERE entity = 'report' GROUP BY entity_id ORDER BY COUNT(*) DESC LIMIT 1");
		const n = await count(`l.entity = 'report' AND l.entity_id = ${rid}`);
		assert.ok(n >= 2);
		const rec = await page(`?entity=report&record=${rid}`);
		assert.equal(totalOf(rec.countText), n);
		assert.equal(rec.rows.length, n);
	});

	test('by action, from the actions the log holds', async () => {
		const p = await page('?action=report.return');
		const n = await count("l.action = 'report.return'");
		assert.ok(n > 0);
		assert.equal(totalOf(p.countText), n);
		assert.ok(p.rows.every((r) => r.html.includes('<td>Rapport återsänd för komplettering</td>')));
		for (const [a] of await q('SELECT DISTINCT action FROM audit_log'))
			assert.match(p.text, new RegExp(`<option value="${a.replace('.', '\\.')}"( selected)?>`));
	});

	test('by dates, whole Swedish days from and to', async () => {
		// May 2016 is summer time: its days run from 22:00 UTC the day before.
		const p = await page('?from=2016-05-01&to=2016-05-31');
		const n = await count("l.at >= '2016-04-30 22:00:00' AND l.at < '2016-05-31 22:00:00'");
		assert.ok(n > 0);
		assert.equal(totalOf(p.countText), n);
		// A day alone; the decisions of 24 May 2016.
		const day = await page('?from=2016-05-24&to=2016-05-24&action=decision.approve');
		assert.equal(totalOf(day.countText), await count("l.action = 'decision.approve' AND l.at >= '2016-05-23 22:00:00' AND l.at < '2016-05-24 22:00:00'"));
		assert.ok(day.rows.length > 0);
	});

	test('filters combine, and the pager keeps them', async () => {
		const n = await count(`l.user_id = ${adminId} AND l.entity = 'report' AND l.at >= '2014-12-31 23:00:00'`);
		const p = await page(`?user=${adminId}&entity=report&from=2015-01-01`);
		assert.equal(totalOf(p.countText), n);
		assert.ok(n > PAGE_SIZE, 'more than a page');
		assert.match(p.text, new RegExp(`<a href="/audit\\?user=${adminId}&amp;entity=report&amp;from=2015-01-01&amp;page=2" rel="next">`));
	});
});

describe('bad filters', () => {
	test('a value no form sends is a 400', async () => {
		for (const bad of ['entity=bogus', 'entity=REPORT', 'user=abc', 'user=0', 'user=999999', 'action=no.such',
			"action=x'%20OR%201=1", 'page=0', 'page=abc', 'page=-1']) {
			const res = await admin.get(`/audit?${bad}`);
			assert.equal(res.status, 400, bad);
			assert.doesNotMatch(res.text, /<tr id="audit-/, bad);
		}
	});

	test('a date or number typed wrong is shown next to its field, kept, with a 400', async () => {
		const res = await admin.get('/audit?from=2016-02-30&to=31%2F05%2F2016&record=12a&entity=report');
		assert.equal(res.status, 400);
		assert.match(res.text, /<title>Fel: Händelselogg/);
		assert.match(res.text, /<a href="#from">Ange ett datum som finns, till exempel 2016-05-31<\/a>/);
		assert.match(res.text, /<p class="error-message" id="from-error">/);
		assert.match(res.text, /id="from" name="from" type="text"[^>]* value="2016-02-30"/, 'kept as typed: a date input cannot hold it');
		assert.match(res.text, /<p class="error-message" id="to-error">/);
		assert.match(res.text, /id="to" name="to" type="text"[^>]* value="31\/05\/2016"/);
		assert.match(res.text, /<p class="error-message" id="record-error">/);
		assert.match(res.text, /value="12a"/);
		assert.match(res.text, /<option value="report" selected>/);
		const order = await admin.get('/audit?from=2016-06-01&to=2016-05-01');
		assert.equal(order.status, 400);
		assert.match(order.text, /<a href="#to">Ange ett slutdatum som är samma dag som eller efter startdatumet<\/a>/);
		assert.match(order.text, /id="to" name="to" type="date"[^>]* value="2016-05-01"/, 'a real date stays in the date picker');
		const alone = await admin.get('/audit?record=5');
		assert.equal(alone.status, 400);
		assert.match(alone.text, /<a href="#entity">Välj vilket slags post numret hör till<\/a>/);
	});
});

describe('who may read it', () => {
	test('Sida and applicants get 404; the start page links ICLD\'s officers to it', async () => {
		for (const who of ['sida@sida.example', 'borlange@kommun.example']) {
			const s = await stack.login(who);
			assert.equal((await s.get('/audit')).status, 404, who);
			assert.equal((await s.get('/audit?entity=report')).status, 404, who);
			assert.doesNotMatch((await s.get('/')).text, /href="\/audit"/, who);
		}
		assert.match((await admin.get('/')).text, /<li><a href="\/audit">Händelselogg<\/a><\/li>/);
	});

	test('the page is one SQL statement, read fresh', async () => {
		const delta = (p) => stack.statements(admin, p);
		await delta('/accessibility');
		const session = await delta('/accessibility');
		assert.equal(await delta('/audit?entity=report'), session + 1);
		assert.equal(await delta('/audit?entity=report'), session + 1, 'the log is not cached: its rows move no data version');
	});
});

describe('append-only', () => {
	test('the application\'s database account can add rows but neither change nor remove one', async () => {
		const conf = fs.readFileSync(stack.confPath, 'utf8');
		const section = conf.slice(conf.indexOf('[database]'));
		const user = section.match(/^user\s*=\s*(.*)$/m)[1].trim();
		const password = section.match(/^password\s*=\s*(.*)$/m)[1].trim();
		assert.equal(user, 'kpp_app');
		const asApp = (sql) => run('mariadb', ['--no-defaults', `--socket=${stack.dbSocket}`, '-u', user, `-p${password}`, 'kpp', '-e', sql]);
		const [[id, action, before]] = await q('SELECT id, action, before_json FROM audit_log WHERE before_json IS NOT NULL ORDER BY id LIMIT 1');
		const upd = await asApp(`UPDATE audit_log SET action = 'tampered' WHERE id = ${id}`);
		assert.notEqual(upd.code, 0);
		assert.match(upd.stderr, /append-only: rows cannot be updated/);
		const del = await asApp(`DELETE FROM audit_log WHERE id = ${id}`);
		assert.notEqual(del.code, 0);
		assert.match(del.stderr, /append-only: rows cannot be deleted/);
		const trunc = await asApp('TRUNCATE TABLE audit_log');
		assert.notEqual(trunc.code, 0, 'no DDL rights either');
		assert.deepEqual(await q(`SELECT action, before_json FROM audit_log WHERE id = ${id}`), [[action, before]]);
		const ins = await asApp("INSERT INTO audit_log (action, entity) VALUES ('test.append', 'test')");
		assert.equal(ins.code, 0, ins.stderr);
	});

	test('no source file of the application updates or deletes audit_log', () => {
		const dir = path.join(SRC, 'fcgi-app');
		const files = fs.readdirSync(dir, { recursive: true }).filter((f) => /\.[ch]$/.test(f));
		assert.ok(files.length > 20);
		let statements = 0;
		for (const f of files) {
			// C joins adjacent string literals: so must the check, or a statement split over lines slips through.
			const src = fs.readFileSync(path.join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' ');
			const joined = src.replace(/"\s*(\\\s*)?\n\s*"/g, '').replace(/"\s+"/g, '');
			for (const [lit] of joined.matchAll(/"(?:[^"\\\n]|\\.)*"/g)) {
				if (!/audit_log/i.test(lit)) continue;
				statements++;
				// SQL's own string values ('application.delete', an action's name) are data, not statements.
				const sql = lit.replace(/'(?:[^'\\]|\\.)*'/g, "''");
				assert.doesNotMatch(sql, /\b(UPDATE|DELETE|REPLACE|TRUNCATE|DROP|ALTER|RENAME)\b/i, `${f}: ${lit.slice(0, 200)}`);
			}
		}
		assert.ok(statements >= 3, 'the check sees the statements that read and append to the log');
	});
});
