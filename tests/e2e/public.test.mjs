// public.test.mjs - the public register of partnerships (GET /partnerships, GET /partnerships/{code}) for anyone,
// and ICLD withholding a project from it: every published project listed and no other, filters, search and sort
// against SQL over the demo data, values off the allow-lists answered 400, the project page's figures, anonymous
// pages cacheable and cookie-free, withholding with its reason, version and audit row, nginx's rate limit, and a
// crawl of every public page in both languages that must never show a string planted in a private field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
	openStack, startStack, parseForms, htmlDecode, textOf, kr, sek, escapeRe, sqlText, PRODUCTION_PUBLIC_RATE,
} from './harness.mjs';

let stack, q, one, admin, sida, applicant;

before(async () => {
	// One worker: its result cache is then the only one, so the statement counts below are exact.
	({ stack, q, one, admin, sida, applicant } = await openStack({ workers: 1 }, ['admin', 'sida', 'applicant']));
});

after(() => stack?.stop());

/** Published: the project of an approved application that ICLD has not withheld. */
const FROM = 'FROM projects p JOIN applications a ON a.id = p.application_id';
const IS_PUBLISHED = "p.withheld = 0 AND a.status = 'approved'";
const PUBLISHED = `${FROM} WHERE ${IS_PUBLISHED}`;

/** An anonymous GET in a language (the kpp_lang cookie, as the header's switch leaves it). */
const anon = (path, lang = 'sv') => stack.get(path, { headers: { Cookie: `kpp_lang=${lang}` } });

/** The project codes a list page links to, in page order. */
const codesOn = (html) => [...html.matchAll(/<td><a href="\/partnerships\/(\d{4}-\d{4})">/g)].map((m) => m[1]);

/** The list's rows: {code, cells: [text of each cell]}. */
function rowsOf(html) {
	const start = html.indexOf('<tbody>');
	if (start < 0) return [];
	return [...html.slice(start, html.indexOf('</tbody>', start)).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
		const cells = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1]));
		return { code: cells[0], cells };
	});
}

const nextOf = (html) => { const m = html.match(/<a href="([^"]*)" rel="next">/); return m ? htmlDecode(m[1]) : null; };

/** Every page of a list view, following its "next" links: {codes, rows, pages}. */
async function walk(path, lang = 'sv') {
	const codes = [];
	const rows = [];
	const pages = [];
	for (let p = path; p; ) {
		const res = await anon(p, lang);
		assert.equal(res.status, 200, `${p} answers 200`);
		pages.push(p);
		codes.push(...codesOn(res.text));
		rows.push(...rowsOf(res.text));
		p = nextOf(res.text);
		assert.ok(pages.length < 100, 'the pages end');
	}
	return { codes, rows, pages };
}

const sorted = (a) => [...a].sort();
const codesSql = async (where = '') => (await q(`SELECT p.code ${PUBLISHED} ${where} ORDER BY p.code`)).map((r) => r[0]);

/** The <dd> of the summary list's row labelled dt. */
function answer(html, dt) {
	const m = html.match(new RegExp(`<dt>${escapeRe(dt)}</dt><dd([^>]*)>([\\s\\S]*?)</dd>`));
	return m ? { attrs: m[1], html: m[2], text: textOf(m[2]) } : null;
}

