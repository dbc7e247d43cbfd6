// inbox.test.mjs - the admin lists (GET /inbox, GET /projects) and their downloads (.csv, .xlsx): who may see them,
// every filter and sort checked against SQL over the demo data, paging, the count per status, values off the
// allow-lists answered 400, and the files' formats, against the real nginx, workers and MariaDB.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStack, htmlDecode, textOf } from './harness.mjs';
import { parseCsv } from './lib/csv.mjs';
import { unzip } from './lib/zip.mjs';

const BOM = '\ufeff';
const INBOX_HEAD = ['Nr', 'Titel', 'Sökande', 'Land', 'Typ', 'Tematiskt område', 'Utlysning', 'Sökt belopp', 'Inskickad', 'Status'];
const C = { ref: 0, title: 1, org: 2, country: 3, type: 4, theme: 5, round: 6, amount: 7, submitted: 8, status: 9 };
const STATUS_SV = { submitted: 'Inskickad', under_review: 'Under bedömning', approved: 'Beviljad', rejected: 'Avslagen', withdrawn: 'Återkallad' };

let stack, q, one, admin, sida, applicant;

before(async () => {
	// One worker: its result cache is then the only one, so the statement counts below are exact.
	({ stack, q, one, admin, sida, applicant } = await openStack({ workers: 1 }, ['admin', 'sida', 'applicant']));
});

after(() => stack?.stop());

const digits = (s) => Number(s.replace(/[^0-9]/g, ''));

/** A list page's table rows, each an array of its cells' texts ([] when the page has no table). */
function rowsOf(html) {
	const start = html.indexOf('<tbody>');
	if (start < 0) return [];
	const body = html.slice(start, html.indexOf('</tbody>', start));
	return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
		.map((m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1])));
}

/** "Visar 51–100 av 135" -> {from, to, total}; null when the page says nothing (no rows). */
function showing(html) {
	const m = html.match(/<p class="list-showing">([^<]*)<\/p>/);
	if (!m) return null;
	const [from, to, total] = htmlDecode(m[1]).match(/[\d\u00a0]+/g).map(digits);
	return { from, to, total };
}

/** The count per status: [{status, label, n, href, current}]. */
function countsOf(html) {
	const ul = html.match(/<ul class="status-counts"[^>]*>([\s\S]*?)<\/ul>/);
	assert.ok(ul, 'the page has its count per status');
	return [...ul[1].matchAll(/<li><a href="([^"]*)"( aria-current="true")?><span class="tag tag-([a-z_]+)">([^<]*)<\/span> <span class="count">([^<]*)<\/span><\/a><\/li>/g)]
		.map((m) => ({ href: htmlDecode(m[1]), current: !!m[2], status: m[3], label: m[4], n: digits(m[5]) }));
}

/** The column headings: [{head, href, sort}] (sort: the aria-sort value or null). */
function headsOf(html) {
	const thead = html.match(/<thead>([\s\S]*?)<\/thead>/)[1];
	return [...thead.matchAll(/<th scope="col"[^>]*?(?: aria-sort="([a-z]+)")?><a href="([^"]*)">([^<]*)<\/a><\/th>/g)]
		.map((m) => ({ sort: m[1] ?? null, href: htmlDecode(m[2]), head: htmlDecode(m[3]) }));
}

const linkOf = (html, rel) => { const m = html.match(new RegExp(`<a href="([^"]*)" rel="${rel}">`)); return m ? htmlDecode(m[1]) : null; };

async function page(s, p) {
	const res = await s.get(p);
	assert.equal(res.status, 200, `GET ${p}`);
	return res.text;
}

/** Every row of a list, following its "next" links from p; also checks that each page holds at most 50. */
async function allRows(s, p) {
	const rows = [];
	for (let next = p, n = 0; next; n++) {
		assert.ok(n < 100, 'the next links end');
		const html = await page(s, next);
		const r = rowsOf(html);
		assert.ok(r.length <= 50, `${next}: ${r.length} rows on one page`);
		rows.push(...r);
		next = linkOf(html, 'next');
	}
	return rows;
}

