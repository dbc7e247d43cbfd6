// application_view.test.mjs - an application read-only (GET /applications/{id}): every section as stored, who may
// see it, a draft's gaps, escaping of what people type, and one statement per page, against the real nginx, workers
// and MariaDB with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, htmlDecode, kr, sek, textOf, escapeRe, sqlText } from './harness.mjs';

const BORLANGE = 'Borlänge kommun';
const CATEGORIES_SV = ['Resor', 'Logi', 'Möten och workshoppar', 'Konsulter', 'Översättning', 'Övrigt'];
const CATEGORY_CODES = ['travel', 'accommodation', 'meetings', 'consultants', 'translation', 'other'];

let stack, q, one;

before(async () => {
	// One worker: its result cache is then the only one, so the statement count below is exact.
	({ stack, q, one } = await openStack({ workers: 1 }));
});

after(() => stack?.stop());

/** The <dd> of the summary-list row labelled dt (first match), as HTML. */
function answer(html, dt) {
	const m = html.match(new RegExp(`<dt>${escapeRe(dt)}</dt><dd[^>]*>([\\s\\S]*?)</dd>`));
	return m ? m[1] : null;
}

/** The budget table: {years, rows: {label: [cells]}, rowTotals, totals, grand}; a cell is its text. */
function budgetTable(html, caption) {
	const start = html.indexOf(`<caption>${caption}</caption>`);
	assert.ok(start > 0, `a table with the caption "${caption}"`);
	const table = html.slice(start, html.indexOf('</table>', start));
	const head = table.slice(table.indexOf('<thead>'), table.indexOf('</thead>'));
	assert.match(head, /<th scope="col"/, 'column headers have scope="col"');
	const years = [...head.matchAll(/<th scope="col" class="num">([^<]*)<\/th>/g)].map((m) => textOf(m[1]));
	const rowsOf = (part) => [...part.matchAll(/<tr><th scope="row">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => ({
		label: textOf(m[1]), cells: [...m[2].matchAll(/<td class="num">([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1])),
	}));
	const body = rowsOf(table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>')));
	const [foot] = rowsOf(table.slice(table.indexOf('<tfoot>'), table.indexOf('</tfoot>')));
	return { years, body, foot };
}

const amountOf = (cell) => Number(cell.replace(/[^0-9]/g, ''));

async function borlangeApp(where) {
	return one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
		WHERE o.name = '${BORLANGE}' AND ${where} ORDER BY a.id LIMIT 1`);
}

describe('the applicant reads their submitted application', () => {
	let id;
	let page;

	before(async () => {
		id = await borlangeApp("a.status = 'submitted'");
		assert.ok(id, 'Borlänge has a submitted application in the demo data');
		const s = await stack.login('borlange@kommun.example');
		const res = await s.get(`/applications/${id}`);
		assert.equal(res.status, 200);
		page = res.text;
	});

	test('every section is there, in the order of the task list', () => {
		const order = ['partners', 'project', 'results', 'team', 'budget', 'contact'].map((s) => page.indexOf(`<h2 id="${s}">`));
		assert.ok(order.every((i) => i > 0), `all six sections: ${order}`);
		assert.deepEqual([...order].sort((a, b) => a - b), order);
		assert.match(page, /<h2 id="partners">Partner och land<\/h2>/);
		assert.match(page, /<h2 id="results">Resultatram<\/h2>/);
		assert.match(page, /<strong class="tag tag-submitted">Inskickad<\/strong>/);
	});

	test('the title, the partner, the country and the applicant', async () => {
		const [[title, partner, country, submitted]] = await q(`SELECT a.title_sv, po.name, c.name_sv,
			DATE_FORMAT(a.submitted_at, '%Y-%m-%d') FROM applications a
			JOIN application_partners ap ON ap.application_id = a.id AND ap.position = 1
			JOIN organisations po ON po.id = ap.org_id JOIN countries c ON c.code = a.country_code WHERE a.id = ${id}`);
		assert.equal(textOf(page.match(/<h1>([\s\S]*?)<\/h1>/)[1]), title);
		assert.ok(textOf(answer(page, 'Partnerorganisation')).includes(partner), `partner ${partner}`);
		assert.equal(textOf(answer(page, 'Land')), country);
		assert.equal(textOf(answer(page, 'Sökande')), BORLANGE);
		assert.equal(textOf(answer(page, 'Inskickad')), submitted);
	});

	test('the project: summaries, theme, principles and goals', async () => {
		const [[summary, theme, goal]] = await q(`SELECT a.summary_en, t.name_sv,
			(SELECT s.name_sv FROM application_sdgs g JOIN sdgs s ON s.goal = g.goal WHERE g.application_id = a.id ORDER BY g.goal LIMIT 1)
			FROM applications a JOIN thematic_areas t ON t.id = a.thematic_area_id WHERE a.id = ${id}`);
		assert.equal(textOf(answer(page, 'Sammanfattning på engelska')), summary);
		assert.match(answer(page, 'Sammanfattning på engelska'), /<span lang="en">/, 'the English text is marked as English');
		assert.equal(textOf(answer(page, 'Tematiskt område')), theme);
		assert.ok(textOf(answer(page, 'Globala målen för hållbar utveckling')).includes(goal));
		assert.ok(textOf(answer(page, 'Den lokala demokratins principer')).length > 0);
	});

	test('the results framework: objectives, expected results and indicators in order', async () => {
		const objectives = (await q(`SELECT description FROM objectives WHERE application_id = ${id} ORDER BY position, id`)).map((r) => r[0]);
		const [[indicator, baseline, target, unit]] = await q(`SELECT i.name, COALESCE(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM i.baseline_value)), i.baseline_text),
			COALESCE(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM i.target_value)), i.target_text), i.unit
			FROM indicators i JOIN expected_results er ON er.id = i.result_id JOIN objectives ob ON ob.id = er.objective_id
			WHERE ob.application_id = ${id} ORDER BY ob.position, ob.id, er.position, er.id, i.position, i.id LIMIT 1`);
		assert.ok(objectives.length > 0);
		let at = page.indexOf('<h2 id="results">');
		objectives.forEach((o, k) => {
			const h = page.indexOf(`<h3>Projektmål ${k + 1}</h3>`, at);
			assert.ok(h > at, `objective ${k + 1} after the one before`);
			assert.ok(page.indexOf(htmlEscape(o), h) > h, `objective ${k + 1}'s text`);
			at = h;
		});
		const row = page.match(/<tr><th scope="row" class="prose">([\s\S]*?)<\/th><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><\/tr>/);
		assert.ok(row, 'an indicator row');
		assert.deepEqual(row.slice(1).map(textOf), [indicator, baseline, target, unit ?? '']);
		assert.match(page, /<th scope="col">Utgångsvärde<\/th><th scope="col">Målvärde<\/th><th scope="col">Enhet<\/th>/);
	});

	test('the team, a table per side with each member\'s role', async () => {
		const members = await q(`SELECT name, role FROM team_members WHERE application_id = ${id} ORDER BY side, id`);
		assert.ok(members.length > 0);
		const roles = { politician_majority: 'Politiker (majoritet)', politician_opposition: 'Politiker (opposition)', civil_servant: 'Tjänsteperson', other: 'Övrigt' };
		for (const [name, role] of members)
			assert.match(page, new RegExp(`<tr><th scope="row">${htmlEscape(name)}</th><td>${roles[role].replace(/[()]/g, '\\$&')}</td>`), `${name} as ${role}`);
		assert.match(page, new RegExp(`<caption>${BORLANGE} <span class="hint">\\(Svenska sidan\\)</span></caption>`));
	});

	test('the contact person', async () => {
		const [[name, email, phone]] = await q(`SELECT contact_name, contact_email, contact_phone FROM applications WHERE id = ${id}`);
		assert.equal(textOf(answer(page, 'Namn')), name);
		assert.equal(textOf(answer(page, 'E-postadress')), email);
		assert.equal(textOf(answer(page, 'Telefon')), phone);
	});

	test('a complete application has no gaps', () => {
		assert.doesNotMatch(page, /Inte besvarat/);
		assert.doesNotMatch(page, /Inte klart|class="tag tag-completed"/, 'section states are for drafts');
	});

	test('the page says how to print it, outside the print', () => {
		assert.match(page, /<p class="hint no-print">Använd webbläsarens utskriftskommando \(Ctrl\+P\): sidan skrivs ut på A4\.<\/p>/);
		assert.match(page, /<link rel="stylesheet" href="\/static\/print.css" media="print">/);
	});
});