describe('the list', () => {
	test('anyone reads it without signing in: every published project, current and past, and nothing else', async () => {
		const first = await anon('/partnerships');
		assert.equal(first.status, 200);
		assert.equal(first.headers['set-cookie'], undefined, 'no cookie for an anonymous visitor');
		assert.equal(first.headers['cache-control'], 'public, max-age=300');
		assert.match(first.headers.vary, /Cookie/);
		assert.match(first.headers.vary, /Accept-Language/);
		const want = await codesSql();
		assert.ok(want.length > 50, 'more than one page of projects');
		const statuses = (await q(`SELECT DISTINCT p.status ${PUBLISHED}`)).map((r) => r[0]);
		for (const s of ['implementation', 'finalisation', 'closed', 'cancelled']) assert.ok(statuses.includes(s), `the demo has ${s} projects`);
		const { codes, pages } = await walk('/partnerships');
		assert.deepEqual(sorted(codes), want, 'each published project once, over all pages');
		assert.ok(pages.length >= 2);
		assert.deepEqual(codes.slice(0, 50), [...want].reverse().slice(0, 50), 'newest first');
		assert.match(htmlDecode(first.text), new RegExp(`Visar 1 till 50 av ${want.length} partnerskap`));
	});

	test('the first page is read from the worker\'s cache: one statement, the data version', async () => {
		const s = stack.session();
		await s.get('/partnerships?country=KE');
		assert.equal(await stack.statements(s, '/partnerships?country=KE'), 1);
		const code = (await codesSql())[0];
		await s.get(`/partnerships/${code}`);
		assert.equal(await stack.statements(s, `/partnerships/${code}`), 1);
	});

	test('signed in, the same page is private and shows who is signed in, with the header\'s POST forms', async () => {
		const res = await admin.get('/partnerships');
		assert.equal(res.status, 200);
		assert.equal(res.headers['cache-control'], 'private, no-store');
		const forms = parseForms(res.text);
		assert.equal(forms[0].action, '/language');
		assert.equal(forms[0].method, 'post');
		assert.ok(forms[0].fields.csrf);
		assert.ok(forms.some((f) => f.action === '/logout'));
		// Anonymous: a GET form without a token, no sign-out, a sign-in link.
		const anonForms = parseForms((await anon('/partnerships')).text);
		assert.equal(anonForms[0].action, '/language');
		assert.equal(anonForms[0].method, 'get');
		assert.equal(anonForms[0].fields.csrf, undefined);
		assert.ok(!anonForms.some((f) => f.method === 'post'), 'no form posts');
	});

	test('each filter narrows the list to what SQL finds', async () => {
		const [[org]] = await q(`SELECT a.applicant_org_id ${PUBLISHED} GROUP BY a.applicant_org_id ORDER BY COUNT(*) DESC LIMIT 1`);
		// A co-applicant of a published project counts as taking part.
		const [[coApp, coOrg]] = await q(`SELECT a.id, o.id ${FROM} JOIN organisations o ON o.side = 'swedish' ` +
			`AND o.id <> a.applicant_org_id WHERE ${IS_PUBLISHED} ORDER BY p.code, o.name LIMIT 1`);
		await q(`INSERT IGNORE INTO application_coapplicants (application_id, org_id) VALUES (${coApp}, ${coOrg})`);
		const [[theme]] = await q(`SELECT a.thematic_area_id ${PUBLISHED} GROUP BY a.thematic_area_id ORDER BY COUNT(*) DESC LIMIT 1`);
		const cases = [
			['country=KE', "AND a.country_code = 'KE'"],
			['country=CN', "AND a.country_code = 'CN'"],
			[`org=${org}`, `AND (a.applicant_org_id = ${org} OR a.id IN (SELECT application_id FROM application_coapplicants WHERE org_id = ${org}))`],
			[`org=${coOrg}`, `AND (a.applicant_org_id = ${coOrg} OR a.id IN (SELECT application_id FROM application_coapplicants WHERE org_id = ${coOrg}))`],
			[`theme=${theme}`, `AND a.thematic_area_id = ${theme}`],
			['type=inception', "AND a.project_type = 'inception'"],
			['type=three_party', "AND a.project_type = 'three_party'"],
			['year=2014', 'AND YEAR(COALESCE(p.actual_start, p.planned_start)) <= 2014 AND YEAR(COALESCE(p.actual_end, p.planned_end)) >= 2014'],
			['year=2016&country=KE&type=project', "AND a.country_code = 'KE' AND a.project_type = 'project' " +
				'AND YEAR(COALESCE(p.actual_start, p.planned_start)) <= 2016 AND YEAR(COALESCE(p.actual_end, p.planned_end)) >= 2016'],
		];
		for (const [query, where] of cases) {
			const want = await codesSql(where);
			assert.ok(want.length > 0, `${query}: the demo has such projects`);
			const { codes } = await walk(`/partnerships?${query}`);
			assert.deepEqual(sorted(codes), want, query);
		}
		assert.ok((await codesSql(`AND a.id = ${coApp}`)).length === 1);
		assert.ok((await walk(`/partnerships?org=${coOrg}`)).codes.includes((await codesSql(`AND a.id = ${coApp}`))[0]),
			'a co-applicant\'s project is under its name too');
	});

	test('the search finds words in the titles, the code and the names of the organisations taking part', async () => {
		const data = await q('SELECT p.code, LOWER(CONCAT_WS(\'|\', p.code, a.title_sv, a.title_en, a.title_local, o.name, ' +
			'(SELECT GROUP_CONCAT(co.name SEPARATOR \'|\') FROM application_coapplicants ac JOIN organisations co ON co.id = ac.org_id WHERE ac.application_id = a.id), ' +
			'(SELECT GROUP_CONCAT(CONCAT_WS(\'|\', po.name, po.name_local) SEPARATOR \'|\') FROM application_partners ap ' +
			'JOIN organisations po ON po.id = ap.org_id WHERE ap.application_id = a.id))) ' +
			'FROM projects p JOIN applications a ON a.id = p.application_id JOIN organisations o ON o.id = a.applicant_org_id ' +
			"WHERE p.withheld = 0 AND a.status = 'approved'");
		// Whatever the case and the accents: "vaxjo" finds what "Växjö" finds.
		const fold = (t) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
		for (const term of ['Kisumu', 'county', 'kommun', '2015-00', 'LOKAL', 'Växjö', 'vaxjo', 'VAXJÖ']) {
			const want = data.filter(([, text]) => fold(text).includes(fold(term))).map(([c]) => c).sort();
			assert.ok(want.length > 0, `"${term}" is somewhere`);
			assert.ok(want.length < data.length || term === 'kommun', `"${term}" narrows`);
			const { codes } = await walk(`/partnerships?q=${encodeURIComponent(term)}`);
			assert.deepEqual(sorted(codes), want, term);
		}
		// LIKE's own characters are only themselves.
		for (const term of ['%', '_', '!']) {
			const res = await anon(`/partnerships?q=${encodeURIComponent(term)}`);
			assert.equal(res.status, 200);
			assert.deepEqual(codesOn(res.text), [], `"${term}" matches no name`);
			assert.match(res.text, /Inga partnerskap stämmer med sökningen och urvalet/);
		}
		// The search is kept in its box, escaped.
		const res = await anon(`/partnerships?q=${encodeURIComponent('<script>"x"</script>')}`);
		assert.match(res.text, /value="&lt;script&gt;&quot;x&quot;&lt;\/script&gt;"/);
	});

	test('sorted by a column, both ways; names in Swedish order (Vara, Vimmerby, Västerås, Växjö)', async () => {
		const { rows } = await walk('/partnerships?sort=org&dir=asc');
		const orgs = [...new Set(rows.map((r) => r.cells[2]))];
		const at = ['Vara kommun', 'Vimmerby kommun', 'Västerås stad', 'Växjö kommun'].map((n) => orgs.indexOf(n));
		assert.ok(at.every((i) => i >= 0), `the four are listed: ${at}`);
		assert.deepEqual([...at].sort((x, y) => x - y), at, 'in Swedish order');
		const want = (await q(`SELECT p.code ${PUBLISHED} ORDER BY (SELECT name FROM organisations WHERE id = a.applicant_org_id) DESC, p.code DESC LIMIT 50`)).map((r) => r[0]);
		assert.deepEqual(codesOn((await anon('/partnerships?sort=org&dir=desc')).text), want);
		const en = (await q(`SELECT p.code ${PUBLISHED} ORDER BY (SELECT name_en FROM countries WHERE code = a.country_code), p.code LIMIT 50`)).map((r) => r[0]);
		assert.deepEqual(codesOn((await anon('/partnerships?sort=country', 'en')).text), en, 'countries by their English names');
		// The headings sort, and the one sorted by says so.
		const page = (await anon('/partnerships?sort=title&dir=asc')).text;
		assert.match(page, /<th scope="col" aria-sort="ascending"><a href="\/partnerships\?sort=title&amp;dir=desc">Titel<\/a><\/th>/);
	});

	test('a filter, sort or page off its allow-list is a 400', async () => {
		const [[first, last]] = await q(`SELECT MIN(YEAR(COALESCE(p.actual_start, p.planned_start))), MAX(YEAR(COALESCE(p.actual_end, p.planned_end))) ${PUBLISHED}`);
		for (const query of ['country=ke', 'country=KEN', 'org=abc', 'org=0', 'org=-1', 'theme=x', 'type=project2', 'year=abcd',
			'year=20166', `year=${Number(first) - 1}`, `year=${Number(last) + 1}`, 'sort=budget', 'sort=title&dir=up', 'page=0', 'page=x',
			`q=${'a'.repeat(201)}`]) {
			const res = await anon(`/partnerships?${query}`);
			assert.equal(res.status, 400, `${query} answers 400`);
			assert.equal(res.headers['set-cookie'], undefined, `${query}: no cookie either`);
		}
		assert.equal((await anon('/partnerships?q=%FF')).status, 400, 'a search that is not UTF-8');
		assert.equal((await anon(`/partnerships?year=${first}`)).status, 200);
		assert.equal((await anon('/partnerships?page=99')).status, 200, 'a page past the end is a page');
		assert.equal((await anon('/partnerships?unknown=1')).status, 200, 'other parameters are ignored');
	});
});