const INBOX_SQL = "FROM applications a WHERE a.status <> 'draft' AND a.submitted_at IS NOT NULL";
const idsOf = (rows) => rows.map((r) => Number(r[C.ref]));
const sqlIds = async (where, order = 'a.id') => (await q(`SELECT a.id ${INBOX_SQL} AND ${where} ORDER BY ${order}`)).map((r) => Number(r[0]));

describe('who may see the lists', () => {
	test('an applicant gets 404 for the inbox, the projects list and every download of them', async () => {
		for (const p of ['/inbox', '/inbox.csv', '/inbox.xlsx', '/projects', '/projects.csv', '/projects.xlsx', '/inbox?status=submitted']) {
			const res = await applicant.get(p);
			assert.equal(res.status, 404, p);
			assert.doesNotMatch(res.text, /Borlänge kommun<\/td>/, `${p} shows no list`);
		}
	});

	test('Sida sees the projects list and its downloads, but the inbox is 404', async () => {
		for (const p of ['/projects', '/projects.csv', '/projects.xlsx']) assert.equal((await sida.get(p)).status, 200, p);
		for (const p of ['/inbox', '/inbox.csv', '/inbox.xlsx']) assert.equal((await sida.get(p)).status, 404, p);
	});

	test('signed out, the lists send to the sign-in page', async () => {
		const res = await stack.get('/inbox?status=submitted');
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /^\/login\?next=%2Finbox/);
	});

	test('the start page links to the inbox and the projects for ICLD, to the projects for Sida', async () => {
		const a = await page(admin, '/');
		assert.match(a, /<ul class="list">[\s\S]*<a href="\/inbox">[\s\S]*<a href="\/projects">[\s\S]*<\/ul>/);
		const s = await page(sida, '/');
		assert.match(s, /<a href="\/projects">/);
		assert.doesNotMatch(s, /<a href="\/inbox">/);
	});
});

