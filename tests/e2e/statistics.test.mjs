// statistics.test.mjs - the statistics page (GET /statistics): the 2016 announcement's facts from the demo data,
// every figure against the database, the server-drawn SVG charts, the round filter's allow-list, who may see it,
// and its cost (one statement, cached until the data changes), against the real nginx, workers and MariaDB.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, htmlDecode, kr, sek, textOf, escapeRe } from './harness.mjs';

const TYPE_SV = { inception: 'Förstudie', project: 'Projekt', three_party: 'Trepartsprojekt' };
const UNDER_WAY = "p.status IN ('implementation', 'finalisation')";
const SCOPE = 'projects p JOIN applications a ON a.id = p.application_id JOIN rounds r ON r.id = a.round_id';

let stack, q, one, admin, sida;
let round2016;

before(async () => {
	// One worker: its result cache is then the only one, so the statement counts below are exact.
	({ stack, q, one, admin, sida } = await openStack({ workers: 1 }, ['admin', 'sida']));
	round2016 = await one('SELECT id FROM rounds WHERE year = 2016');
});

after(() => stack?.stop());

/**
 * One figure of the page (templates/_bar_chart.html) by its id:
 * {heading, svg: {attrs, title, desc, labels, rects: [{width}], values}, head: [..], rows: [{label, cells: [..]}]}.
 */
function figure(html, id) {
	const start = html.indexOf(`<section class="figure" aria-labelledby="${id}-heading">`);
	assert.ok(start >= 0, `the figure ${id}`);
	const sec = html.slice(start, html.indexOf('</section>', start));
	const heading = textOf(sec.match(new RegExp(`<h2 id="${id}-heading">([^<]*)</h2>`))[1]);
	const svgM = sec.match(/<svg ([^>]*)>([\s\S]*?)<\/svg>/);
	const svg = svgM ? {
		attrs: svgM[1],
		title: svgM[2].match(new RegExp(`<title id="${id}-title">([^<]*)</title>`))?.[1],
		desc: svgM[2].match(new RegExp(`<desc id="${id}-desc">([^<]*)</desc>`))?.[1],
		rects: [...svgM[2].matchAll(/<rect class="bar" x="(\d+)" y="(\d+)" width="(\d+)"/g)].map((m) => ({ width: Number(m[3]) })),
		// Texts in drawing order: the ticks, then per bar its label and its value.
		texts: [...svgM[2].matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => htmlDecode(m[1])),
	} : null;
	const table = sec.slice(sec.indexOf('<table'), sec.indexOf('</table>'));
	const caption = table.match(/<caption[^>]*>([^<]*)<\/caption>/)?.[1];
	const head = [...table.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => textOf(m[1]));
	const rows = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => ({
		label: textOf(m[1]), cells: [...m[2].matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => htmlDecode(c[1])),
	}));
	return { heading, svg, caption, head, rows };
}

/** The key figure whose label starts with label, as a number. */
function stat(html, label) {
	const m = html.match(new RegExp(`<span class="stat-number">([^<]*)</span> <span class="stat-label">${escapeRe(label)}`));
	assert.ok(m, `the key figure "${label}"`);
	return Number(m[1].replace(/[^0-9]/g, ''));
}

/** The members table: [[name, projects]]. */
function members(html) {
	const start = html.indexOf('<h2 id="members-heading">');
	assert.ok(start > 0, 'the members table');
	const table = html.slice(start, html.indexOf('</table>', start));
	return [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td><\/tr>/g)]
		.map((m) => [htmlDecode(m[1]), Number(m[2].replace(/[^0-9]/g, ''))]);
}