describe('the budget table', () => {
	test('every Borlänge application: a cell per year and category, totals per year equal the sum of the categories', async () => {
		const s = await stack.login('borlange@kommun.example');
		const apps = await q(`SELECT a.id, a.status, COALESCE(a.duration_years, 0) FROM applications a
			JOIN organisations o ON o.id = a.applicant_org_id WHERE o.name = '${BORLANGE}' ORDER BY a.id`);
		assert.ok(apps.length >= 5);
		let multiYear = 0;
		for (const [id, status, years] of apps) {
			const page = (await s.get(`/applications/${id}`)).text;
			const lines = await q(`SELECT year, category, amount FROM application_budget_lines WHERE application_id = ${id}`);
			const applied = new Map((await q(`SELECT year, amount FROM application_years WHERE application_id = ${id}`)).map(([y, a]) => [Number(y), Number(a)]));
			const t = budgetTable(page, 'Budget per projektår och kostnadsslag');
			const n = Math.max(Number(years), ...lines.map((l) => Number(l[0])));
			assert.deepEqual(t.years, [...Array.from({ length: n }, (_, k) => `År ${k + 1}`), 'Totalt'], `application ${id}: a column per project year`);
			assert.deepEqual(t.body.map((r) => r.label), CATEGORIES_SV, `application ${id}: a row per cost category`);
			if (n > 1) multiYear++;
			const sums = Array(n).fill(0);
			CATEGORY_CODES.forEach((code, c) => {
				let rowSum = 0;
				for (let y = 1; y <= n; y++) {
					const line = lines.find((l) => Number(l[0]) === y && l[1] === code);
					const cell = t.body[c].cells[y - 1];
					if (line) {
						assert.equal(cell, kr(Number(line[2])), `application ${id} year ${y} ${code}`);
						sums[y - 1] += Number(line[2]);
						rowSum += Number(line[2]);
					} else {
						// An empty cell is no amount, not a question left unanswered.
						assert.equal(cell, '–Inget belopp', `application ${id} year ${y} ${code} has no line`);
					}
				}
				if (lines.some((l) => l[1] === code)) assert.equal(t.body[c].cells[n], kr(rowSum), `application ${id}: total of ${code}`);
			});
			for (let y = 1; y <= n; y++) {
				const cell = t.foot.cells[y - 1];
				const costed = lines.some((l) => Number(l[0]) === y);
				if (!costed) continue;
				assert.equal(cell, kr(sums[y - 1]), `application ${id}: the year ${y} total is the sum of its categories`);
				assert.equal(amountOf(cell), t.body.reduce((acc, r) => acc + (r.cells[y - 1].includes('kr') ? amountOf(r.cells[y - 1]) : 0), 0));
				if (status !== 'draft') assert.equal(amountOf(cell), applied.get(y), `application ${id}: the categories add up to the amount applied for`);
			}
			assert.equal(t.foot.cells[n], kr(sums.reduce((a, b) => a + b, 0)), `application ${id}: the grand total`);
		}
		assert.ok(multiYear > 0, 'some application runs over several years');
	});
});