describe('a project\'s page', () => {
	test('titles in three languages, partners with local name and coordinates, dates, results, budget and payments', async () => {
		const [[code, app, pid, tl, tlLang]] = await q(`SELECT p.code, a.id, p.id, a.title_local, a.title_local_lang ${PUBLISHED} ` +
			'AND a.title_local IS NOT NULL AND EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = p.id) ' +
			"AND EXISTS (SELECT 1 FROM reports r JOIN indicator_values iv ON iv.report_id = r.id WHERE r.project_id = p.id AND r.status = 'approved') " +
			'AND EXISTS (SELECT 1 FROM application_partners ap JOIN organisations o ON o.id = ap.org_id WHERE ap.application_id = a.id AND o.lat IS NOT NULL) ' +
			'ORDER BY p.code LIMIT 1');
		const [[sv, en, country, org, ps, pe, as, ae]] = await q('SELECT a.title_sv, a.title_en, c.name_sv, o.name, p.planned_start, p.planned_end, ' +
			'p.actual_start, p.actual_end FROM projects p JOIN applications a ON a.id = p.application_id JOIN countries c ON c.code = a.country_code ' +
			`JOIN organisations o ON o.id = a.applicant_org_id WHERE p.id = ${pid}`);
		const res = await anon(`/partnerships/${code}`);
		assert.equal(res.status, 200);
		assert.equal(res.headers['cache-control'], 'public, max-age=300');
		assert.equal(res.headers['set-cookie'], undefined);
		const page = res.text;
		assert.match(page, new RegExp(`<h1>${escapeRe(sv)}</h1>`));
		assert.equal(answer(page, 'Titel på svenska').text, sv);
		assert.equal(answer(page, 'Titel på svenska').attrs, ' lang="sv"');
		assert.equal(answer(page, 'Titel på engelska').text, en);
		assert.equal(answer(page, 'Titel på engelska').attrs, ' lang="en"');
		const local = [...page.matchAll(/<dt>Titel på ([^<]+)<\/dt><dd lang="([a-z]{2})">([^<]*)<\/dd>/g)].find((m) => !['sv', 'en'].includes(m[2]));
		assert.ok(local, 'the title in the partner\'s language, in its language');
		assert.equal(local[2], tlLang);
		assert.equal(htmlDecode(local[3]), tl);
		assert.equal(answer(page, 'Svensk organisation').text, org);
		assert.equal(answer(page, 'Land').text, country);
		assert.equal(answer(page, 'Planerad period').text, `${ps} – ${pe}`);
		assert.equal(answer(page, 'Startade').text, as ?? 'Inte än');
		assert.equal(answer(page, 'Avslutades').text, ae ?? 'Inte än');
		const partners = await q('SELECT o.name, o.name_local, o.local_lang, o.lat, o.lng FROM application_partners ap ' +
			`JOIN organisations o ON o.id = ap.org_id WHERE ap.application_id = ${app} ORDER BY ap.position`);
		const dd = (answer(page, 'Partnerorganisation') || answer(page, 'Partnerorganisationer')).html;
		for (const [name, local2, lang2, lat, lng] of partners) {
			assert.ok(htmlDecode(dd).includes(name), name);
			if (local2) assert.ok(dd.includes(`<span lang="${lang2}">${local2}</span>`), `${local2} in its language`);
			if (lat) assert.ok(dd.includes(`${lat}, ${lng}`), 'its coordinates');
		}
		// Budget and payments per project year.
		const years = await q('SELECT y.year, y.amount, (SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d JOIN reports r ON r.id = d.report_id ' +
			`WHERE d.project_id = y.project_id AND r.project_year = y.year) FROM project_years y WHERE y.project_id = ${pid} ORDER BY y.year`);
		const body = page.slice(page.indexOf('<caption id="years-caption">'), page.indexOf('</table>', page.indexOf('<caption id="years-caption">')));
		const trs = [...body.matchAll(/<tr><th scope="row">År (\d)<span class="period">[^<]*<\/span><\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g)]
			.map((m) => [m[1], htmlDecode(m[2]), htmlDecode(m[3])]);
		assert.deepEqual(trs, years.map(([y, a, p]) => [y, kr(Number(a)), kr(Number(p))]));
		assert.ok(years.some(([, , p]) => Number(p) > 0), 'something was paid');
		const sum = (i) => years.reduce((s, r) => s + Number(r[i]), 0);
		assert.match(body, new RegExp(`<tfoot><tr><th scope="row">Totalt</th><td class="num">${escapeRe(kr(sum(1)))}</td><td class="num">${escapeRe(kr(sum(2)))}</td>`));
		// In English, amounts the English way and the English title first.
		const enPage = (await anon(`/partnerships/${code}`, 'en')).text;
		assert.match(enPage, /<html lang="en">/);
		assert.match(enPage, new RegExp(`<h1>${escapeRe(en)}</h1>`));
		assert.ok(htmlDecode(enPage).includes(sek(sum(1))));
	});

	test('indicators: baseline and target, and actual values from approved reports only', async () => {
		// An indicator with a value in an approved report and one in a report that is not approved.
		const [[code, ind, approvedVal]] = await q(`SELECT p.code, iv.indicator_id, iv.actual_value ${FROM} ` +
			"JOIN reports r ON r.project_id = p.id AND r.status = 'approved' JOIN indicator_values iv ON iv.report_id = r.id " +
			"JOIN indicators i ON i.id = iv.indicator_id AND i.measure <> 'qualitative' AND iv.actual_value IS NOT NULL " +
			`WHERE ${IS_PUBLISHED} AND i.target_value IS NOT NULL AND i.baseline_value IS NOT NULL ` +
			"AND EXISTS (SELECT 1 FROM reports r2 WHERE r2.project_id = p.id AND r2.status <> 'approved') ORDER BY p.code, iv.indicator_id LIMIT 1");
		const [[other]] = await q(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id WHERE p.code = '${code}' AND r.status <> 'approved' ORDER BY r.id LIMIT 1`);
		await q(`INSERT INTO indicator_values (report_id, indicator_id, actual_value, actual_text) VALUES (${other}, ${ind}, 987654.25, 'x') ` +
			'ON DUPLICATE KEY UPDATE actual_value = 987654.25');
		const [[name, baseline, target]] = await q(`SELECT name, baseline_value, target_value FROM indicators WHERE id = ${ind}`);
		const page = (await anon(`/partnerships/${code}`)).text;
		const row = page.match(new RegExp(`<tr><th scope="row" class="prose">${escapeRe(name)}</th><td>([^<]*)</td><td>([^<]*)</td><td>([\\s\\S]*?)</td></tr>`));
		assert.ok(row, `the indicator ${name} has a row`);
		const num = (v) => String(Number(v)).replace('.', ',');
		assert.ok(row[1].startsWith(num(baseline)), `baseline ${row[1]}`);
		assert.ok(row[2].startsWith(num(target)), `target ${row[2]}`);
		assert.ok(textOf(row[3]).includes(num(approvedVal)), `the approved value ${approvedVal}: ${row[3]}`);
		assert.doesNotMatch(page, /987654/, 'a value not yet approved is not published');
	});

	test('the summary in the partner\'s language beside the title in it, marked with its language, in both languages of the page', async () => {
		const [[code, app, lang]] = await q(`SELECT p.code, a.id, a.title_local_lang ${PUBLISHED} AND a.title_local IS NOT NULL ` +
			'AND a.title_local_lang IS NOT NULL ORDER BY p.code LIMIT 1');
		const summary = `Muhtasari wa ushirikiano ${crypto.randomUUID()} <i>&</i>`;
		await q(`UPDATE applications SET summary_local = ${sqlText(summary)} WHERE id = ${app}`);
		for (const [ui, titleIn, summaryIn] of [['sv', 'Titel på', 'Sammanfattning på'], ['en', 'Title in', 'Summary in']]) {
			const page = (await anon(`/partnerships/${code}`, ui)).text;
			const title = page.match(new RegExp(`<dt>${titleIn} ([^<]+)</dt><dd lang="${lang}">`));
			assert.ok(title, `${ui}: the title in the partner's language`);
			const m = page.match(new RegExp(`<dt>${summaryIn} ([^<]+)</dt><dd class="prose" lang="${lang}">([^<]*)</dd>`));
			assert.ok(m, `${ui}: the summary in the partner's language, with lang="${lang}"`);
			assert.equal(m[1], title[1], 'named by the same language as the title');
			assert.equal(htmlDecode(m[2]), summary, 'the text, escaped');
			assert.ok(page.indexOf(title[0]) < page.indexOf(m[0]), 'beside the title, after it');
		}
		// Not approved (any more): not published, the summary included.
		await q(`UPDATE applications SET status = 'rejected' WHERE id = ${app}`);
		assert.equal((await anon(`/partnerships/${code}`)).status, 404);
		await q(`UPDATE applications SET status = 'approved', summary_local = NULL WHERE id = ${app}`);
		assert.doesNotMatch((await anon(`/partnerships/${code}`)).text, /<dt>Sammanfattning på /, 'none given: no row');
	});

	test('no page for a project not published, nor for codes that are none; they are in no list', async () => {
		const [[code, app, title]] = await q(`SELECT p.code, a.id, COALESCE(NULLIF(a.title_sv, ''), a.title_en) ${PUBLISHED} ORDER BY p.code LIMIT 1`);
		for (const status of ['draft', 'submitted', 'under_review', 'rejected', 'withdrawn']) {
			await q(`UPDATE applications SET status = '${status}' WHERE id = ${app}`);
			const res = await anon(`/partnerships/${code}`);
			assert.equal(res.status, 404, `an application ${status}: 404`);
			assert.equal(res.headers['set-cookie'], undefined);
			assert.equal(res.headers['cache-control'], 'private, no-store');
			assert.ok(!(await walk(`/partnerships?q=${encodeURIComponent(code)}`)).codes.includes(code), `${status}: not listed`);
		}
		await q(`UPDATE applications SET status = 'approved' WHERE id = ${app}`);
		assert.equal((await anon(`/partnerships/${code}`)).status, 200);
		assert.ok((await walk(`/partnerships?q=${encodeURIComponent(title)}`)).codes.includes(code), `found by its title ${title}`);
		for (const p of ['/partnerships/9999-9999', '/partnerships/2016-33', '/partnerships/abc', '/partnerships/2016-0001/x'])
			assert.equal((await anon(p)).status, 404, p);
		// Drafts, rejected and withdrawn applications have no project: their titles are nowhere.
		const others = await q("SELECT status, title_sv FROM applications WHERE status IN ('draft', 'rejected', 'withdrawn', 'submitted') " +
			"AND title_sv IS NOT NULL AND title_sv <> '' GROUP BY status");
		assert.ok(others.length >= 3);
		for (const [status, t] of others) {
			const res = await anon(`/partnerships?q=${encodeURIComponent(t)}`);
			assert.deepEqual(codesOn(res.text), [], `a ${status} application is not listed`);
		}
	});

	test('read-only: HEAD answers, POST is not a method of the register', async () => {
		const code = (await codesSql())[0];
		const head = await stack.get(`/partnerships/${code}`, { method: 'HEAD' });
		assert.equal(head.status, 200);
		assert.equal(head.body.length, 0);
		const post = await stack.request('/partnerships', { method: 'POST', body: { q: 'x' } });
		assert.equal(post.status, 405);
	});
});

