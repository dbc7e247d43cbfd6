// project_page.test.mjs - a project's page (GET /projects/{code}) against the demo data: who takes part, the
// approved budget against SQL sums, reports with what is overdue, payments, the follow-up links both ways, and the
// history that ICLD and Sida read (never reviews) and applicants do not; through nginx, the workers and MariaDB.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, htmlDecode, kr, textOf, escapeRe, DEMO_TODAY } from './harness.mjs';

const CATEGORIES = ['travel', 'accommodation', 'meetings', 'consultants', 'translation', 'other'];
const CATEGORIES_SV = ['Resor', 'Logi', 'Möten och workshoppar', 'Konsulter', 'Översättning', 'Övrigt'];
// A report is approved (godkänd), where an application is granted (beviljad).
const STATUS_SV = { draft: 'Utkast', submitted: 'Inskickad', approved: 'Godkänd', returned: 'Återsänd för komplettering' };

let stack, q, one, admin, sida;
/** the demo project with the most payments: {code, id, app, email (its applicant)} */
let paid;

before(async () => {
	// One worker: its result cache is then the only one, so the statement count below is exact.
	({ stack, q, one, admin, sida } = await openStack({ workers: 1 }, ['admin', 'sida']));
	const [row] = await stack.mysql(
		'SELECT p.code, p.id, p.application_id, MIN(u.email) FROM projects p ' +
		'JOIN applications a ON a.id = p.application_id ' +
		"JOIN users u ON u.org_id = a.applicant_org_id AND u.role = 'applicant' " +
		'JOIN project_years y ON y.project_id = p.id AND y.year = 2 ' +
		'GROUP BY p.id ' +
		'ORDER BY (SELECT COUNT(*) FROM disbursements d WHERE d.project_id = p.id) DESC, p.code LIMIT 1');
	paid = { code: row[0], id: row[1], app: row[2], email: row[3] };
});

after(() => stack?.stop());

/** The table whose caption is caption: {head: [cell text], body: [{label, cells}], foot: {label, cells}}. */
function table(html, caption) {
	const start = html.search(new RegExp(`<caption[^>]*>${escapeRe(caption)}</caption>`));
	assert.ok(start > 0, `a table with the caption "${caption}"`);
	const t = html.slice(start, html.indexOf('</table>', start));
	const head = t.slice(t.indexOf('<thead>'), t.indexOf('</thead>'));
	const rows = (part) => [...part.matchAll(/<tr><th scope="row"[^>]*>([\s\S]*?)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => ({
		label: textOf(m[1]), cells: [...m[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1])),
	}));
	return {
		headHtml: head,
		head: [...head.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]),
		body: rows(t.slice(t.indexOf('<tbody>'), t.indexOf('</tbody>'))),
		foot: rows(t.slice(t.indexOf('<tfoot>'), t.indexOf('</tfoot>')))[0],
	};
}

/** The <dd> of the summary-list row labelled dt, as HTML. */
function answer(html, dt) {
	const m = html.match(new RegExp(`<dt>${escapeRe(dt)}</dt><dd[^>]*>([\\s\\S]*?)</dd>`));
	return m ? m[1] : null;
}

/** The ids of the history's rows, in page order. */
const trailIds = (html) => [...html.matchAll(/<tr id="audit-(\d+)">/g)].map((m) => m[1]);

/** What the history must hold for a project, newest first: its own rows, its decision's, its reports' and payments'. */
function trailSql(code) {
	return 'SELECT l.id FROM audit_log l JOIN projects p ON p.code = ' + `'${code}' ` +
		"WHERE (l.entity = 'project' AND l.entity_id = p.id) " +
		"OR (l.entity = 'application' AND l.entity_id = p.application_id AND l.action LIKE 'decision.%') " +
		"OR (l.entity = 'decision' AND l.entity_id IN (SELECT id FROM decisions WHERE application_id = p.application_id)) " +
		"OR (l.entity = 'report' AND l.entity_id IN (SELECT id FROM reports WHERE project_id = p.id)) " +
		"OR (l.entity = 'disbursement' AND l.entity_id IN (SELECT id FROM disbursements WHERE project_id = p.id)) " +
		'ORDER BY l.at DESC, l.id DESC';
}