describe('who may read it', () => {
	let id;

	before(async () => {
		id = await borlangeApp("a.status = 'submitted'");
	});

	test('ICLD reads the same application, also in English', async () => {
		const s = await stack.login('admin@icld.example');
		const [[title, titleEn, partner, amount]] = await q(`SELECT a.title_sv, a.title_en, po.name,
			(SELECT amount FROM application_budget_lines WHERE application_id = a.id ORDER BY year, category LIMIT 1)
			FROM applications a JOIN application_partners ap ON ap.application_id = a.id AND ap.position = 1
			JOIN organisations po ON po.id = ap.org_id WHERE a.id = ${id}`);
		const sv = await s.get(`/applications/${id}`);
		assert.equal(sv.status, 200);
		assert.equal(textOf(sv.text.match(/<h1>([\s\S]*?)<\/h1>/)[1]), title);
		assert.ok(textOf(answer(sv.text, 'Partnerorganisation')).includes(partner));
		assert.ok(sv.text.includes(kr(Number(amount))));
		await s.submit(`/applications/${id}`, { lang: 'en' }, { form: (f) => f.action === '/language' });
		const en = await s.get(`/applications/${id}`);
		assert.equal(en.status, 200);
		assert.match(en.text, /<html lang="en">/);
		assert.equal(textOf(en.text.match(/<h1>([\s\S]*?)<\/h1>/)[1]), titleEn);
		assert.match(en.text, /<h2 id="partners">Partners and country<\/h2>/);
		assert.ok(en.text.includes(sek(Number(amount))), 'amounts the English way');
		assert.match(en.text, /<caption>Budget per project year and cost category<\/caption>/);
		assert.match(en.text, /Use your browser&#39;s print command \(Ctrl\+P\): the page prints on A4\./);
		await s.submit(`/applications/${id}`, { lang: 'sv' }, { form: (f) => f.action === '/language' });
	});

	test('an applicant of another organisation gets 404, as for an id that does not exist', async () => {
		const email = await one(`SELECT u.email FROM users u JOIN organisations o ON o.id = u.org_id
			WHERE u.role = 'applicant' AND o.name <> '${BORLANGE}' ORDER BY u.id LIMIT 1`);
		const s = await stack.login(email);
		const theirs = await s.get(`/applications/${id}`);
		assert.equal(theirs.status, 404);
		assert.doesNotMatch(theirs.text, new RegExp(htmlEscape(await one(`SELECT title_sv FROM applications WHERE id = ${id}`))));
		assert.equal((await s.get('/applications/99999999')).status, 404);
		assert.equal((await s.get('/applications/0')).status, 404);
		assert.equal((await s.get(`/applications/${id}x`)).status, 404);
	});

	test('a rejected application gives ICLD\'s reason; an approved one links to its project', async () => {
		const s = await stack.login('borlange@kommun.example');
		const rejected = await borlangeApp("a.status = 'rejected'");
		const [[reason, decided]] = await q(`SELECT reason_sv, DATE_FORMAT(decided_at, '%Y-%m-%d') FROM decisions WHERE application_id = ${rejected}`);
		const no = (await s.get(`/applications/${rejected}`)).text;
		assert.match(no, /<strong class="tag tag-rejected">Avslagen<\/strong>/);
		assert.equal(textOf(answer(no, 'Beslut')), `Avslagen, ${decided}`);
		assert.equal(htmlDecode(answer(no, 'Skäl för beslutet')), reason);
		const approved = await borlangeApp("a.status = 'approved'");
		const code = await one(`SELECT code FROM projects WHERE application_id = ${approved}`);
		const yes = (await s.get(`/applications/${approved}`)).text;
		assert.equal(answer(yes, 'Projekt'), `<a href="/projects/${code}">${code}</a>`);
		assert.equal(answer(yes, 'Skäl för beslutet'), null, 'the reason is shown for a rejection');
		for (const [id, page] of [[rejected, no], [approved, yes]]) {
			for (const [text] of await q(`SELECT comment_relevance FROM reviews WHERE application_id = ${id} AND comment_relevance IS NOT NULL`))
				assert.ok(!htmlDecode(page).includes(text), `application ${id}: reviews are never shown`);
		}
	});

	test('Sida gets 404', async () => {
		const s = await stack.login('sida@sida.example');
		assert.equal((await s.get(`/applications/${id}`)).status, 404);
	});

	test('a stranger is sent to sign in', async () => {
		const res = await stack.get(`/applications/${id}`);
		assert.ok([302, 303].includes(res.status), `status ${res.status}`);
		assert.match(res.headers.location, /^\/login/);
	});
});

describe('a draft', () => {
	let id;
	let s;

	before(async () => {
		// The demo's drafts have done their first sections only.
		id = await borlangeApp("a.status = 'draft' AND a.done_results = 0");
		assert.ok(id, 'Borlänge has a draft with sections left to do');
		s = await stack.login('borlange@kommun.example');
	});

	test('shows "Inte besvarat" where an answer is missing, and which sections are done', async () => {
		const [[summaryEn, overall, contact]] = await q(`SELECT summary_en, overall_objective, contact_name FROM applications WHERE id = ${id}`);
		assert.equal(summaryEn, null, 'the demo draft has no English summary yet');
		const res = await s.get(`/applications/${id}`);
		assert.equal(res.status, 200);
		const page = res.text;
		assert.match(page, /<strong class="tag tag-draft">Utkast<\/strong>/);
		assert.equal(answer(page, 'Sammanfattning på engelska'), '<span class="hint">Inte besvarat</span>');
		if (overall === null) assert.equal(answer(page, 'Övergripande mål'), '<span class="hint">Inte besvarat</span>');
		if (contact === null) assert.equal(answer(page, 'Namn'), '<span class="hint">Inte besvarat</span>');
		assert.match(page, /<strong class="tag tag-in_progress">Inte klart<\/strong>/, 'a section not done');
		assert.match(page, /<strong class="tag tag-completed">Klart<\/strong>/, 'a section done');
		// The task list's states: partners done, results not.
		const state = (sec) => page.slice(page.indexOf(`<h2 id="${sec}">`)).match(/<strong class="tag tag-(\w+)">/)[1];
		assert.equal(state('partners'), 'completed');
		assert.equal(state('results'), 'in_progress');
	});

	test('text with HTML, SQL, CJK and Cyrillic comes back escaped and exact, line breaks kept', async () => {
		const nasty = '<script>alert(1)</script> 巴士 Ђорђе \\\'; DROP TABLE x;--\nSecond line & "quotes" <b>bold</b>';
		await q(`UPDATE applications SET background = ${sqlText(nasty)} WHERE id = ${id}`);
		assert.equal(await one(`SELECT background FROM applications WHERE id = ${id}`), nasty, 'stored as typed');
		const page = (await s.get(`/applications/${id}`)).text;
		assert.doesNotMatch(page, /<script>alert/);
		assert.doesNotMatch(page, /<b>bold<\/b>/);
		const dd = answer(page, 'Bakgrund och problem');
		assert.ok(dd, 'the background row');
		assert.ok(dd.includes('&lt;script&gt;alert(1)&lt;/script&gt; 巴士 Ђорђе \\&#39;; DROP TABLE x;--\nSecond line &amp; &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt;'), dd);
		assert.equal(htmlDecode(dd), nasty);
		assert.match(page, /<dt>Bakgrund och problem<\/dt><dd class="prose">/, 'line breaks kept by white-space: pre-line');
		assert.equal(await one("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'kpp' AND table_name = 'applications'"), '1');
	});
});

describe('cost', () => {
	test('the page is one SQL statement, and none on a warm cache', async () => {
		const s = await stack.login('admin@icld.example');
		const delta = (path) => stack.statements(s, path);
		const id = await one("SELECT MAX(id) FROM applications WHERE status <> 'draft'");
		await delta('/accessibility');
		const session = await delta('/accessibility');	// what any signed-in page costs
		// ICLD's view adds the reviews part (h_review.c): one statement more, cached as well.
		assert.equal(await delta(`/applications/${id}`), session + 2, 'cold: one statement for the whole application, one for its reviews');
		assert.equal(await delta(`/applications/${id}`), session, 'warm: from the cache');
	});
});

function htmlEscape(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