describe('the language switch without a cookie', () => {
	test('a GET form that sets only the language cookie and comes back to the same page', async () => {
		const page = (await anon('/partnerships?country=KE')).text;
		const form = parseForms(page)[0];
		assert.equal(form.action, '/language');
		assert.equal(form.fields.back, '/partnerships?country=KE');
		const res = await stack.get(`/language?${new URLSearchParams({ back: form.fields.back, lang: 'en' })}`);
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, '/partnerships?country=KE');
		assert.deepEqual(res.headers['set-cookie'].map((c) => c.split(';')[0]), ['kpp_lang=en']);
		const en = await stack.get('/partnerships?country=KE', { headers: { Cookie: 'kpp_lang=en' } });
		assert.match(en.text, /<html lang="en">/);
		assert.match(en.text, /<h1>Partnerships<\/h1>/);
		// Never off the site, and only the two languages.
		assert.equal((await stack.get('/language?lang=sv&back=https://evil.example/')).headers.location, '/partnerships');
		assert.equal((await stack.get('/language?lang=sv&back=//evil.example/')).headers.location, '/partnerships');
		assert.equal((await stack.get('/language?lang=de&back=/partnerships')).status, 400);
		// A signed-in person's language stays their account's.
		const before = await one("SELECT lang FROM users WHERE email = 'sida@sida.example'");
		await sida.get('/language?lang=en&back=/');
		assert.equal(await one("SELECT lang FROM users WHERE email = 'sida@sida.example'"), before);
	});

	test('the sign-in page, the footer and the start pages link to the register', async () => {
		const login = (await stack.get('/login')).text;
		assert.equal((login.match(/<a href="\/partnerships">/g) || []).length, 2, 'in the page and in the footer');
		for (const s of [admin, sida, applicant]) {
			const home = (await s.get('/')).text;
			const main = home.slice(home.indexOf('<main'), home.indexOf('</main>'));
			assert.match(main, /<a href="\/partnerships">Partnerskap: det offentliga registret<\/a>/);
		}
	});
});