describe('the inbox', () => {
	test('lists every submitted application (not drafts, nor drafts withdrawn unsent) over its pages, newest first', async () => {
		// A draft withdrawn before it was ever sent (the demo has only withdrawals after submission).
		await q(`UPDATE applications SET status = 'withdrawn', withdrawn_at = NOW()
			WHERE id = (SELECT id FROM (SELECT MIN(id) AS id FROM applications WHERE status = 'draft') x)`);
		const total = Number(await one(`SELECT COUNT(*) ${INBOX_SQL}`));
		const html = await page(admin, '/inbox');
		assert.deepEqual(showing(html), { from: 1, to: 50, total });
		assert.equal(rowsOf(html).length, 50);
		const rows = await allRows(admin, '/inbox');
		assert.equal(rows.length, total);
		assert.deepEqual(idsOf(rows), await sqlIds('1', 'a.submitted_at DESC, a.id DESC'));
		const drafts = (await q("SELECT id FROM applications WHERE status = 'draft'")).map((r) => Number(r[0]));
		assert.ok(drafts.length > 0);
		for (const id of drafts) assert.ok(!idsOf(rows).includes(id), `draft ${id} is not in the inbox`);
		const unsent = (await q("SELECT id FROM applications WHERE status = 'withdrawn' AND submitted_at IS NULL")).map((r) => Number(r[0]));
		const sent = await one("SELECT COUNT(*) FROM applications WHERE status = 'withdrawn' AND submitted_at IS NOT NULL");
		assert.ok(unsent.length > 0 && Number(sent) > 0, 'the demo has applications withdrawn before and after submission');
		for (const id of unsent) assert.ok(!idsOf(rows).includes(id), `withdrawn draft ${id} was never sent: not in the inbox`);
	});

	test('each row shows the application as stored, and links to it', async () => {
		const html = await page(admin, '/inbox?sort=ref&dir=asc');
		const [first] = rowsOf(html);
		const id = Number(first[C.ref]);
		const [row] = await q(`SELECT a.title_sv, o.name, c.name_sv, t.name_sv, r.year,
			(SELECT SUM(y.amount) FROM application_years y WHERE y.application_id = a.id), DATE(a.submitted_at), a.status, a.project_type
			FROM applications a JOIN organisations o ON o.id = a.applicant_org_id JOIN rounds r ON r.id = a.round_id
			JOIN countries c ON c.code = a.country_code JOIN thematic_areas t ON t.id = a.thematic_area_id WHERE a.id = ${id}`);
		const [title, org, country, theme, year, amount, submitted, status, type] = row;
		assert.deepEqual(first.slice(C.title, C.round + 1), [title, org, country, { inception: 'Förstudie', project: 'Projekt', three_party: 'Trepartsprojekt' }[type], theme, year]);
		assert.equal(digits(first[C.amount]), Number(amount));
		assert.match(first[C.amount], /^[\d\u00a0]+\u00a0kr$/, 'the amount in Swedish');
		assert.equal(first[C.submitted], submitted);
		assert.equal(first[C.status], STATUS_SV[status]);
		assert.match(html, new RegExp(`<td><a href="/applications/${id}">`));
		assert.match(html, new RegExp(`<strong class="tag tag-${status}">`));
	});

	test('each filter narrows the list to exactly the rows SQL finds', async () => {
		const borlange = await one("SELECT id FROM organisations WHERE name = 'Borlänge kommun'");
		const round2016 = await one('SELECT id FROM rounds WHERE year = 2016');
		const [[theme, themeName]] = await q("SELECT t.id, t.name_sv FROM thematic_areas t WHERE t.code = 'urban_development'");
		const cases = [
			{ qs: `round=${round2016}`, where: `a.round_id = ${round2016}`, col: C.round, want: '2016' },
			{ qs: 'status=approved', where: "a.status = 'approved'", col: C.status, want: 'Beviljad' },
			{ qs: 'type=inception', where: "a.project_type = 'inception'", col: C.type, want: 'Förstudie' },
			{ qs: 'country=KE', where: "a.country_code = 'KE'", col: C.country, want: 'Kenya' },
			{ qs: `theme=${theme}`, where: `a.thematic_area_id = ${theme}`, col: C.theme, want: themeName },
			{ qs: `org=${borlange}`, where: `a.applicant_org_id = ${borlange}`, col: C.org, want: 'Borlänge kommun' },
			{ qs: `round=${round2016}&status=approved&country=KE`, where: `a.round_id = ${round2016} AND a.status = 'approved' AND a.country_code = 'KE'`, col: C.country, want: 'Kenya' },
		];
		const all = Number(await one(`SELECT COUNT(*) ${INBOX_SQL}`));
		for (const c of cases) {
			const ids = await sqlIds(c.where);
			assert.ok(ids.length > 0 && ids.length < all, `${c.qs} narrows the demo data`);
			const rows = await allRows(admin, `/inbox?${c.qs}`);
			assert.deepEqual(idsOf(rows).sort((x, y) => x - y), ids, c.qs);
			for (const r of rows) assert.equal(r[c.col], c.want, `${c.qs}: row ${r[C.ref]}`);
			assert.equal(showing(await page(admin, `/inbox?${c.qs}`)).total, ids.length, `${c.qs}: the total`);
		}
	});

	test('the select boxes offer the demo\'s rounds, countries, themes and organisations, and keep the choice', async () => {
		const html = await page(admin, '/inbox?country=KE&type=project');
		for (const id of ['round', 'status', 'type', 'country', 'theme', 'org']) {
			assert.match(html, new RegExp(`<label for="${id}">[^<]+</label>[\\s\\S]*?<select id="${id}" name="${id}">\\s*<option value="">Alla</option>`), id);
		}
		assert.match(html, /<option value="KE" selected>Kenya<\/option>/);
		assert.match(html, /<option value="project" selected>Projekt<\/option>/);
		assert.doesNotMatch(html, /<option value="draft"/, 'drafts are not a status of the inbox');
		const sel = html.match(/<select id="org" name="org">([\s\S]*?)<\/select>/)[1];
		const names = [...sel.matchAll(/<option value="\d+">([^<]*)<\/option>/g)].map((m) => htmlDecode(m[1]));
		const sqlNames = (await q(`SELECT DISTINCT o.name FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE a.status <> 'draft' AND a.submitted_at IS NOT NULL ORDER BY o.name`)).map((r) => r[0]);
		assert.deepEqual(names, sqlNames, 'the organisations that have applied, in Swedish order');
		// The form keeps the order it was sorted in.
		assert.match(html, /<input type="hidden" name="sort" value="submitted">/);
		assert.match(html, /<input type="hidden" name="dir" value="desc">/);
	});

	test('sorting by organisation follows Swedish order, both ways', async () => {
		const rows = await allRows(admin, '/inbox?sort=org&dir=asc');
		const names = rows.map((r) => r[C.org]);
		const sv = new Intl.Collator('sv');
		for (let i = 1; i < names.length; i++) assert.ok(sv.compare(names[i - 1], names[i]) <= 0, `${names[i - 1]} before ${names[i]}`);
		const at = (n) => names.indexOf(n);
		const order = ['Vara kommun', 'Vimmerby kommun', 'Västerås stad', 'Växjö kommun', 'Ystads kommun', 'Åmåls kommun', 'Älmhults kommun', 'Örebro kommun', 'Östersunds kommun'];
		for (let i = 1; i < order.length; i++) assert.ok(at(order[i - 1]) >= 0 && at(order[i - 1]) < at(order[i]), `${order[i - 1]} before ${order[i]}`);
		const desc = rowsOf(await page(admin, '/inbox?sort=org&dir=desc'));
		assert.equal(desc[0][C.org], 'Östersunds kommun');
	});

	test('sorting by amount and by reference orders the rows as SQL does', async () => {
		const sum = '(SELECT SUM(y.amount) FROM application_years y WHERE y.application_id = a.id)';
		assert.deepEqual(idsOf(await allRows(admin, '/inbox?sort=amount&dir=asc')), await sqlIds('1', `${sum} ASC, a.id ASC`));
		const desc = await allRows(admin, '/inbox?sort=amount&dir=desc');
		assert.deepEqual(idsOf(desc), await sqlIds('1', `${sum} DESC, a.id DESC`));
		const amounts = desc.map((r) => digits(r[C.amount]));
		assert.ok(amounts[0] >= amounts[amounts.length - 1] && amounts[0] > 0);
		assert.deepEqual(idsOf(rowsOf(await page(admin, '/inbox?sort=ref'))), (await sqlIds('1')).slice(0, 50));
	});

	test('the column headings sort by their column, the sorted one marked with aria-sort and its link turning the order', async () => {
		let heads = headsOf(await page(admin, '/inbox'));
		assert.deepEqual(heads.map((h) => h.head), INBOX_HEAD);
		assert.deepEqual(heads.filter((h) => h.sort).map((h) => [h.head, h.sort]), [['Inskickad', 'descending']]);
		assert.equal(heads[C.submitted].href, '/inbox?sort=submitted&dir=asc');
		assert.equal(heads[C.org].href, '/inbox?sort=org&dir=asc');
		heads = headsOf(await page(admin, '/inbox?status=approved&sort=org&dir=asc&page=2'));
		assert.deepEqual(heads.filter((h) => h.sort).map((h) => [h.head, h.sort]), [['Sökande', 'ascending']]);
		// The headings keep the filters and go back to the first page.
		assert.equal(heads[C.org].href, '/inbox?status=approved&sort=org&dir=desc');
		assert.equal(heads[C.amount].href, '/inbox?status=approved&sort=amount&dir=asc');
	});

	test('pages of 50 with the total, and next and previous links that keep the filters and the order', async () => {
		const ids = await sqlIds("a.status = 'approved'", 'a.id DESC');
		assert.ok(ids.length > 100, 'three pages of approved applications');
		const base = '/inbox?status=approved&sort=ref&dir=desc';
		const p1 = await page(admin, base);
		assert.deepEqual(showing(p1), { from: 1, to: 50, total: ids.length });
		assert.equal(linkOf(p1, 'prev'), null);
		assert.equal(linkOf(p1, 'next'), `${base}&page=2`);
		const p2 = await page(admin, `${base}&page=2`);
		assert.deepEqual(showing(p2), { from: 51, to: 100, total: ids.length });
		assert.match(p2, /Sida 2 av 3/);
		assert.equal(linkOf(p2, 'prev'), base);
		assert.equal(linkOf(p2, 'next'), `${base}&page=3`);
		assert.deepEqual(idsOf(rowsOf(p1)), ids.slice(0, 50));
		assert.deepEqual(idsOf(rowsOf(p2)), ids.slice(50, 100));
		const p3 = await page(admin, `${base}&page=3`);
		assert.deepEqual(idsOf(rowsOf(p3)), ids.slice(100));
		assert.equal(linkOf(p3, 'next'), null);
		// Past the end (a bookmark of a list that has shrunk): no rows, a way back to the last page.
		const p9 = await page(admin, `${base}&page=9`);
		assert.deepEqual(rowsOf(p9), []);
		assert.match(p9, /Den här sidan ligger efter listans slut/);
		assert.equal(linkOf(p9, 'prev'), `${base}&page=3`);
	});

	test('the count per status is SQL\'s under the other filters, each linking to its status', async () => {
		const sqlCounts = async (where) => Object.fromEntries((await q(`SELECT a.status, COUNT(*) ${INBOX_SQL} AND ${where} GROUP BY a.status`)).map(([s, n]) => [s, Number(n)]));
		let counts = countsOf(await page(admin, '/inbox'));
		let want = await sqlCounts('1');
		assert.deepEqual(counts.map((c) => c.status), ['all', 'submitted', 'under_review', 'approved', 'rejected', 'withdrawn']);
		for (const c of counts.slice(1)) assert.equal(c.n, want[c.status] ?? 0, c.status);
		assert.equal(counts[0].n, Object.values(want).reduce((a, b) => a + b, 0));
		assert.deepEqual(counts.filter((c) => c.current).map((c) => c.status), ['all']);
		assert.equal(counts[3].href, '/inbox?status=approved');

		const round2016 = await one('SELECT id FROM rounds WHERE year = 2016');
		const html = await page(admin, `/inbox?round=${round2016}&status=rejected&sort=org&dir=asc`);
		counts = countsOf(html);
		want = await sqlCounts(`a.round_id = ${round2016}`);
		for (const c of counts.slice(1)) assert.equal(c.n, want[c.status] ?? 0, `2016: ${c.status}`);
		assert.deepEqual(counts.filter((c) => c.current).map((c) => c.status), ['rejected']);
		assert.equal(counts[0].href, `/inbox?round=${round2016}&sort=org&dir=asc`);
		assert.equal(counts[2].href, `/inbox?round=${round2016}&status=under_review&sort=org&dir=asc`);
		assert.equal(showing(html).total, want.rejected);
	});

	test('a filter, sort, direction or page off its allow-list is 400, never SQL', async () => {
		const bad = ['sort=nope', 'sort=a.id', 'sort=ref&dir=up', 'dir=DESC%3B', 'status=draft', 'status=bogus', "status=approved'--",
			'type=x', 'type=Project', 'round=abc', 'round=0', 'round=-4', 'round=1.5', 'round=1%20OR%201%3D1', 'theme=1e3',
			'org=99999999999', 'country=ke', 'country=KEN', 'country=K1', 'page=0', 'page=two', 'page=-1', 'page=10000001'];
		for (const qs of bad) {
			const res = await admin.get(`/inbox?${qs}`);
			assert.equal(res.status, 400, `/inbox?${qs}`);
			assert.equal((await admin.get(`/inbox.csv?${qs}`)).status, 400, `/inbox.csv?${qs}`);
		}
		assert.equal((await admin.get('/inbox.xlsx?sort=nope')).status, 400);
		// An id of nothing, or an empty value, is no error: nothing matches, or no filter.
		const none = await page(admin, '/inbox?round=999999');
		assert.deepEqual(rowsOf(none), []);
		assert.match(none, /Inga ansökningar motsvarar filtren/);
		assert.equal(showing(await page(admin, '/inbox?round=&status=&sort=&dir=&page=')).from, 1);
	});

	test('in English: headings, amounts and labels in English', async () => {
		const s = await stack.login('reviewer@icld.example');
		const res = await s.submit('/', { lang: 'en' }, { form: (f) => f.action === '/language' });
		assert.equal(res.status, 303);
		const html = await page(s, '/inbox?status=approved&sort=amount&dir=desc');
		assert.match(html, /<h1>Inbox<\/h1>/);
		assert.deepEqual(headsOf(html).map((h) => h.head).slice(0, 3), ['No.', 'Title', 'Applicant']);
		const [first] = rowsOf(html);
		assert.match(first[C.amount], /^SEK\u00a0[\d,]+$/);
		assert.equal(first[C.status], 'Approved');
		assert.match(html, /Showing 1 to 50 of \d+/);
	});
});

