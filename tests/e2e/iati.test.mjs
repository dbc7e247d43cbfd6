// iati.test.mjs - the Sida export (GET /export/iati.xml, GET /export, kpp-export) against the demo data: valid
// against IATI's 2.03 schema (xmllint), every code from its codelist, what each activity must carry checked
// with SQL, kpp's own rule check clean; then projects broken with SQL reported with IATI's rule ids and links to
// where to fix them, on /export and on their pages; escaping and other scripts; the command line's file, the same
// bytes as the web's, and none at all when the database is unreachable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStack, run, setIni, BUILD, textOf } from './harness.mjs';
import { xmllint, activities, attrs, codeProblems } from './lib/iati.mjs';

const ORG_REF = 'SE-ON-2220000315';
// What conf/kpp.conf, from which the tests' configuration is made, says of Sida's activity and the portal.
const CONF = fs.readFileSync(new URL('../../conf/kpp.conf', import.meta.url), 'utf8');
const SIDA_ACTIVITY = CONF.match(/^sida_activity_id = (.+)$/m)[1];
const PUBLIC_URL = CONF.match(/^public_url = (.+)$/m)[1];

let stack, q, one, admin, sida, applicant, scratch;

before(async () => {
	({ stack, q, one, admin, sida, applicant } = await openStack({ workers: 2 }, ['admin', 'sida', 'applicant']));
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kpp-iati-'));
});