describe('withholding a project', () => {
	let code, pid, title;
	before(async () => {
		[[code, pid, title]] = await q(`SELECT p.code, p.id, a.title_sv ${PUBLISHED} AND a.applicant_org_id = ` +
			"(SELECT org_id FROM users WHERE email = 'borlange@kommun.example') ORDER BY p.code DESC LIMIT 1");
	});
	const state = async () => (await q(`SELECT withheld, withheld_reason, version FROM projects WHERE id = ${pid}`))[0];
	const audits = async (action) => Number(await one(`SELECT COUNT(*) FROM audit_log WHERE entity = 'project' AND entity_id = ${pid} AND action = '${action}'`));
	const withholdForm = async (s = admin) => (await s.form(`/projects/${code}`, (f) => f.action === `/projects/${code}/withhold`)).form;

	test('the project page says it is published and links to its public page', async () => {
		for (const s of [admin, sida, applicant]) {
			const page = (await s.get(`/projects/${code}`)).text;
			assert.match(page, /<strong class="tag tag-published">Publicerat<\/strong>/);
			assert.ok(page.includes(`<a href="/partnerships/${code}">`));
		}
		assert.ok((await withholdForm()).fields.version);
		for (const s of [sida, applicant])
			assert.ok(!parseForms((await s.get(`/projects/${code}`)).text).some((f) => f.action.endsWith('/withhold')), 'only ICLD may withhold');
	});

	test('a reason is required; a stale version is refused with the reason kept; nothing changes', async () => {
		const before = await state();
		let res = await admin.post(`/projects/${code}/withhold`, { ...(await withholdForm()).fields, withheld_reason: '  ' });
		assert.equal(res.status, 200);
		assert.match(res.text, /<title>Fel: /);
		assert.match(res.text, /<a href="#withheld_reason">Skriv varför projektet inte ska publiceras<\/a>/);
		assert.match(res.text, /id="withheld_reason-error"/);
		const form = await withholdForm();
		res = await admin.post(`/projects/${code}/withhold`, { ...form.fields, version: String(Number(form.fields.version) + 7), withheld_reason: 'Kept <reason>' });
		assert.equal(res.status, 409);
		assert.match(res.text, /Någon annan ändrade projektet/);
		assert.ok(res.text.includes('Kept &lt;reason&gt;</textarea>'), 'the reason as typed');
		res = await admin.post(`/projects/${code}/withhold`, { csrf: form.fields.csrf, withheld_reason: 'no version' });
		assert.equal(res.status, 400);
		assert.deepEqual(await state(), before);
		assert.equal(await audits('project.withhold'), 0);
	});

	test('applicants and Sida cannot withhold or publish (404 and 403/404), changing nothing', async () => {
		const before = await state();
		const csrfOfSession = async (s) => parseForms((await s.get('/')).text)[0].fields.csrf;
		for (const path of ['withhold', 'publish']) {
			const body = { csrf: await csrfOfSession(applicant), version: before[2], withheld_reason: 'x' };
			assert.equal((await applicant.post(`/projects/${code}/${path}`, body)).status, 404);
			const r = await sida.post(`/projects/${code}/${path}`, { ...body, csrf: await csrfOfSession(sida) });
			assert.ok([403, 404].includes(r.status), `Sida: ${r.status}`);
			assert.equal((await stack.request(`/projects/${code}/${path}`, { method: 'POST', body })).status, 403, 'anonymous');
		}
		assert.deepEqual(await state(), before);
	});

	test('withheld with its reason: gone from the public list and page at once, its state on the project page', async () => {
		const [, , v0] = await state();
		assert.equal((await anon(`/partnerships/${code}`)).status, 200, 'published before');
		const form = await withholdForm();
		const reason = 'Partnern har bett oss vänta med publiceringen <tills vidare>.';
		const res = await admin.post(`/projects/${code}/withhold`, { ...form.fields, withheld_reason: reason });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/projects/${code}#publication`);
		assert.deepEqual(await state(), ['1', reason, String(Number(v0) + 1)]);
		assert.equal(await audits('project.withhold'), 1);
		const [[b, a]] = await q(`SELECT before_json, after_json FROM audit_log WHERE entity = 'project' AND entity_id = ${pid} AND action = 'project.withhold'`);
		assert.deepEqual(JSON.parse(b), { withheld: false, withheld_reason: null });
		assert.deepEqual(JSON.parse(a), { withheld: true, withheld_reason: reason });
		// The same form sent again is done already.
		assert.equal((await admin.post(`/projects/${code}/withhold`, { ...form.fields, withheld_reason: reason })).status, 303);
		assert.equal(await audits('project.withhold'), 1);

		for (const lang of ['sv', 'en']) {
			assert.equal((await anon(`/partnerships/${code}`, lang)).status, 404);
			assert.ok(!(await walk('/partnerships', lang)).codes.includes(code), `not listed (${lang})`);
			assert.deepEqual(codesOn((await anon(`/partnerships?q=${encodeURIComponent(title)}`, lang)).text), []);
		}
		assert.equal((await admin.get(`/partnerships/${code}`)).status, 404, 'for ICLD too: the register is the public\'s');

		const adminPage = (await admin.get(`/projects/${code}`)).text;
		assert.match(adminPage, /<strong class="tag tag-withheld">Undantaget från publicering<\/strong>/);
		assert.ok(adminPage.includes('tills vidare&gt;.'), 'ICLD reads why');
		assert.ok((await sida.get(`/projects/${code}`)).text.includes('tills vidare&gt;.'), 'Sida reads why');
		const own = (await applicant.get(`/projects/${code}`)).text;
		assert.match(own, /tag-withheld/, 'the applicant sees it is withheld');
		assert.ok(!own.includes('tills vidare'), 'but not ICLD\'s note');
	});

	test('published again: a stale version refused, then back on the register', async () => {
		const [, , v] = await state();
		const { form } = await admin.form(`/projects/${code}`, (f) => f.action === `/projects/${code}/publish`);
		let res = await admin.post(form.action, { ...form.fields, version: String(Number(v) + 7) });
		assert.equal(res.status, 409);
		assert.match(res.text, /<a href="#publish">/);
		assert.match(res.text, /id="publish-error"/);
		assert.equal((await state())[0], '1');
		res = await admin.post(form.action, form.fields);
		assert.equal(res.status, 303);
		assert.deepEqual(await state(), ['0', null, String(Number(v) + 1)]);
		assert.equal(await audits('project.publish'), 1);
		assert.equal((await anon(`/partnerships/${code}`)).status, 200);
		assert.ok((await walk('/partnerships')).codes.includes(code));
		const audit = (await admin.get(`/audit?entity=project&record=${pid}`)).text;
		assert.match(audit, /Projektet undantaget från publicering/);
		assert.match(audit, /Projektet publicerat igen/);
	});
});