describe('what the page says', () => {
	test('who takes part: the applicant, co-applicants and partners with country and kind; round, type, theme, dates', async () => {
		// A project with a co-applicant, made so for this test if the demo has none.
		let code = await one('SELECT p.code FROM projects p JOIN application_coapplicants c ON c.application_id = p.application_id ORDER BY p.code LIMIT 1');
		if (!code) {
			code = paid.code;
			await q('INSERT INTO application_coapplicants (application_id, org_id) SELECT a.id, o.id FROM applications a ' +
				`JOIN organisations o ON o.side = 'swedish' AND o.id <> a.applicant_org_id WHERE a.id = ${paid.app} ORDER BY o.name LIMIT 1`);
		}
		const [[org, round, type, theme, ps, pe, as]] = await q('SELECT o.name, r.name_sv, a.project_type, t.name_sv, ' +
			'p.planned_start, p.planned_end, p.actual_start FROM projects p JOIN applications a ON a.id = p.application_id ' +
			'JOIN organisations o ON o.id = a.applicant_org_id JOIN rounds r ON r.id = a.round_id ' +
			`LEFT JOIN thematic_areas t ON t.id = a.thematic_area_id WHERE p.code = '${code}'`);
		const coapps = (await q('SELECT o.name FROM projects p JOIN application_coapplicants c ON c.application_id = p.application_id ' +
			`JOIN organisations o ON o.id = c.org_id WHERE p.code = '${code}' ORDER BY o.name`)).map((r) => r[0]);
		const partners = await q('SELECT o.name, o.kind, c.name_sv FROM projects p JOIN application_partners ap ' +
			'ON ap.application_id = p.application_id JOIN organisations o ON o.id = ap.org_id ' +
			`JOIN countries c ON c.code = o.country_code WHERE p.code = '${code}' ORDER BY ap.position`);
		const page = (await admin.get(`/projects/${code}`)).text;
		assert.equal(textOf(answer(page, 'Svensk sökande')), org);
		assert.ok(coapps.length > 0);
		assert.deepEqual([...answer(page, 'Svenska medsökande').matchAll(/<li>([^<]*)<\/li>/g)].map((m) => htmlDecode(m[1])), coapps);
		const partnerItems = [...answer(page, partners.length > 1 ? 'Partnerorganisationer' : 'Partnerorganisation')
			.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]));
		const KIND_SV = { municipality: 'Kommun', county: 'Län', city: 'Stad', province: 'Provins', district: 'Distrikt', other: 'Övrigt' };
		assert.equal(partnerItems.length, partners.length);
		partners.forEach(([name, kind, country], i) => {
			assert.ok(partnerItems[i].startsWith(name), `${partnerItems[i]} names ${name}`);
			assert.ok(partnerItems[i].endsWith(`, ${KIND_SV[kind]}, ${country}`), `${partnerItems[i]}: kind and country`);
		});
		assert.equal(textOf(answer(page, 'Utlysning')), round);
		assert.equal(textOf(answer(page, 'Typ av projekt')), { inception: 'Förstudie', project: 'Projekt', three_party: 'Trepartsprojekt' }[type]);
		if (theme) assert.equal(textOf(answer(page, 'Tematiskt område')), theme);
		assert.equal(textOf(answer(page, 'Planerad period')), `${ps} – ${pe}`);
		assert.equal(textOf(answer(page, 'Startade')), as ?? 'Inte än');
	});

	test('the approved budget is a table per year and cost category whose figures and totals are the SQL sums', async () => {
		const lines = await q(`SELECT year, category, amount FROM project_budget_lines WHERE project_id = ${paid.id}`);
		const years = await q(`SELECT year, starts_on, ends_on FROM project_years WHERE project_id = ${paid.id} ORDER BY year`);
		const sum = async (where) => Number(await one(`SELECT COALESCE(SUM(amount), 0) FROM project_budget_lines WHERE project_id = ${paid.id} ${where}`));
		const page = (await admin.get(`/projects/${paid.code}`)).text;
		const t = table(page, 'Beviljad budget per projektår och kostnadsslag');
		assert.match(t.headHtml, /<th scope="col">Kostnadsslag<\/th>/);
		assert.equal(t.head.length, years.length + 2, 'a column per year, and the total');
		years.forEach(([y, s, e], i) => {
			assert.equal(textOf(t.head[i + 1].replace(/<span class="period">.*<\/span>/, '')), `År ${y}`);
			assert.ok(t.head[i + 1].includes(`<span class="period">${s} – ${e}</span>`), 'the year\'s period under it');
		});
		assert.deepEqual(t.body.map((r) => r.label), CATEGORIES_SV, 'a row per cost category, headed');
		for (const [ci, cat] of CATEGORIES.entries()) {
			const want = [];
			for (const [y] of years) {
				const line = lines.find((l) => l[0] === y && l[1] === cat);
				want.push(kr(line ? Number(line[2]) : 0));
			}
			want.push(kr(await sum(`AND category = '${cat}'`)));
			assert.deepEqual(t.body[ci].cells, want, `${cat}: per year and in total`);
		}
		assert.equal(t.foot.label, 'Totalt');
		const foot = [];
		for (const [y] of years) foot.push(kr(await sum(`AND year = ${y}`)));
		foot.push(kr(await sum('')));
		assert.deepEqual(t.foot.cells, foot, 'totals per year, and the whole');
		assert.ok(await sum('') > 0);
	});

	test('payments: date, amount and the report each paid, with the total paid against the total approved', async () => {
		const rows = await q('SELECT d.paid_on, d.amount, r.kind, r.project_year FROM disbursements d JOIN reports r ON r.id = d.report_id ' +
			`WHERE d.project_id = ${paid.id} ORDER BY d.paid_on, d.id`);
		assert.ok(rows.length >= 2, 'the chosen project has payments');
		const page = (await admin.get(`/projects/${paid.code}`)).text;
		const t = table(page, 'Utbetalningar');
		const body = [...page.slice(page.indexOf('<caption>Utbetalningar</caption>')).split('</tbody>')[0]
			.matchAll(/<tr><td class="date">([^<]*)<\/td><td>([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g)]
			.map((m) => [m[1], htmlDecode(m[2]), htmlDecode(m[3])]);
		assert.deepEqual(body, rows.map(([d, a, k, y]) => [d, k === 'final' ? 'Slutrapport' : `Lägesrapport, år ${y}`, kr(Number(a))]));
		const paidSum = Number(await one(`SELECT SUM(amount) FROM disbursements WHERE project_id = ${paid.id}`));
		const approved = Number(await one(`SELECT SUM(amount) FROM project_years WHERE project_id = ${paid.id}`));
		assert.deepEqual(t.foot.cells, [kr(paidSum)]);
		assert.equal(textOf(answer(page, 'Beviljat totalt')), kr(approved));
		assert.ok(textOf(answer(page, 'Utbetalt hittills')).startsWith(`${kr(paidSum)} (`));
		assert.equal(textOf(answer(page, 'Beviljat men inte utbetalt')), kr(approved - paidSum));
	});

	test('reports: kind, year, due date and status, and how long overdue, counted from the programme\'s today', async () => {
		const [[code, pid]] = await q("SELECT p.code, p.id FROM reports r JOIN projects p ON p.id = r.project_id WHERE r.status IN ('draft', 'returned') " +
			`AND r.deadline < '${DEMO_TODAY}' AND p.status IN ('implementation', 'finalisation') ORDER BY p.code LIMIT 1`);
		const reports = await q(`SELECT kind, project_year, deadline, status, DATEDIFF('${DEMO_TODAY}', deadline), id FROM reports WHERE project_id = ${pid} ORDER BY deadline, id`);
		const page = (await admin.get(`/projects/${code}`)).text;
		const part = page.slice(page.indexOf('<h2 id="reports">'), page.indexOf('</table>', page.indexOf('<h2 id="reports">')));
		const rows = [...part.matchAll(/<tr><th scope="row">([\s\S]*?)<\/th><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)];
		assert.equal(rows.length, reports.length);
		let overdue = 0;
		reports.forEach(([kind, year, due, status, late, id], i) => {
			const [, head, dueCell, statusCell] = rows[i];
			const name = textOf(head);
			assert.equal(name, kind === 'final' ? 'Slutrapport' : `Lägesrapport, år ${year}`);
			assert.equal(head, `<a href="/reports/${id}">${name}</a>`, 'each report links to its page');
			assert.ok(dueCell.startsWith(`<span class="date">${due}</span>`), dueCell);
			assert.equal(statusCell, `<strong class="tag tag-${status}">${STATUS_SV[status]}</strong>`);
			const n = Number(late);
			if ((status === 'draft' || status === 'returned') && n > 0) {
				overdue++;
				assert.ok(dueCell.includes(`<strong class="tag tag-overdue">${n} ${n === 1 ? 'dag' : 'dagar'} försenad</strong>`), dueCell);
			} else if (status === 'draft' || status === 'returned') {
				assert.ok(dueCell.includes(`<strong class="tag tag-due">${-n} ${n === -1 ? 'dag' : 'dagar'} kvar</strong>`), dueCell);
			} else {
				assert.doesNotMatch(dueCell, /tag-(overdue|due)/, 'a report handed in owes nothing');
			}
		});
		assert.ok(overdue > 0, 'the chosen project has an overdue report');
		// In English too.
		const en = await stack.login('reviewer@icld.example');
		const { form } = await en.form('/', (f) => f.action === '/language');
		await en.post('/language', { ...form.fields, lang: 'en' });
		assert.match((await en.get(`/projects/${code}`)).text, /<strong class="tag tag-overdue">\d+ days? overdue<\/strong>/);
	});

	test('each project year: its budget, the costs reported and approved, and what was paid, against SQL; Sida gets no report links', async () => {
		const years = await q(`SELECT y.year, y.amount,
			(SELECT r.status FROM reports r WHERE r.project_id = y.project_id AND r.kind = 'progress' AND r.project_year = y.year),
			(SELECT SUM(fl.actual_amount) FROM reports r JOIN report_financial_lines fl ON fl.report_id = r.id
				WHERE r.project_id = y.project_id AND r.kind = 'progress' AND r.project_year = y.year),
			LEAST(y.amount, (SELECT COALESCE(SUM(LEAST(fl.actual_amount, bl.amount)), 0) FROM reports r
				JOIN report_financial_lines fl ON fl.report_id = r.id JOIN project_budget_lines bl ON bl.project_id = r.project_id
				AND bl.year = r.project_year AND bl.category = fl.category
				WHERE r.project_id = y.project_id AND r.kind = 'progress' AND r.project_year = y.year)),
			(SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d JOIN reports r ON r.id = d.report_id
				WHERE r.project_id = y.project_id AND r.project_year = y.year)
			FROM project_years y WHERE y.project_id = ${paid.id} ORDER BY y.year`);
		const page = (await admin.get(`/projects/${paid.code}`)).text;
		const t = table(page, 'Varje projektår: budget, redovisat, godkänt och utbetalt');
		assert.equal(t.body.length, years.length);
		let sums = [0, 0, 0, 0];
		years.forEach(([y, amount, status, actual, approved, paidY], i) => {
			const handed = status === 'submitted' || status === 'approved';
			assert.equal(t.body[i].label.replace(/\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d$/, ''), `År ${y}`);
			assert.deepEqual(t.body[i].cells.slice(0, 4), [kr(Number(amount)), handed ? kr(Number(actual)) : '–',
				status === 'approved' ? kr(Number(approved)) : '–', kr(Number(paidY))], `year ${y}`);
			sums = sums.map((s, k) => s + [Number(amount), handed ? Number(actual) : 0, status === 'approved' ? Number(approved) : 0, Number(paidY)][k]);
		});
		assert.deepEqual(t.foot.cells.slice(0, 4), sums.map(kr));
		assert.ok(years.some(([, , status]) => status === 'approved'), 'the project has an approved year');
		assert.match(page, /<a href="\/reports\/\d+"><strong class="tag tag-approved">/);
		const forSida = (await sida.get(`/projects/${paid.code}`)).text;
		assert.doesNotMatch(forSida, /href="\/reports\//, 'Sida reads projects, not reports');
	});

	test('an inception project and its follow-up link to each other', async () => {
		const [[later, earlier]] = await q('SELECT p.code, f.code FROM projects p JOIN projects f ON f.id = p.follows_project_id ORDER BY p.code LIMIT 1');
		const a = (await admin.get(`/projects/${later}`)).text;
		assert.match(answer(a, 'Fortsätter projektet'), new RegExp(`^<a href="/projects/${earlier}">${earlier}</a> `));
		const b = (await admin.get(`/projects/${earlier}`)).text;
		assert.match(answer(b, 'Fortsätter i projektet'), new RegExp(`^<a href="/projects/${later}">${later}</a> `));
	});
});

describe('the history', () => {
	test('ICLD and Sida read every change to the project, its decision, reports and payments, newest first, in Swedish time', async () => {
		const want = (await q(trailSql(paid.code))).map((r) => r[0]);
		assert.ok(want.length >= 5, 'the project has a history');
		const kinds = new Set((await q(`SELECT DISTINCT entity FROM audit_log WHERE id IN (${want.join(',')})`)).map((r) => r[0]));
		for (const k of ['project', 'application', 'report', 'disbursement']) assert.ok(kinds.has(k), `the history has ${k} rows`);
		for (const s of [admin, sida]) {
			const page = (await s.get(`/projects/${paid.code}`)).text;
			assert.match(page, /<h2 id="history">Historik<\/h2>/);
			assert.deepEqual(trailIds(page), want);
		}
		// Who, when (Swedish time: the log keeps UTC), what, and before -> after.
		const [[id, at, name, email]] = await q("SELECT l.id, DATE_FORMAT(l.at, '%Y-%m-%dT%H:%i:%sZ'), u.name, u.email FROM audit_log l " +
			`JOIN users u ON u.id = l.user_id WHERE l.id IN (${want.join(',')}) AND l.action = 'decision.approve'`);
		const page = (await sida.get(`/projects/${paid.code}`)).text;
		const row = page.slice(page.indexOf(`<tr id="audit-${id}">`)).split("</table></td></tr>")[0];
		const local = new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
		}).format(new Date(at)).replace(',', '');
		assert.ok(row.includes(`<span class="date">${local}</span>`), `${local} in ${row}`);
		assert.ok(row.includes(`${htmlEscapeText(name)}<br><span class="hint">${email}</span>`));
		assert.ok(row.includes('<td>Ansökan beviljad</td>'));
		assert.match(row, /<th scope="row">Status<\/th><td>Under bedömning<\/td><td>Beviljad<\/td>/);
	});

	test('the applicant who owns the project reads it without the history; another applicant gets 404', async () => {
		const owner = await stack.login(paid.email);
		const res = await owner.get(`/projects/${paid.code}`);
		assert.equal(res.status, 200);
		assert.match(res.text, /<h2 id="reports">/);
		assert.doesNotMatch(res.text, /id="history"|<tr id="audit-|Historik/);
		const other = await one('SELECT MIN(u.email) FROM users u JOIN applications a ON a.applicant_org_id <> u.org_id ' +
			`WHERE u.role = 'applicant' AND a.id = ${paid.app}`);
		const theirs = await (await stack.login(other)).get(`/projects/${paid.code}`);
		assert.equal(theirs.status, 404);
		assert.doesNotMatch(theirs.text, new RegExp(paid.code.replace('-', '\\-') + '</span>'));
	});

	test('review rows never show, to ICLD or Sida, while a new row about the project does; an action without a row in the table is ICLD\'s', async () => {
		// The demo marks the start of the review on the application; it is ICLD's and stays out.
		const reviewStart = await one(`SELECT id FROM audit_log WHERE entity = 'application' AND entity_id = ${paid.app} AND action = 'application.review'`);
		assert.ok(reviewStart, 'the demo has the review\'s start');
		const reviewId = await one(`SELECT MIN(id) FROM reviews WHERE application_id = ${paid.app}`);
		assert.ok(reviewId, 'the application has a review');
		await q('INSERT INTO audit_log (user_id, ip, action, entity, entity_id, before_json, after_json) VALUES ' +
			`(2, '192.0.2.10', 'review.save', 'review', ${reviewId}, NULL, '{"score_relevance": 2, "comment_relevance": "weak"}'), ` +
			`(2, '192.0.2.10', 'review.score', 'application', ${paid.app}, NULL, '{"score_budget": 1}'), ` +
			`(1, '192.0.2.10', 'project.capital_spend', 'project', ${paid.id}, '{"capital_spend": 0}', '{"capital_spend": 12.5}'), ` +
			`(1, '192.0.2.10', 'project.note', 'project', ${paid.id}, '{"gender_marker": 1}', '{"gender_marker": 2}')`);
		const [[save], [score], [capital], [note]] = await q("SELECT id FROM audit_log WHERE action IN " +
			"('review.save', 'review.score', 'project.capital_spend', 'project.note') AND entity_id IN " +
			`(${reviewId}, ${paid.app}, ${paid.id}) ORDER BY id DESC LIMIT 4`).then((rows) => rows.reverse());
		// Writes that come with an audit row move the data version; this one stands in for them.
		await q('UPDATE data_version SET v = v + 1 WHERE id = 1');
		for (const s of [admin, sida]) {
			const page = (await s.get(`/projects/${paid.code}`)).text;
			const ids = trailIds(page);
			if (s === admin) {
				assert.deepEqual(ids.slice(0, 2), [note, capital], 'the new rows about the project, first');
			} else {
				// Sida reads what the table gives it; an action it does not know is ICLD's only.
				assert.equal(ids[0], capital, 'the new row about the project, first');
				assert.ok(!ids.includes(note));
				assert.doesNotMatch(page, /gender_marker/);
			}
			for (const hidden of [save, score, reviewStart]) assert.ok(!ids.includes(hidden), `row ${hidden} is ICLD's review`);
			assert.doesNotMatch(page, /weak|score_/);
		}
		// ICLD's officers read the review rows on the audit log itself.
		const log = (await admin.get('/audit?entity=review')).text;
		assert.match(log, new RegExp(`<tr id="audit-${save}">`));
	});
});

describe('cost', () => {
	test('the page is one SQL statement, and none on a warm cache', async () => {
		const delta = (s, path) => stack.statements(s, path);
		await q('UPDATE data_version SET v = v + 1 WHERE id = 1');
		await delta(sida, '/accessibility');
		const session = await delta(sida, '/accessibility');
		assert.equal(await delta(sida, `/projects/${paid.code}`), session + 1, 'cold: one statement for the whole page');
		assert.equal(await delta(sida, `/projects/${paid.code}`), session, 'warm: from the cache');
		// ICLD's officers also see the project's IATI check (h_export.c): one more statement, cached as well.
		await q('UPDATE data_version SET v = v + 1 WHERE id = 1');
		await delta(admin, '/accessibility');
		const adminSession = await delta(admin, '/accessibility');
		assert.equal(await delta(admin, `/projects/${paid.code}`), adminSession + 2, 'cold, with the IATI check');
		assert.equal(await delta(admin, `/projects/${paid.code}`), adminSession, 'warm, with the IATI check');
	});
});

function htmlEscapeText(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