/** What every figure must show for the projects matching where (SQL over SCOPE), computed here on its own. */
async function expected(where) {
	const rows = async (sql) => (await q(sql)).map((r) => r.map((v) => (v !== null && /^-?\d+$/.test(v) ? Number(v) : v)));
	const amount = '(SELECT SUM(py.amount) FROM project_years py WHERE py.project_id = p.id)';
	const countries = await rows(`SELECT c.name_sv, COUNT(*), SUM(${amount}) FROM ${SCOPE} JOIN countries c ON c.code = a.country_code
		WHERE ${where} GROUP BY c.code, c.name_sv ORDER BY COUNT(*) DESC, c.name_sv`);
	const themes = await rows(`SELECT t.name_sv, COUNT(*), SUM(${amount}) FROM ${SCOPE} JOIN thematic_areas t ON t.id = a.thematic_area_id
		WHERE ${where} GROUP BY t.id, t.name_sv ORDER BY COUNT(*) DESC, t.name_sv`);
	const types = (await rows(`SELECT a.project_type, COUNT(*), SUM(${amount}) FROM ${SCOPE} WHERE ${where}
		GROUP BY a.project_type ORDER BY COUNT(*) DESC, a.project_type`)).map(([t, n, sum]) => [TYPE_SV[t], n, sum]);
	const rounds = await rows(`SELECT r.name_sv, COUNT(*), SUM(${UNDER_WAY}), SUM(${amount}) FROM ${SCOPE} WHERE ${where}
		GROUP BY r.id, r.name_sv, r.year ORDER BY r.year`);
	const spans = await rows(`SELECT YEAR(COALESCE(p.actual_start, p.planned_start)), YEAR(COALESCE(p.actual_end, p.planned_end))
		FROM ${SCOPE} WHERE ${where}`);
	const active = [];
	if (spans.length) {
		const first = Math.min(...spans.map((s) => s[0]));
		const last = Math.max(...spans.map((s) => s[1]));
		for (let y = first; y <= last; y++) active.push([String(y), spans.filter(([a, b]) => a <= y && y <= b).length]);
	}
	const approvedBy = new Map(await rows(`SELECT COALESCE(YEAR(d.decided_at), r.year), SUM(${amount}) FROM ${SCOPE}
		LEFT JOIN decisions d ON d.application_id = a.id AND d.outcome = 'approve' WHERE ${where} GROUP BY 1`));
	const paidBy = new Map(await rows(`SELECT YEAR(x.paid_on), SUM(x.amount) FROM disbursements x JOIN ${SCOPE} ON p.id = x.project_id
		WHERE ${where} GROUP BY 1`));
	const years = [...new Set([...approvedBy.keys(), ...paidBy.keys()])].sort((a, b) => a - b);
	const members = await rows(`SELECT o.name, COUNT(DISTINCT p.id) FROM ${SCOPE}
		JOIN (SELECT id AS app_id, applicant_org_id AS org_id FROM applications
		UNION SELECT application_id, org_id FROM application_coapplicants) m ON m.app_id = a.id
		JOIN organisations o ON o.id = m.org_id WHERE ${where} GROUP BY o.id, o.name ORDER BY o.name`);
	const [[projects, underWay]] = await rows(`SELECT COUNT(*), COALESCE(SUM(${UNDER_WAY}), 0) FROM ${SCOPE} WHERE ${where}`);
	return {
		projects, underWay, members,
		figures: {
			countries: countries.map(([l, n, sum]) => [l, String(n), kr(sum)]),
			themes: themes.map(([l, n, sum]) => [l, String(n), kr(sum)]),
			types: types.map(([l, n, sum]) => [l, String(n), kr(sum)]),
			rounds: rounds.map(([l, n, u, sum]) => [l, String(n), String(u), kr(sum)]),
			active: active.map(([y, n]) => [y, String(n)]),
			approved: years.map((y) => [String(y), kr(approvedBy.get(y) ?? 0)]),
			disbursed: years.map((y) => [String(y), kr(paidBy.get(y) ?? 0)]),
		},
	};
}