describe('the inbox\'s cost in SQL statements', () => {
	test('a view is two statements cold (choices with counts, and the page), none warm; a new page or status one', async () => {
		const delta = (p) => stack.statements(admin, p);
		await delta('/accessibility');
		const session = await delta('/accessibility');	// what any signed-in page costs
		const base = '/inbox?type=project&sort=country&dir=desc';
		assert.equal(await delta(base), session + 2, 'cold');
		assert.equal(await delta(base), session, 'warm: from the cache');
		assert.equal(await delta(`${base}&page=2`), session + 1, 'another page: its rows; the counts are the same');
		assert.equal(await delta(`/inbox?type=project&status=approved&sort=country&dir=desc`), session + 1,
			'another status: its rows; the counts are under the other filters');
	});
});

describe('the inbox downloads', () => {
	test('CSV: BOM, semicolons, CRLF, and the same rows as the page, amounts as plain integers', async () => {
		const round2016 = await one('SELECT id FROM rounds WHERE year = 2016');
		const qs = `round=${round2016}&sort=org&dir=asc`;
		const res = await admin.get(`/inbox.csv?${qs}`);
		assert.equal(res.status, 200);
		assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
		assert.equal(res.headers['content-disposition'], 'attachment; filename="inbox-2016-09-30.csv"');
		assert.deepEqual([...res.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
		const text = res.body.toString('utf8');
		assert.ok(text.startsWith(BOM));
		assert.ok(text.startsWith(`${BOM}${INBOX_HEAD.join(';')}\r\n`), 'the headings, separated by semicolons');
		assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'every line ends in CRLF');
		const [head, ...rows] = parseCsv(text.slice(1));
		assert.deepEqual(head, INBOX_HEAD);
		const pageRows = await allRows(admin, `/inbox?${qs}`);
		assert.equal(rows.length, pageRows.length);
		assert.equal(rows.length, Number(await one(`SELECT COUNT(*) ${INBOX_SQL} AND a.round_id = ${round2016}`)));
		rows.forEach((r, i) => {
			const p = pageRows[i];
			assert.match(r[C.amount], /^\d+$/, 'no thousands separators, no currency');
			assert.equal(Number(r[C.amount]), digits(p[C.amount]));
			assert.match(r[C.submitted], /^\d{4}-\d{2}-\d{2}$/);
			assert.deepEqual([...r.slice(0, C.amount), ...r.slice(C.amount + 1)], [...p.slice(0, C.amount), ...p.slice(C.amount + 1)], `row ${i + 1}`);
		});
	});

	test('CSV: a title that is a formula is quoted and neutralised; one with a semicolon is quoted', async () => {
		const [[id, before]] = await q("SELECT id, title_sv FROM applications WHERE status = 'submitted' ORDER BY id LIMIT 1");
		const [[id2, before2]] = await q(`SELECT id, title_sv FROM applications WHERE status = 'submitted' AND id <> ${id} ORDER BY id LIMIT 1`);
		try {
			await q(`UPDATE applications SET title_sv = '=HYPERLINK("http://evil.example";"klicka")' WHERE id = ${id}`);
			await q(`UPDATE applications SET title_sv = 'Vatten; avlopp' WHERE id = ${id2}`);
			const text = (await admin.get('/inbox.csv?status=submitted&sort=ref&dir=asc')).body.toString('utf8');
			assert.ok(text.includes(`\r\n${id};"'=HYPERLINK(""http://evil.example"";""klicka"")";`), 'neutralised with a leading quote, quoted, quotes doubled');
			assert.ok(text.includes(`\r\n${id2};"Vatten; avlopp";`));
			const rows = parseCsv(text.slice(1));
			assert.equal(rows.find((r) => r[0] === String(id))[C.title], '\'=HYPERLINK("http://evil.example";"klicka")');
		} finally {
			await q(`UPDATE applications SET title_sv = '${before.replace(/'/g, "''")}' WHERE id = ${id}`);
			await q(`UPDATE applications SET title_sv = '${before2.replace(/'/g, "''")}' WHERE id = ${id2}`);
		}
	});

	test('Excel: a workbook with bold headings, numbers and dates as such, frozen under the headings; no file left behind', async () => {
		const round2016 = await one('SELECT id FROM rounds WHERE year = 2016');
		const res = await admin.get(`/inbox.xlsx?round=${round2016}&sort=ref&dir=asc`);
		assert.equal(res.status, 200);
		assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		assert.equal(res.headers['content-disposition'], 'attachment; filename="inbox-2016-09-30.xlsx"');
		assert.equal(Number(res.headers['content-length']), res.body.length);
		const files = unzip(res.body);
		for (const f of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) assert.ok(files.has(f), f);
		const sheet = files.get('xl/worksheets/sheet1.xml').toString('utf8');
		const styles = files.get('xl/styles.xml').toString('utf8');
		assert.match(files.get('xl/workbook.xml').toString('utf8'), /<sheet name="Inkorg"/);
		assert.match(sheet, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
		assert.match(sheet, /<col min="2" max="2" width="50[.\d]*" customWidth="1"\/>/, 'the title column is wide');

		const xfs = [...styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)[1].matchAll(/<xf [^>]*?numFmtId="(\d+)"[^>]*?fontId="(\d+)"/g)]
			.map((m) => ({ numFmt: Number(m[1]), font: Number(m[2]) }));
		const fonts = [...styles.match(/<fonts[^>]*>([\s\S]*?)<\/fonts>/)[1].matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]);
		const fmts = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [Number(m[1]), htmlDecode(m[2])]));
		const rowsXml = [...sheet.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)];
		const cells = (xml) => Object.fromEntries([...xml.matchAll(/<c r="([A-Z]+)\d+"( s="(\d+)")?( t="(\w+)")?>([\s\S]*?)<\/c>/g)]
			.map((m) => [m[1], { s: m[3] === undefined ? 0 : Number(m[3]), t: m[5] ?? 'n', xml: m[6], text: htmlDecode((m[6].match(/<t[^>]*>([\s\S]*?)<\/t>/) || m[6].match(/<v>([\s\S]*?)<\/v>/) || [])[1] ?? '') }]));

		const ids = await sqlIds(`a.round_id = ${round2016}`);
		assert.equal(rowsXml.length, ids.length + 1, 'a heading row and one row per application');
		const head = cells(rowsXml[0][2]);
		assert.deepEqual(Object.values(head).map((c) => c.text), INBOX_HEAD);
		for (const c of Object.values(head)) assert.match(fonts[xfs[c.s].font], /<b\/>/, 'headings in bold');

		const [[amount, submitted]] = await q(`SELECT (SELECT SUM(y.amount) FROM application_years y WHERE y.application_id = a.id), DATE(a.submitted_at) FROM applications a WHERE a.id = ${ids[0]}`);
		const first = cells(rowsXml[1][2]);
		assert.equal(first.A.t, 'n');
		assert.equal(Number(first.A.text), ids[0], 'the reference is a number');
		assert.equal(first.G.t, 'n');
		assert.equal(first.G.text, '2016');
		assert.equal(first.H.t, 'n');
		assert.equal(Number(first.H.text), Number(amount), 'the amount is a number');
		assert.equal(fmts[xfs[first.H.s].numFmt], '#,##0', 'with thousands grouped');
		assert.equal(first.I.t, 'n');
		const [y, m, d] = submitted.split('-').map(Number);
		assert.equal(Number(first.I.text), (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000, 'the date as an Excel date');
		assert.equal(fmts[xfs[first.I.s].numFmt], 'yyyy-mm-dd');
		assert.equal(first.J.t, 'inlineStr');
		assert.match(sheet, /<autoFilter ref="A1:J\d+"\/>/);
		assert.deepEqual(fs.readdirSync(path.join(stack.dir, 'scratch')), [], 'the temporary file is gone');
	});
});