after(async () => {
	await stack?.stop();
	if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** GET path as s, expecting the XML download; its text. */
async function download(s, p) {
	const res = await s.get(p);
	assert.equal(res.status, 200, `${p} answers 200`);
	assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
	return { text: res.text, disposition: res.headers['content-disposition'] };
}

/** The rows of a problems table: [{code, rule, text, fix}] (code only on /export). */
function problemRows(html) {
	const rows = [];
	for (const m of html.matchAll(/<tr>(?:<th scope="row"><a href="\/projects\/([0-9-]+)">[^<]*<\/a><\/th>)?<td class="rule">([^<]*)<\/td><td>([\s\S]*?)<\/td>(?:<td>([\s\S]*?)<\/td>)?<\/tr>/g)) {
		const fix = m[4] !== undefined ? (m[4].match(/href="([^"]*)"/) || [])[1] ?? null : undefined;
		rows.push({ code: m[1], rule: m[2], text: textOf(m[3]), fix });
	}
	return rows;
}

// What ICLD judged eligible of each approved report: each category's reported cost up to its approved line, the
// whole up to the year's approved amount; its decision's day.
const ELIGIBLE = `SELECT DATE_FORMAT(r.decided_at, '%Y-%m-%d') AS day,
	LEAST(SUM(LEAST(f.actual_amount, IFNULL(bl.amount, 0))), y.amount) AS eligible, SUM(f.actual_amount) AS reported
	FROM reports r JOIN report_financial_lines f ON f.report_id = r.id
	JOIN project_years y ON y.project_id = r.project_id AND y.year = r.project_year
	LEFT JOIN project_budget_lines bl ON bl.project_id = r.project_id AND bl.year = r.project_year AND bl.category = f.category
	WHERE r.status = 'approved'`;

const ACTIVE_2016 = `COALESCE(p.actual_start, p.planned_start) <= '2016-12-31'
	AND COALESCE(p.actual_end, p.planned_end) >= '2016-01-01'`;

describe('the demo export', () => {
	let xml;

	before(async () => {
		({ text: xml } = await download(sida, '/export/iati.xml'));
	});

	test('is valid against the IATI 2.03 schema, one activity per project', async () => {
		const lint = await xmllint(xml);
		assert.ok(lint.ok, `xmllint: ${lint.out.slice(0, 2000)}`);
		assert.match(lint.out, /validates$/);
		assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03" generated-datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">/);
		const n = Number(await one('SELECT COUNT(*) FROM projects'));
		assert.ok(n > 90, `${n} demo projects`);
		assert.equal(activities(xml).size, n);
		const codes = (await q('SELECT code FROM projects ORDER BY code')).map((r) => `${ORG_REF}-${r[0]}`);
		assert.deepEqual([...activities(xml).keys()], codes, 'every project, in code order, by its stable identifier');
	});

	test('uses only codes of the codelists, none withdrawn', () => {
		const uses = [
			['iati-activities', 'version', 'Version'], ['iati-activity', 'default-currency', 'Currency'],
			['iati-activity', 'xml:lang', 'Language'], ['narrative', 'xml:lang', 'Language'],
			['reporting-org', 'type', 'OrganisationType'], ['participating-org', 'type', 'OrganisationType'],
			['participating-org', 'role', 'OrganisationRole'], ['provider-org', 'type', 'OrganisationType'],
			['receiver-org', 'type', 'OrganisationType'], ['description', 'type', 'DescriptionType'],
			['activity-status', 'code', 'ActivityStatus'], ['activity-date', 'type', 'ActivityDateType'],
			['contact-info', 'type', 'ContactType'], ['recipient-country', 'code', 'Country'],
			['sector', 'vocabulary', 'SectorVocabulary'], ['sector', 'code', 'Sector'],
			['tag', 'vocabulary', 'TagVocabulary'], ['tag', 'code', 'UNSDG-Goals'],
			['policy-marker', 'vocabulary', 'PolicyMarkerVocabulary'], ['policy-marker', 'code', 'PolicyMarker'],
			['policy-marker', 'significance', 'PolicySignificance'],
			['collaboration-type', 'code', 'CollaborationType'], ['default-flow-type', 'code', 'FlowType'],
			['default-finance-type', 'code', 'FinanceType'], ['default-aid-type', 'code', 'AidType'],
			['default-aid-type', 'vocabulary', 'AidTypeVocabulary'], ['budget', 'type', 'BudgetType'],
			['budget', 'status', 'BudgetStatus'], ['transaction-type', 'code', 'TransactionType'],
			['related-activity', 'type', 'RelatedActivityType'], ['result', 'type', 'ResultType'],
			['indicator', 'measure', 'IndicatorMeasure'], ['category', 'code', 'DocumentCategory'],
			['language', 'code', 'Language'],
		];
		assert.deepEqual(codeProblems(xml, uses), []);
		assert.deepEqual(new Set(attrs(xml, 'sector', 'vocabulary')), new Set(['1']), 'sectors are DAC 5-digit codes');
		assert.deepEqual(new Set(attrs(xml, 'tag', 'vocabulary')), new Set(['2']), 'tags are SDG goals');
	});

	test('each activity carries the elements kpp maps, from the project\'s data', async () => {
		// A follow-up of an inception with a title in the partner's language: the most parts a demo activity has.
		const [[code, pid, aid, gm]] = await q(`SELECT p.code, p.id, a.id, p.gender_marker FROM projects p
			JOIN applications a ON a.id = p.application_id
			WHERE p.follows_project_id IS NOT NULL AND a.title_local IS NOT NULL
			ORDER BY (SELECT COUNT(*) FROM disbursements d WHERE d.project_id = p.id) DESC, p.code LIMIT 1`);
		const act = activities(xml).get(`${ORG_REF}-${code}`);
		assert.ok(act, `the activity of ${code}`);
		const [[tsv, ten, tloc, tlang, country, dac, follows, status]] = await q(`SELECT a.title_sv, a.title_en,
			a.title_local, a.title_local_lang, a.country_code, t.dac_code, fp.code, p.status FROM projects p
			JOIN applications a ON a.id = p.application_id JOIN thematic_areas t ON t.id = a.thematic_area_id
			JOIN projects fp ON fp.id = p.follows_project_id WHERE p.id = ${pid}`);
		assert.match(act, /^<iati-activity last-updated-datetime="[^"]+Z" xml:lang="en" default-currency="SEK">/);
		const narr = (lang, text) => `<narrative${lang ? ` xml:lang="${lang}"` : ''}>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</narrative>`;
		const title = act.match(/<title>([\s\S]*?)<\/title>/)[1];
		assert.ok(title.includes(narr(null, ten)) && title.includes(narr('sv', tsv)) && title.includes(narr(tlang, tloc)),
			'titles in English, Swedish and the partner\'s language');
		assert.match(act, /<description type="1">\s*<narrative>[^<]+<\/narrative>\s*<narrative xml:lang="sv">/);
		const [[sloc]] = await q(`SELECT summary_local FROM applications WHERE id = ${aid}`);
		assert.ok(sloc && act.match(/<description type="1">([\s\S]*?)<\/description>/)[1].includes(narr(tlang, sloc)),
			'the summary in the partner\'s language');
		assert.ok(act.includes(`<participating-org ref="SE-0" type="10" role="1" activity-id="${SIDA_ACTIVITY}">`),
			'Sida funds it through its activity for the ICLD grant');
		assert.match(act, new RegExp(`<participating-org ref="${ORG_REF}" type="15" role="3">`));
		const [[orgnr]] = await q(`SELECT o.org_number FROM applications a JOIN organisations o ON o.id = a.applicant_org_id WHERE a.id = ${aid}`);
		assert.match(act, new RegExp(`<participating-org ref="SE-ON-${orgnr.replace('-', '')}" type="11" role="4">`));
		const partners = Number(await one(`SELECT COUNT(*) FROM application_partners WHERE application_id = ${aid}`));
		assert.equal((act.match(/<participating-org type="11" role="4">/g) || []).length, partners, 'the partners implement');
		const statusCode = { implementation: '2', finalisation: '3', closed: '4', cancelled: '5' }[status];
		assert.match(act, new RegExp(`<activity-status code="${statusCode}"/>`));
		assert.deepEqual(attrs(act, 'activity-date', 'type').slice(0, 1), ['1']);
		assert.match(act, new RegExp(`<recipient-country code="${country}" percentage="100">`));
		assert.match(act, new RegExp(`<sector vocabulary="1" code="${dac}" percentage="100"/>`));
		// Each partner municipality is a location, with its coordinates as stored, lat first.
		const places = await q(`SELECT o.name, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM o.lat)),
			TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM o.lng)) FROM application_partners ap
			JOIN organisations o ON o.id = ap.org_id WHERE ap.application_id = ${aid} ORDER BY ap.position`);
		const locs = [...act.matchAll(/<location>([\s\S]*?)<\/location>/g)].map((m) => m[1]);
		assert.equal(locs.length, places.length);
		places.forEach(([name, lat, lng], i) => {
			const flat = locs[i].replace(/>\s+</g, '><');
			assert.ok(flat.includes(`<location-reach code="1"/><name><narrative>${name}</narrative>`), `location ${i} named ${name}`);
			assert.ok(flat.includes(`<point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>${lat} ${lng}</pos></point>`), `${name} at ${lat} ${lng}`);
		});
		const [[capital]] = await q(`SELECT TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM capital_spend)) FROM projects WHERE id = ${pid}`);
		assert.ok(act.includes(`<capital-spend percentage="${capital || '0'}"/>`), 'capital spend');
		assert.ok(act.includes(`<document-link url="${PUBLIC_URL}/partnerships/${code}" format="text/html">`), 'the public page');
		assert.match(act, /<category code="A12"\/>\s*<language code="sv"\/>\s*<language code="en"\/>\s*<\/document-link>/);
		const goals = (await q(`SELECT goal FROM application_sdgs WHERE application_id = ${aid} ORDER BY goal`)).map((r) => r[0]);
		assert.deepEqual(attrs(act, 'tag', 'code'), goals);
		assert.match(act, new RegExp(`<policy-marker vocabulary="1" code="1" significance="${gm}"/>`));
		assert.match(act, /<collaboration-type code="1"\/>\s*<default-flow-type code="10"\/>\s*<default-finance-type code="110"\/>\s*<default-aid-type code="C01" vocabulary="1"\/>/);
		assert.match(act, new RegExp(`<related-activity ref="${ORG_REF}-${follows}" type="3"/>`));
		const results = Number(await one(`SELECT COUNT(DISTINCT er.id) FROM objectives o JOIN expected_results er ON er.objective_id = o.id JOIN indicators i ON i.result_id = er.id WHERE o.application_id = ${aid}`));
		assert.equal((act.match(/<result type="1">/g) || []).length, results);
		assert.match(act, /<indicator measure="[125]"[^>]*>\s*<title>\s*<narrative>[^<]+<\/narrative>/);
		assert.match(act, /<baseline year="\d{4}"/);
		assert.match(act, /<contact-info type="1">\s*<organisation>\s*<narrative>International Centre for Local Democracy \(ICLD\)<\/narrative>\s*<\/organisation>\s*<email>info@icld.se<\/email>/);
		// The inception it follows names it back.
		assert.match(activities(xml).get(`${ORG_REF}-${follows}`), new RegExp(`<related-activity ref="${ORG_REF}-${code}" type="3"/>`));
	});

	test('budgets, the commitment, disbursements and expenditure come from the project\'s years, decision, payments and reports', async () => {
		const [[code, pid, aid]] = await q(`SELECT p.code, p.id, p.application_id FROM projects p
			ORDER BY (SELECT COUNT(*) FROM disbursements d WHERE d.project_id = p.id) DESC, p.code LIMIT 1`);
		const act = activities(xml).get(`${ORG_REF}-${code}`);
		// One budget per project year; the commitment is their sum at the decision; disbursements as paid.
		const years = await q(`SELECT DATE_FORMAT(starts_on, '%Y-%m-%d'), DATE_FORMAT(ends_on, '%Y-%m-%d'), amount FROM project_years WHERE project_id = ${pid} ORDER BY year`);
		const budgets = [...act.matchAll(/<budget type="1" status="2">\s*<period-start iso-date="([^"]+)"\/>\s*<period-end iso-date="([^"]+)"\/>\s*<value value-date="([^"]+)">(\d+)<\/value>/g)].map((m) => [m[1], m[2], m[4]]);
		assert.deepEqual(budgets, years);
		const tx = [...act.matchAll(/<transaction-type code="(\d)"\/>\s*<transaction-date iso-date="([^"]+)"\/>\s*<value value-date="([^"]+)">(\d+)<\/value>/g)].map((m) => ({ type: m[1], date: m[2], value: Number(m[4]) }));
		const [[decided, approved]] = await q(`SELECT DATE_FORMAT(d.decided_at, '%Y-%m-%d'), (SELECT SUM(amount) FROM project_years WHERE project_id = ${pid}) FROM decisions d WHERE d.application_id = ${aid}`);
		assert.deepEqual(tx.filter((t) => t.type === '2'), [{ type: '2', date: decided, value: Number(approved) }]);
		const paid = (await q(`SELECT DATE_FORMAT(paid_on, '%Y-%m-%d'), amount FROM disbursements WHERE project_id = ${pid} ORDER BY paid_on, id`)).map((r) => ({ type: '3', date: r[0], value: Number(r[1]) }));
		assert.ok(paid.length > 0);
		assert.deepEqual(tx.filter((t) => t.type === '3'), paid);
		const spent = (await q(`${ELIGIBLE} AND r.project_id = ${pid} GROUP BY r.id, y.amount
			HAVING eligible > 0 ORDER BY 1`)).map((r) => ({ type: '4', date: r[0], value: Number(r[1]) }));
		assert.deepEqual(tx.filter((t) => t.type === '4'), spent, 'expenditure: what ICLD approved as eligible of the approved reports');
		for (const m of act.matchAll(/<transaction>\s*<transaction-type code="4"\/>[\s\S]*?<\/transaction>/g))
			assert.match(m[0], /<description>\s*<narrative>Eligible costs approved in the progress report for project year \d: the reported costs, each cost category up to its approved budget line, at most the year's approved amount<\/narrative>/);
		const funds = (await q(`SELECT DATE_FORMAT(received_on, '%Y-%m-%d'), amount FROM incoming_funds WHERE project_id = ${pid} ORDER BY received_on, id`)).map((r) => ({ type: '1', date: r[0], value: Number(r[1]) }));
		assert.ok(funds.length > 0);
		assert.deepEqual(tx.filter((t) => t.type === '1'), funds, 'incoming funds as recorded');
		for (const m of act.matchAll(/<transaction>\s*<transaction-type code="1"\/>[\s\S]*?<\/transaction>/g)) {
			assert.ok(m[0].includes(`<provider-org ref="SE-0" provider-activity-id="${SIDA_ACTIVITY}" type="10">`), 'traced to Sida\'s activity');
			assert.ok(m[0].includes(`<receiver-org ref="${ORG_REF}" receiver-activity-id="${ORG_REF}-${code}" type="15">`));
		}
		assert.deepEqual(tx.map((t) => t.date), tx.map((t) => t.date).sort(), 'transactions by date');
		// The indicators' actual values, as the approved reports state them.
		const values = (await q(`SELECT DISTINCT TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM iv.actual_value))
			FROM reports r JOIN indicator_values iv ON iv.report_id = r.id
			WHERE r.project_id = ${pid} AND r.status = 'approved' AND iv.actual_value IS NOT NULL
			AND NOT (r.kind = 'progress' AND EXISTS (SELECT 1 FROM reports f WHERE f.project_id = r.project_id
				AND f.kind = 'final' AND f.status = 'approved' AND f.project_year = r.project_year))`)).map((r) => r[0]);
		assert.ok(values.length > 0);
		for (const v of values) assert.match(act, new RegExp(`<actual value="${v.replace('.', '\\.')}"`));
	});

	test('kpp\'s own check reports nothing: /export says valid, with the totals of the file', async () => {
		const res = await admin.get('/export');
		assert.equal(res.status, 200);
		const n = await one('SELECT COUNT(*) FROM projects');
		assert.equal(textOf(res.text.match(/<span class="stat-number" id="activities">([^<]*)<\/span>/)[1]), n);
		assert.match(res.text, /<p id="validity"><strong class="tag tag-approved">/);
		assert.deepEqual(problemRows(res.text), []);
		// The totals are the file's own sums: budgets by the year their period starts, each transaction type by the
		// year of its date, in the columns budget, incoming funds (1), commitments (2), disbursements (3), expenditure (4).
		const want = new Map();
		const add = (year, col, v) => {
			if (!want.has(year)) want.set(year, [0, 0, 0, 0, 0]);
			want.get(year)[col] += v;
		};
		for (const m of xml.matchAll(/<budget [^>]*>\s*<period-start iso-date="(\d{4})[^"]*"\/>[\s\S]*?<value value-date="[^"]*">(\d+)<\/value>/g))
			add(m[1], 0, Number(m[2]));
		for (const m of xml.matchAll(/<transaction-type code="(\d)"\/>\s*<transaction-date iso-date="(\d{4})[^"]*"\/>\s*<value value-date="[^"]*">(\d+)<\/value>/g))
			add(m[2], Number(m[1]), Number(m[3]));
		assert.equal(res.text.match(/<thead><tr>[\s\S]*?<\/tr><\/thead>/)[0].replace(/<[^>]+>/g, '|').split('|').filter((c) => c).join(' / '),
			'År / Valuta / Budget / Medel mottagna från Sida / Åtaganden / Utbetalningar / Kostnader');
		const cells = (row) => [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => Number(m[1].replace(/\D/g, '')));
		const rows = new Map([...res.text.matchAll(/<tr><th scope="row"><a href="\/export\?year=(\d+)">\d+<\/a><\/th><td>SEK<\/td>([\s\S]*?)<\/tr>/g)]
			.map((m) => [m[1], cells(m[2])]));
		assert.deepEqual(rows, want, 'each year\'s row is the file\'s sums');
		const total = [0, 1, 2, 3, 4].map((k) => [...want.values()].reduce((t, v) => t + v[k], 0));
		assert.deepEqual(cells(res.text.match(/<tfoot><tr>[\s\S]*?<\/tr><\/tfoot>/)[0]), total, 'the sums of the file in total');
		// And the file's are the database's: funds from Sida as recorded, disbursements as paid, expenditure what
		// ICLD approved as eligible, which the demo's reports exceed.
		assert.equal(total[1], Number(await one('SELECT SUM(amount) FROM incoming_funds')));
		assert.equal(total[3], Number(await one('SELECT SUM(amount) FROM disbursements')));
		const [[eligible, reported]] = await q(`SELECT SUM(eligible), SUM(reported) FROM (${ELIGIBLE} GROUP BY r.id, y.amount) e`);
		assert.equal(total[4], Number(eligible));
		assert.ok(Number(reported) > Number(eligible), `reported ${reported} > eligible ${eligible}`);
	});

	test('?year= holds the projects active that year; anything but a year is 400', async () => {
		const { text, disposition } = await download(sida, '/export/iati.xml?year=2016');
		assert.equal(disposition, 'attachment; filename="iati-activities-2016.xml"');
		const want = (await q(`SELECT code FROM projects p WHERE ${ACTIVE_2016} ORDER BY code`)).map((r) => `${ORG_REF}-${r[0]}`);
		assert.ok(want.length > 0 && want.length < activities(xml).size);
		assert.deepEqual([...activities(text).keys()], want);
		assert.ok((await xmllint(text, 'y2016.xml')).ok);
		const page = await sida.get('/export?year=2016');
		assert.equal(page.status, 200);
		assert.equal(textOf(page.text.match(/id="activities">([^<]*)</)[1]), String(want.length));
		assert.match(page.text, /href="\/export\/iati.xml\?year=2016"/);
		for (const bad of ['20x6', '1899', '20161', '', '%32%30%31%36%00'])
			for (const p of ['/export/iati.xml', '/export'])
				assert.equal((await sida.get(`${p}?year=${bad}`)).status, 400, `${p}?year=${bad}`);
		// A year without projects: an empty list, which the page says cannot be sent.
		const none = await admin.get('/export?year=1990');
		assert.equal(textOf(none.text.match(/id="activities">([^<]*)</)[1]), '0');
		assert.match(none.text, /<p id="validity"><strong class="tag tag-rejected">/);
	});

	test('ICLD and Sida may export; an applicant gets 404, and Sida no links to ICLD\'s pages', async () => {
		for (const s of [admin, sida]) {
			assert.equal((await s.get('/export')).status, 200);
			assert.equal((await s.get('/export/iati.xml')).status, 200);
		}
		for (const p of ['/export', '/export/iati.xml', '/export/iati.xml?year=2016'])
			assert.equal((await applicant.get(p)).status, 404, `applicant: ${p}`);
		assert.equal((await stack.session().get('/export/iati.xml')).status, 303, 'signed out: to the sign-in page');
		// The project page shows the check to ICLD only.
		const code = await one('SELECT MIN(code) FROM projects');
		assert.match((await admin.get(`/projects/${code}`)).text, /<h2 id="iati">/);
		assert.doesNotMatch((await sida.get(`/projects/${code}`)).text, /id="iati"/);
	});
});

describe('broken projects', () => {
	let long, reversed, unsorted, unsortedApp, broken, yearBefore;

	before(async () => {
		const codes = (await q(`SELECT p.code, p.id, p.application_id FROM projects p
			JOIN project_years y ON y.project_id = p.id AND y.year = 1 ORDER BY p.code LIMIT 3`));
		[long, reversed, unsorted] = codes.map((r) => ({ code: r[0], id: r[1], app: r[2] }));
		unsortedApp = unsorted.app;
		yearBefore = (await q(`SELECT DATE_FORMAT(starts_on, '%Y-%m-%d'), DATE_FORMAT(ends_on, '%Y-%m-%d'), amount
			FROM project_years WHERE project_id = ${long.id} AND year = 1`))[0];
		// The database's CHECKs refuse all three; an older import or a hand edit could still leave them.
		await q(`SET SESSION check_constraint_checks = 0;
			UPDATE project_years SET ends_on = ends_on + INTERVAL 3 MONTH WHERE project_id = ${long.id} AND year = 1;
			UPDATE projects SET planned_end = planned_start - INTERVAL 1 DAY WHERE id = ${reversed.id};
			UPDATE applications SET thematic_area_id = NULL WHERE id = ${unsortedApp};`);
		broken = await admin.get('/export');
	});

	test('/export says the file is not valid and lists each with its rule id, linked to where to fix it', async () => {
		assert.equal(broken.status, 200);
		assert.match(broken.text, /<p id="validity"><strong class="tag tag-rejected">/);
		const rows = problemRows(broken.text);
		const find = (code, rule) => rows.find((r) => r.code === code && r.rule === rule);
		const split = find(long.code, '7.5.3');
		assert.ok(split, `7.5.3 for ${long.code}: ${JSON.stringify(rows)}`);
		assert.equal(split.fix, `/projects/${long.code}#budget`);
		assert.ok(split.text.includes(`${yearBefore[0]} – `), split.text);
		const order = find(reversed.code, '11.1.2');
		assert.ok(order, `11.1.2 for ${reversed.code}`);
		assert.equal(order.fix, `/projects/${reversed.code}`);
		const sector = find(unsorted.code, '6.2.2');
		assert.ok(sector, `6.2.2 for ${unsorted.code}`);
		assert.equal(sector.fix, `/applications/${unsortedApp}#project`);
		assert.deepEqual([...new Set(rows.map((r) => r.code))].sort(), [long.code, reversed.code, unsorted.code].sort(),
			'no other project has a problem');
		// Errors for the two the file cannot carry; the year is split, a warning.
		assert.equal(textOf(broken.text.match(/id="failing">([^<]*)</)[1]), '2');
		assert.equal(textOf(broken.text.match(/id="warned">([^<]*)</)[1]), '1');
		// Sida reads the same list without the links into ICLD's pages.
		const forSida = problemRows((await sida.get('/export')).text);
		assert.equal(forSida.length, rows.length);
		assert.ok(forSida.every((r) => r.fix === undefined));
	});

	test('each project\'s page shows its problems to ICLD, with the rule id and the link', async () => {
		for (const [p, rule, fix] of [[long, '7.5.3', `/projects/${long.code}#budget`],
			[reversed, '11.1.2', `/projects/${reversed.code}`],
			[unsorted, '6.2.2', `/applications/${unsortedApp}#project`]]) {
			const page = await admin.get(`/projects/${p.code}`);
			assert.equal(page.status, 200);
			const section = page.text.slice(page.text.indexOf('<h2 id="iati">'));
			const rows = problemRows(section.slice(0, section.indexOf('</table>') + 8));
			assert.ok(rows.some((r) => r.rule === rule && r.fix === fix), `${p.code}: ${rule} → ${fix}: ${JSON.stringify(rows)}`);
			assert.equal((await admin.get(fix.replace(/#.*/, ''))).status, 200, `${fix} opens`);
		}
		const clean = await one(`SELECT MAX(code) FROM projects`);
		assert.match((await admin.get(`/projects/${clean}`)).text, /<strong class="tag tag-approved">/);
	});

	test('the file splits the long year into periods of at most a year by the calendar, and stays schema-valid', async () => {
		const { text } = await download(admin, '/export/iati.xml');
		assert.ok((await xmllint(text, 'broken.xml')).ok, 'the reversed dates and the missing sector break rules, not the schema');
		const act = activities(text).get(`${ORG_REF}-${long.code}`);
		const periods = [...act.matchAll(/<budget type="1" status="2">\s*<period-start iso-date="([^"]+)"\/>\s*<period-end iso-date="([^"]+)"\/>\s*<value value-date="[^"]+">(\d+)<\/value>/g)]
			.map((m) => ({ start: m[1], end: m[2], value: Number(m[3]) }));
		const [[ends]] = await q(`SELECT DATE_FORMAT(ends_on, '%Y-%m-%d') FROM project_years WHERE project_id = ${long.id} AND year = 1`);
		const first = periods.filter((b) => b.start >= yearBefore[0] && b.end <= ends);
		assert.equal(first.length, 2, JSON.stringify(periods));
		assert.equal(first[0].start, yearBefore[0]);
		assert.equal(first[1].end, ends);
		assert.equal(first[0].value + first[1].value, Number(yearBefore[2]), 'the amount shared out, to the krona');
		for (const b of first) {
			// start + 1 year >= end, by the calendar (29 February + 1 year is 1 March)
			const s = new Date(`${b.start}T00:00:00Z`);
			const limit = new Date(Date.UTC(s.getUTCFullYear() + 1, s.getUTCMonth(), s.getUTCDate()));
			assert.ok(new Date(`${b.end}T00:00:00Z`) <= limit, `${b.start} – ${b.end} is at most a year`);
		}
		assert.ok(!activities(text).get(`${ORG_REF}-${unsorted.code}`).includes('<sector '));
	});
});

describe('text', () => {
	test('XML\'s special characters, other scripts and forbidden controls come out right', async () => {
		const [[code, aid]] = await q('SELECT code, application_id FROM projects ORDER BY code DESC LIMIT 1');
		await q(`UPDATE applications SET title_en = CONCAT('Roads & <bridges> "quoted" ', CHAR(1), 'end'),
			title_local = '基苏木县的公民对话 – Кисуму – كيسومو', title_local_lang = 'zh',
			summary_en = CONCAT('Line one', CHAR(13), CHAR(10), 'Line two ', CHAR(27), 'Ωμέγα') WHERE id = ${aid}`);
		const { text } = await download(admin, '/export/iati.xml');
		const lint = await xmllint(text, 'text.xml');
		assert.ok(lint.ok, lint.out.slice(0, 1000));
		const act = activities(text).get(`${ORG_REF}-${code}`);
		assert.ok(act.includes('<narrative>Roads &amp; &lt;bridges&gt; &quot;quoted&quot; end</narrative>'), act.slice(0, 1500));
		assert.ok(act.includes('<narrative xml:lang="zh">基苏木县的公民对话 – Кисуму – كيسومو</narrative>'));
		assert.ok(act.includes('Line two Ωμέγα'));
		assert.ok(!/[\x01\x1b]/.test(text), 'no control character XML 1.0 forbids');
	});
});

describe('kpp-export', () => {
	const exporter = path.join(BUILD, 'kpp-export');
	const stamp = (s) => s.replace(/ generated-datetime="[^"]*"/, '');

	test('writes the same file as the web export, but for the time it was made', async () => {
		const out = path.join(scratch, 'cli', 'iati-activities.xml');
		fs.mkdirSync(path.dirname(out), { recursive: true });
		const r = await run(exporter, ['-c', stack.confPath, '--output', out]);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stderr, /activities written to/);
		const { text } = await download(sida, '/export/iati.xml');
		const file = fs.readFileSync(out, 'utf8');
		assert.equal(stamp(file), stamp(text));
		assert.deepEqual(fs.readdirSync(path.dirname(out)), ['iati-activities.xml'], 'no temporary file left beside it');
		const y = await run(exporter, ['-c', stack.confPath, '--year', '2016']);
		assert.equal(y.code, 0, y.stderr);
		assert.equal(stamp(y.stdout), stamp((await download(sida, '/export/iati.xml?year=2016')).text), 'standard output, ?year');
	});

	test('exits non-zero and writes nothing when the database is unreachable', async () => {
		const conf = path.join(scratch, 'unreachable.conf');
		fs.writeFileSync(conf, setIni(fs.readFileSync(stack.confPath, 'utf8'),
			{ 'database.socket': path.join(scratch, 'no-such-mysqld.sock') }), { mode: 0o600 });
		const dir = path.join(scratch, 'down');
		fs.mkdirSync(dir);
		const r = await run(exporter, ['-c', conf, '--output', path.join(dir, 'iati.xml')]);
		assert.notEqual(r.code, 0);
		assert.match(r.stderr, /nothing written/);
		assert.deepEqual(fs.readdirSync(dir), []);
		// Yesterday's file is kept whole rather than replaced by nothing.
		fs.writeFileSync(path.join(dir, 'iati.xml'), 'yesterday');
		const again = await run(exporter, ['-c', conf, '--output', path.join(dir, 'iati.xml')]);
		assert.notEqual(again.code, 0);
		assert.deepEqual(fs.readdirSync(dir), ['iati.xml']);
		assert.equal(fs.readFileSync(path.join(dir, 'iati.xml'), 'utf8'), 'yesterday');
		const stdout = await run(exporter, ['-c', conf]);
		assert.notEqual(stdout.code, 0);
		assert.equal(stdout.stdout, '', 'nothing on standard output either');
	});

	test('refuses what is not a year, writing nothing', async () => {
		const dir = path.join(scratch, 'badyear');
		fs.mkdirSync(dir);
		const r = await run(exporter, ['-c', stack.confPath, '--year', '16', '--output', path.join(dir, 'x.xml')]);
		assert.equal(r.code, 2);
		assert.deepEqual(fs.readdirSync(dir), []);
	});
});