/** Checks one figure's chart against its own table: one bar per row, texts beside the bars, title and desc. */
function checkChart(f, id, money) {
	assert.ok(f.svg, `${id}: a chart`);
	assert.match(f.svg.attrs, /role="img"/);
	assert.match(f.svg.attrs, new RegExp(`aria-labelledby="${id}-title ${id}-desc"`));
	assert.match(f.svg.attrs, /viewBox="0 0 \d+ \d+"/);
	assert.equal(f.svg.title, f.heading, `${id}: the chart's title is the figure's heading`);
	assert.equal(f.caption, f.heading, `${id}: the table's caption too`);
	assert.equal(f.svg.rects.length, f.rows.length, `${id}: one bar per row of the table`);
	assert.equal(htmlDecode(f.svg.desc), f.rows.map((r) => `${r.label}: ${r.cells[0]}`).join(', '), `${id}: the text alternative`);
	// After the ticks, each bar's label and value stand as text beside it: readable without colour.
	const beside = f.svg.texts.slice(f.svg.texts.length - 2 * f.rows.length);
	assert.deepEqual(beside, f.rows.flatMap((r) => [r.label, r.cells[0]]), `${id}: labels and values as text`);
	// Bars are scaled to one axis: widths in the order of the values, the largest the longest, zeros without a bar.
	const values = f.rows.map((r) => Number(r.cells[0].replace(/[^0-9]/g, '')));
	const max = Math.max(...values);
	const widest = Math.max(...f.svg.rects.map((r) => r.width));
	values.forEach((v, i) => {
		if (v === 0) assert.equal(f.svg.rects[i].width, 0, `${id}: a zero has no bar`);
		else assert.ok(Math.abs(f.svg.rects[i].width / widest - v / max) < 0.01, `${id}: bar ${i} is to scale`);
	});
	if (!money) assert.ok(f.svg.texts.includes('0'), `${id}: the axis starts at 0`);
}