describe('nginx', () => {
	test('the register is rate-limited per address: a burst over the limit answers 429, other pages do not', async () => {
		const limited = await startStack({ workers: 1, publicRate: PRODUCTION_PUBLIC_RATE, name: 'public-rate' });
		try {
			const code = await limited.one(`SELECT p.code ${PUBLISHED} ORDER BY p.code LIMIT 1`);
			const n = PRODUCTION_PUBLIC_RATE.burst + 40;
			// The list and a project's page, half each, at once: one limit for the whole register.
			const paths = Array.from({ length: n }, (_, i) => (i % 2 ? `/partnerships/${code}` : '/partnerships?country=KE'));
			const all = await Promise.all(paths.map((p) => limited.get(p)));
			const counts = all.reduce((m, r) => ({ ...m, [r.status]: (m[r.status] || 0) + 1 }), {});
			assert.ok(counts[429] >= 30, `429s: ${JSON.stringify(counts)}`);
			assert.ok(counts[200] >= PRODUCTION_PUBLIC_RATE.burst, `the burst is served: ${JSON.stringify(counts)}`);
			assert.equal(Object.keys(counts).length, 2, JSON.stringify(counts));
			assert.ok(all.some((r, i) => i % 2 && r.status === 429) && all.some((r, i) => !(i % 2) && r.status === 429),
				'both kinds of page are refused');
			const refused = all.find((r) => r.status === 429);
			assert.equal(refused.headers['retry-after'], '1');
			assert.match(refused.text, /För många förfrågningar/);
			assert.match(refused.text, /Too many requests/);
			assert.equal((await limited.get('/login')).status, 200, 'the rest of the site is not limited');
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await limited.get('/partnerships')).status, 200, 'and the limit lets up');
			// nginx's own pages hold on the register too: no worker is its 503 page.
			await limited.stopWorkers();
			const down = await limited.get('/partnerships');
			assert.equal(down.status, 503);
			assert.match(down.text, /Tjänsten är tillfälligt otillgänglig/);
		} finally {
			await limited.stop();
		}
	});
});