describe('the projects list', () => {
	const PROJECT_SQL = 'FROM projects p JOIN applications a ON a.id = p.application_id';

	test('lists every project, newest code first, each linking to its page', async () => {
		const codes = (await q(`SELECT p.code ${PROJECT_SQL} ORDER BY p.code DESC`)).map((r) => r[0]);
		const rows = await allRows(sida, '/projects');
		assert.deepEqual(rows.map((r) => r[0]), codes);
		const html = await page(sida, '/projects');
		assert.deepEqual(showing(html), { from: 1, to: 50, total: codes.length });
		assert.match(html, new RegExp(`<td><a href="/projects/${codes[0]}">${codes[0]}</a></td>`));
	});

	test('filters narrow it to what SQL finds, and the counts are per project status', async () => {
		const round2016 = await one('SELECT id FROM rounds WHERE year = 2016');
		for (const [qs, where] of [['status=implementation', "p.status = 'implementation'"], ['country=CN', "a.country_code = 'CN'"],
			[`round=${round2016}&type=project`, `a.round_id = ${round2016} AND a.project_type = 'project'`]]) {
			const codes = (await q(`SELECT p.code ${PROJECT_SQL} WHERE ${where} ORDER BY p.code`)).map((r) => r[0]);
			assert.ok(codes.length > 0, qs);
			const rows = await allRows(admin, `/projects?${qs}&sort=code&dir=asc`);
			assert.deepEqual(rows.map((r) => r[0]), codes, qs);
		}
		const counts = countsOf(await page(admin, `/projects?round=${round2016}`));
		const want = Object.fromEntries((await q(`SELECT p.status, COUNT(*) ${PROJECT_SQL} WHERE a.round_id = ${round2016} GROUP BY p.status`)).map(([s, n]) => [s, Number(n)]));
		// The statuses projects show (approved until their first day: project_status.test.mjs); the demo's have all started.
		assert.deepEqual(counts.map((c) => c.status), ['all', 'approved', 'implementation', 'finalisation', 'closed', 'cancelled']);
		for (const c of counts.slice(1)) assert.equal(c.n, want[c.status] ?? 0, c.status);
	});

	test('sorted by approved budget, as SQL sorts it', async () => {
		const sum = '(SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id)';
		const codes = (await q(`SELECT p.code ${PROJECT_SQL} ORDER BY ${sum} DESC, p.id DESC`)).map((r) => r[0]);
		assert.deepEqual((await allRows(admin, '/projects?sort=budget&dir=desc')).map((r) => r[0]), codes);
	});

	test('values off the allow-lists are 400', async () => {
		for (const qs of ['status=submitted', 'status=draft', 'sort=amount', 'sort=submitted', 'dir=sideways', 'org=x', 'country=se', 'page=0'])
			assert.equal((await sida.get(`/projects?${qs}`)).status, 400, qs);
	});

	test('CSV and Excel downloads of the filtered list', async () => {
		const n = Number(await one(`SELECT COUNT(*) ${PROJECT_SQL} WHERE a.country_code = 'KE'`));
		const csv = await sida.get('/projects.csv?country=KE');
		assert.equal(csv.status, 200);
		assert.equal(csv.headers['content-disposition'], 'attachment; filename="projects-2016-09-30.csv"');
		const [head, ...rows] = parseCsv(csv.body.toString('utf8').slice(1));
		assert.deepEqual(head, ['Projekt', 'Titel', 'Sökande', 'Land', 'Typ', 'Utlysning', 'Planerad start', 'Planerat slut', 'Beviljad budget', 'Status']);
		assert.equal(rows.length, n);
		for (const r of rows) {
			assert.equal(r[3], 'Kenya');
			assert.match(r[8], /^\d+$/);
		}
		const xlsx = await sida.get('/projects.xlsx?country=KE');
		assert.equal(xlsx.status, 200);
		const sheet = unzip(xlsx.body).get('xl/worksheets/sheet1.xml').toString('utf8');
		assert.equal([...sheet.matchAll(/<row /g)].length, n + 1);
		assert.match(sheet, /state="frozen"/);
	});
});