describe('who may see it', () => {
	test('ICLD and Sida see the page, linked from their start page', async () => {
		for (const s of [admin, sida]) {
			assert.match((await s.get('/')).text, /<li><a href="\/statistics">Statistik<\/a><\/li>/);
			const res = await s.get('/statistics');
			assert.equal(res.status, 200);
			assert.match(res.text, /<h1>Statistik<\/h1>/);
			assert.doesNotMatch(res.text, /<script/i, 'no JavaScript: the charts are drawn on the server');
		}
	});

	test('applicants get 404, signed out people the sign-in page', async () => {
		const applicant = await stack.login('borlange@kommun.example');
		assert.equal((await applicant.get('/statistics')).status, 404);
		assert.equal((await applicant.get(`/statistics?round=${round2016}`)).status, 404);
		assert.doesNotMatch((await applicant.get('/')).text, /href="\/statistics"/);
		const anon = await stack.get('/statistics');
		assert.equal(anon.status, 303);
		assert.match(anon.headers.location, /^\/login\?next=%2Fstatistics/);
	});

	test('nothing can be posted: 404 for Sida and applicants, 405 for ICLD, and a bad token stays refused', async () => {
		const csrfOf = async (s) => (await s.form('/accessibility', (f) => f.action === '/language')).form.fields.csrf;
		const post = async (s, body) => s.post('/statistics', new URLSearchParams(body).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal((await post(sida, { csrf: await csrfOf(sida), round: String(round2016) })).status, 404);
		const applicant = await stack.login('borlange@kommun.example');
		assert.equal((await post(applicant, { csrf: await csrfOf(applicant) })).status, 404);
		const res = await post(admin, { csrf: await csrfOf(admin) });
		assert.equal(res.status, 405);
		assert.equal(res.headers.allow, 'GET, HEAD');
	});
});

describe('the 2016 announcement, from the data', () => {
	test('the 2016 round: 32 projects, Kenya 8, China 7, Botswana 6, Uganda 5, South Africa 4, Kosovo 2, in that order', async () => {
		const page = (await sida.get(`/statistics?round=${round2016}`)).text;
		assert.match(page, /<option value="\d+" selected>Utlysning 2016<\/option>/);
		assert.equal(stat(page, 'beviljade projekt'), 32);
		const f = figure(page, 'countries');
		assert.deepEqual(f.head, ['Land', 'Projekt', 'Beviljad budget']);
		const codes = new Map(await q('SELECT name_sv, code FROM countries'));
		assert.deepEqual(f.rows.map((r) => [codes.get(r.label), Number(r.cells[0])]),
			[['KE', 8], ['CN', 7], ['BW', 6], ['UG', 5], ['ZA', 4], ['XK', 2]]);
		checkChart(f, 'countries', false);
		assert.equal(htmlDecode(f.svg.desc), 'Kenya: 8, Kina: 7, Botswana: 6, Uganda: 5, Sydafrika: 4, Kosovo: 2');
		// The same in English, with the amounts as English writes them.
		await sida.post('/language', new URLSearchParams({
			csrf: (await sida.form('/accessibility', (x) => x.action === '/language')).form.fields.csrf, lang: 'en', back: '/',
		}).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		try {
			const en = figure((await sida.get(`/statistics?round=${round2016}`)).text, 'countries');
			assert.equal(en.heading, 'Projects by partner country');
			assert.deepEqual(en.rows.map((r) => r.label), ['Kenya', 'China', 'Botswana', 'Uganda', 'South Africa', 'Kosovo']);
			assert.equal(en.rows[0].cells[1], sek(await one(`SELECT SUM(py.amount) FROM project_years py JOIN ${SCOPE}
				ON p.id = py.project_id WHERE r.year = 2016 AND a.country_code = 'KE'`)));
			assert.equal(htmlDecode(en.svg.desc), 'Kenya: 8, China: 7, Botswana: 6, Uganda: 5, South Africa: 4, Kosovo: 2');
		} finally {
			await sida.post('/language', new URLSearchParams({
				csrf: (await sida.form('/accessibility', (x) => x.action === '/language')).form.fields.csrf, lang: 'sv', back: '/',
			}).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		}
	});

	test('about 70 projects under way from earlier rounds and about 60 Swedish members, as SQL counts them', async () => {
		const page = (await admin.get('/statistics')).text;
		const earlier = Number(await one(`SELECT COUNT(*) FROM ${SCOPE} WHERE r.year < 2016 AND ${UNDER_WAY}`));
		assert.match(page, /pågående projekt från utlysningar före 2016<\/span>/);
		assert.equal(stat(page, 'pågående projekt från utlysningar före 2016'), earlier);
		assert.ok(Math.abs(earlier - 70) <= 5, `under way from earlier rounds: ${earlier}`);
		const underWay = Number(await one(`SELECT COUNT(*) FROM projects p WHERE ${UNDER_WAY}`));
		assert.equal(stat(page, 'av dem pågående'), underWay);
		const orgs = Number(await one(`SELECT COUNT(DISTINCT m.org_id) FROM projects p JOIN (SELECT id AS app_id, applicant_org_id AS org_id
			FROM applications UNION SELECT application_id, org_id FROM application_coapplicants) m ON m.app_id = p.application_id`));
		assert.equal(stat(page, 'svenska medlemmar deltar'), orgs);
		assert.ok(Math.abs(orgs - 60) <= 5, `Swedish members taking part: ${orgs}`);
		assert.match(page, new RegExp(`<h2 id="members-heading">Deltagande svenska medlemsorganisationer \\(${orgs}\\)</h2>`));
		// The same facts with the 2016 round chosen: the earlier rounds are counted against it.
		const chosen = (await admin.get(`/statistics?round=${round2016}`)).text;
		assert.equal(stat(chosen, 'pågående projekt från utlysningar före 2016'), earlier);
	});

	test('the members are listed in Swedish order (Vara, Vimmerby, Västerås, Växjö) with their projects', async () => {
		const page = (await admin.get('/statistics')).text;
		const list = members(page);
		const names = list.map((m) => m[0]);
		const v = names.filter((n) => /^V[aiä]/.test(n)).map((n) => n.split(' ')[0]);
		assert.deepEqual(v, ['Vara', 'Vimmerby', 'Västerås', 'Växjö']);
		assert.ok(names.indexOf('Region Västerbotten') < names.indexOf('Åmåls kommun'));
		assert.ok(names.indexOf('Åmåls kommun') < names.indexOf('Örebro kommun'), 'Å before Ö, both after Z');
	});
});

describe('every figure is the data', () => {
	test('every figure table and the members list match SQL, for all rounds and for each round', async () => {
		const rounds = (await q('SELECT id FROM rounds ORDER BY id')).map((r) => r[0]);
		for (const round of ['', ...rounds]) {
			const page = (await admin.get(`/statistics?round=${round}`)).text;
			const want = await expected(round ? `a.round_id = ${round}` : '1 = 1');
			assert.equal(stat(page, 'beviljade projekt'), want.projects, `round ${round}: projects`);
			assert.equal(stat(page, 'av dem pågående'), want.underWay, `round ${round}: under way`);
			assert.equal(stat(page, 'svenska medlemmar deltar'), want.members.length);
			if (want.projects === 0) {
				assert.match(page, /Inga projekt har beviljats i det här urvalet\./);
				assert.doesNotMatch(page, /<svg/);
				assert.doesNotMatch(page, /members-heading/);
				continue;
			}
			assert.deepEqual(members(page), want.members, `round ${round}: members`);
			for (const [id, rows] of Object.entries(want.figures)) {
				const f = figure(page, id);
				assert.deepEqual(f.rows.map((r) => [r.label, ...r.cells]), rows, `round ${round}: figure ${id}`);
				checkChart(f, id, id === 'approved' || id === 'disbursed');
			}
		}
	});

	test('the amounts per year: approved by the decision\'s year, disbursed by the payment\'s, on the same years', async () => {
		const page = (await sida.get('/statistics')).text;
		const approved = figure(page, 'approved');
		const disbursed = figure(page, 'disbursed');
		assert.deepEqual(approved.rows.map((r) => r.label), disbursed.rows.map((r) => r.label));
		assert.equal(approved.heading, 'Beviljat belopp per år (kr)');
		const sum = (f) => f.rows.reduce((n, r) => n + Number(r.cells[0].replace(/[^0-9]/g, '')), 0);
		assert.equal(sum(approved), Number(await one('SELECT SUM(amount) FROM project_years')));
		assert.equal(sum(disbursed), Number(await one('SELECT SUM(amount) FROM disbursements')));
		assert.match(page, new RegExp(`<dt>Beviljat totalt</dt><dd>${escapeRe(kr(sum(approved)))}</dd>`));
		assert.match(page, new RegExp(`<dt>Utbetalt totalt</dt><dd>${escapeRe(kr(sum(disbursed)))}</dd>`));
	});
});

describe('the round filter', () => {
	test('a value that names no round is a 400, never SQL; empty means every round', async () => {
		for (const bad of ['abc', '0', '-1', '1x', ' 1', '01', '99999999', '1e3', '999999999999999999999', "1' OR '1'='1"]) {
			const res = await admin.get(`/statistics?round=${encodeURIComponent(bad)}`);
			assert.equal(res.status, 400, `round=${JSON.stringify(bad)}`);
			assert.match(res.text, /<html/);
		}
		const all = await admin.get('/statistics?round=');
		assert.equal(all.status, 200);
		assert.match(all.text, /<option value="" selected>|<option value="">Alla utlysningar<\/option>/);
		assert.match(all.text, /<p class="lead">Urval: Alla utlysningar<\/p>/);
		const open = await one('SELECT id FROM rounds WHERE year = 2017');
		const none = await admin.get(`/statistics?round=${open}`);
		assert.equal(none.status, 200, 'a round without projects yet is a round');
		assert.match(none.text, /Inga projekt har beviljats i det här urvalet\./);
	});

	test('the filter is a GET form with a labelled select of every round, and the language switch keeps it', async () => {
		const page = (await admin.get(`/statistics?round=${round2016}`)).text;
		assert.match(page, /<form class="filter" method="get" action="\/statistics">/);
		assert.match(page, /<label for="round">Utlysning<\/label>/);
		const options = [...page.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
		assert.deepEqual(options, (await q('SELECT id FROM rounds ORDER BY year DESC')).map((r) => r[0]));
		assert.match(page, new RegExp(`<input type="hidden" name="back" value="/statistics\\?round=${round2016}">`));
	});
});

describe('cost', () => {
	test('the page is one SQL statement, and none while the data stays the same', async () => {
		await q('UPDATE data_version SET v = v + 1 WHERE id = 1');	// whatever earlier tests cached is stale now
		await stack.statements(admin, '/accessibility');
		await stack.statements(sida, '/accessibility');
		const session = await stack.statements(admin, '/accessibility');	// what any signed-in page costs
		assert.equal(await stack.statements(admin, '/statistics'), session + 1, 'cold: one statement for every figure');
		assert.equal(await stack.statements(admin, '/statistics'), session, 'warm: from the cache');
		assert.equal(await stack.statements(sida, '/statistics'), session, 'the cache is the worker\'s, not the session\'s');
		assert.equal(await stack.statements(admin, `/statistics?round=${round2016}`), session + 1, 'another round: its own entry');
		assert.equal(await stack.statements(admin, `/statistics?round=${round2016}`), session);
	});

	test('a project added to the data shows on the next request: the cache follows data_version', async () => {
		const before = (await admin.get(`/statistics?round=${round2016}`)).text;
		const kenya = () => Number(figure(before, 'countries').rows.find((r) => r.label === 'Kenya').cells[0]);
		const k0 = kenya();
		const p0 = stat(before, 'beviljade projekt');
		const [[v0]] = await q('SELECT v FROM data_version');
		await q(`INSERT INTO applications (round_id, project_type, applicant_org_id, country_code, thematic_area_id, title_sv, status, submitted_at)
			SELECT ${round2016}, 'project', o.id, 'KE', 8, 'Statistiktest', 'approved', '2016-03-31 12:00:00'
			FROM organisations o WHERE o.name = 'Ystads kommun'`);
		const app = await one("SELECT MAX(id) FROM applications WHERE title_sv = 'Statistiktest'");
		await q(`INSERT INTO projects (code, application_id, status, planned_start, planned_end) VALUES ('2016-0999', ${app}, 'implementation', '2016-07-01', '2018-06-30')`);
		const pid = await one("SELECT id FROM projects WHERE code = '2016-0999'");
		await q(`INSERT INTO project_years (project_id, year, starts_on, ends_on, amount) VALUES (${pid}, 1, '2016-07-01', '2017-06-30', 400000), (${pid}, 2, '2017-07-01', '2018-06-30', 350000)`);
		const [[v1]] = await q('SELECT v FROM data_version');
		assert.ok(BigInt(v1) > BigInt(v0), 'the triggers moved data_version on');
		const after = (await admin.get(`/statistics?round=${round2016}`)).text;
		const f = figure(after, 'countries');
		assert.equal(Number(f.rows.find((r) => r.label === 'Kenya').cells[0]), k0 + 1);
		assert.equal(stat(after, 'beviljade projekt'), p0 + 1);
		assert.ok(figure(after, 'themes').rows.some((r) => r.label === 'Utbildning' && r.cells[0] === '1'), 'a thematic area new to the round');
		assert.ok(members(after).some(([n, c]) => n === 'Ystads kommun' && c >= 1));
		// No decision row: approved in its round's year.
		const want = await expected(`a.round_id = ${round2016}`);
		assert.deepEqual(figure(after, 'approved').rows.map((r) => [r.label, ...r.cells]), want.figures.approved);
		assert.deepEqual(figure(after, 'active').rows.map((r) => [r.label, ...r.cells]), want.figures.active);
		checkChart(f, 'countries', false);
	});
});