describe('nothing private on a public page', () => {
	test('a crawl of every public page, in both languages, never shows a string planted in a private field', { timeout: 300000 }, async () => {
		const tag = crypto.randomBytes(4).toString('hex');
		const planted = [];
		const plant = (field) => { const s = `LEAK${tag}${field.replace(/[^A-Za-z]/g, '')}${planted.length}`; planted.push(s); return s; };
		const lit = (field) => sqlText(plant(field));
		// The project: published, with reviews, a decision, approved and other reports, payments and a team.
		const [[code, pid, app]] = await q(`SELECT p.code, p.id, a.id ${PUBLISHED} ` +
			'AND EXISTS (SELECT 1 FROM disbursements d WHERE d.project_id = p.id) ' +
			"AND EXISTS (SELECT 1 FROM reports r WHERE r.project_id = p.id AND r.status = 'approved') " +
			"AND EXISTS (SELECT 1 FROM reports r WHERE r.project_id = p.id AND r.status <> 'approved') " +
			'AND EXISTS (SELECT 1 FROM team_members t WHERE t.application_id = a.id) ORDER BY p.code LIMIT 1');
		const control = `CONTROL${tag}`;
		await q(`UPDATE applications SET overall_objective = ${sqlText(control)} WHERE id = ${app}`);
		for (const col of ['background', 'target_groups', 'citizen_dialogue_text', 'vulnerable_groups_text', 'gender_text',
			'contact_name', 'contact_phone', 'other_costs'])
			await q(`UPDATE applications SET ${col} = ${lit(col)} WHERE id = ${app}`);
		await q(`UPDATE applications SET contact_email = ${sqlText(`${plant('email')}@kommun.example`)} WHERE id = ${app}`);
		for (const [id] of await q(`SELECT id FROM team_members WHERE application_id = ${app}`))
			await q(`UPDATE team_members SET name = ${lit('team')}, position = ${lit('position')} WHERE id = ${id}`);
		const [[reviewer]] = await q("SELECT id FROM users WHERE email = 'reviewer@icld.example'");
		await q(`INSERT IGNORE INTO reviews (application_id, reviewer_id) VALUES (${app}, ${reviewer})`);
		for (const [id] of await q(`SELECT id FROM reviews WHERE application_id = ${app}`)) {
			for (const col of ['comment_relevance', 'comment_feasibility', 'comment_ownership', 'comment_gender', 'comment_budget', 'summary'])
				await q(`UPDATE reviews SET ${col} = ${lit(col)} WHERE id = ${id}`);
		}
		await q(`UPDATE decisions SET reason_sv = ${lit('reason')}, reason_en = ${lit('reasonen')}, conditions_sv = ${lit('conditions')},
			conditions_en = ${lit('conditionsen')} WHERE application_id = ${app}`);
		await q(`UPDATE projects SET cancelled_reason = ${lit('cancelled')} WHERE id = ${pid}`);
		for (const [rid] of await q(`SELECT id FROM reports WHERE project_id = ${pid}`)) {
			for (const col of ['activities', 'results', 'deviations', 'lessons', 'participation', 'admin_comment'])
				await q(`UPDATE reports SET ${col} = ${lit(col)} WHERE id = ${rid}`);
			for (const col of ['activities', 'results', 'deviations', 'lessons', 'participation', 'admin_comment'])
				await q(`UPDATE report_revisions SET ${col} = ${lit(`rev${col}`)} WHERE report_id = ${rid}`);
			await q(`UPDATE report_financial_lines SET variance_explanation = ${lit('variance')} WHERE report_id = ${rid}`);
			// Words beside a number are the report's comment on it; a number of a report not approved is not published.
			await q(`UPDATE indicator_values iv JOIN indicators i ON i.id = iv.indicator_id SET iv.actual_text = ${lit('comment')} ` +
				`WHERE iv.report_id = ${rid} AND i.measure <> 'qualitative'`);
			await q(`UPDATE indicator_values iv JOIN reports r ON r.id = iv.report_id SET iv.actual_text = ${lit('unapproved')}, ` +
				`iv.actual_value = 987654.25 WHERE iv.report_id = ${rid} AND r.status <> 'approved'`);
			await q(`INSERT INTO attachments (report_id, sha256, filename, mime, size, uploaded_by) VALUES (${rid}, ` +
				`SHA2(${sqlText(`${tag}${rid}`)}, 256), ${sqlText(`${plant('file')}.pdf`)}, 'application/pdf', 1, ${reviewer})`);
		}
		await q(`UPDATE disbursements SET note = ${lit('note')} WHERE project_id = ${pid}`);
		await q(`UPDATE incoming_funds SET note = ${lit('fundsnote')} WHERE project_id = ${pid}`);
		await q(`INSERT INTO audit_log (user_id, action, entity, entity_id, after_json) VALUES (${reviewer}, 'project.cancel', 'project', ${pid}, ` +
			`JSON_OBJECT('cancelled_reason', ${lit('audit')}))`);
		// Every person's name: officers, Sida, the applicants.
		for (const [id] of await q('SELECT id FROM users')) await q(`UPDATE users SET name = ${lit('person')} WHERE id = ${id}`);
		// A second project, withheld: nothing of it, not even its titles, and not why.
		const [[wcode, wapp]] = await q(`SELECT p.code, a.id ${PUBLISHED} AND p.id <> ${pid} ORDER BY p.code DESC LIMIT 1`);
		await q(`UPDATE applications SET title_sv = ${lit('wtitlesv')}, title_en = ${lit('wtitleen')}, summary_sv = ${lit('wsummary')}, ` +
			`summary_en = ${lit('wsummaryen')}, title_local = ${lit('wlocal')}, summary_local = ${lit('wsummarylocal')} WHERE id = ${wapp}`);
		await q(`UPDATE projects SET withheld = 1, withheld_reason = ${lit('withheld')} WHERE code = '${wcode}'`);
		// Applications that never became projects.
		for (const status of ['draft', 'submitted', 'under_review', 'rejected', 'withdrawn'])
			await q(`UPDATE applications SET title_sv = ${lit(`t${status}`)}, title_en = ${lit(`te${status}`)}, ` +
				`summary_local = ${lit(`tl${status}`)} WHERE id = ` +
				`(SELECT id FROM (SELECT id FROM applications WHERE status = '${status}' ORDER BY id LIMIT 1) x)`);
		const [[landed]] = await q(`SELECT (SELECT COUNT(*) FROM reviews WHERE application_id = ${app} AND summary LIKE 'LEAK${tag}%') > 0 ` +
			`AND (SELECT COUNT(*) FROM report_revisions rr JOIN reports r ON r.id = rr.report_id WHERE r.project_id = ${pid} AND rr.lessons LIKE 'LEAK${tag}%') > 0 ` +
			`AND (SELECT COUNT(*) FROM indicator_values iv JOIN reports r ON r.id = iv.report_id WHERE r.project_id = ${pid} AND iv.actual_text LIKE 'LEAK${tag}%') > 0`);
		assert.equal(landed, '1', 'the strings are planted in reviews, revisions and indicator values');
		// The admin's pages do show what was planted (the test can see a leak when there is one).
		assert.ok((await admin.get(`/applications/${app}`)).text.includes(planted[0]), 'the application page shows the background');

		// The crawl: every list view a link or a choice of the register leads to, every page of each, every project.
		const seen = new Map();
		const fetchPage = async (path, lang) => {
			const key = `${lang} ${path}`;
			if (seen.has(key)) return seen.get(key);
			const res = await anon(path, lang);
			seen.set(key, res);
			return res;
		};
		const projects = new Set();
		for (const lang of ['sv', 'en']) {
			const start = await fetchPage('/partnerships', lang);
			const lists = new Set(['/partnerships']);
			for (const f of parseForms(start.text).filter((x) => x.action === '/partnerships'))
				for (const input of f.inputs.filter((i) => i.type === 'select'))
					for (const v of input.options.filter((o) => o !== '')) lists.add(`/partnerships?${input.name}=${encodeURIComponent(v)}`);
			for (const m of start.text.matchAll(/<a href="(\/partnerships\?[^"]*)"/g)) lists.add(htmlDecode(m[1]));
			for (const term of ['Kisumu', 'kommun', 'county', '2016']) lists.add(`/partnerships?q=${term}`);
			assert.ok(lists.size > 60, `${lists.size} list views`);
			for (const l of lists) {
				for (let p = l; p; ) {
					const res = await fetchPage(p, lang);
					assert.equal(res.status, 200, `${lang} ${p}`);
					for (const c of codesOn(res.text)) projects.add(c);
					p = nextOf(res.text);
				}
			}
			for (const c of projects) assert.equal((await fetchPage(`/partnerships/${c}`, lang)).status, 200);
			assert.equal((await fetchPage(`/partnerships/${wcode}`, lang)).status, 404);
		}
		assert.ok(projects.has(code), 'the planted project is on the register');
		assert.ok(!projects.has(wcode), 'the withheld one is not');
		assert.ok(seen.get(`sv /partnerships/${code}`).text.includes(control), 'its page shows its published fields');
		assert.ok(seen.size > 300, `${seen.size} pages crawled`);
		const leaks = [];
		for (const [key, res] of seen) {
			const text = htmlDecode(res.text);
			for (const s of planted) if (text.includes(s)) leaks.push(`${key}: ${s}`);
			if (/987654/.test(text)) leaks.push(`${key}: an indicator value not approved`);
			for (const m of text.matchAll(/[A-Za-z0-9._-]+@(icld|sida|kommun)\.example/g)) leaks.push(`${key}: ${m[0]}`);
			if (text.replaceAll(control, '').includes(tag)) leaks.push(`${key}: the tag ${tag}`);
		}
		assert.deepEqual(leaks, []);
	});
});
