// comprehensiveness.test.mjs - full marks on IATI's Dashboard's comprehensiveness tests: the demo's public activity
// file scored by an independent reading of the Dashboard's methodology (lib/dashboard.mjs) passes every test for every
// current activity, and /export shows the same scores, test by test; data broken with SQL shows up on both, with the
// projects that miss a test linked to where to fix them (for ICLD; Sida sees the scores without the links).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, textOf, DEMO_TODAY } from './harness.mjs';
import { comprehensiveness, TESTS } from './lib/dashboard.mjs';

const ORG_REF = 'SE-ON-2220000315';

let stack, q, one, admin, sida;

before(async () => {
	({ stack, q, one, admin, sida } = await openStack({ workers: 2 }, ['admin', 'sida']));
});

after(() => stack?.stop());

const publicFile = async () => {
	const res = await stack.get('/iati/activities.xml');
	assert.equal(res.status, 200);
	return res.text;
};

/** The scores /export shows: {t: {denominator, numerator, percent}} and the misses {t: [[code, fixHref]]}. */
async function exportScores(s, url = '/export') {
	const res = await s.get(url);
	assert.equal(res.status, 200);
	const table = res.text.match(/<table class="table" id="comp-table">[\s\S]*?<\/table>/)[0];
	const scores = {};
	for (const m of table.matchAll(/<tr id="comp-([^"]+)"><th scope="row">[^<]*<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">([\s\S]*?)<\/td><\/tr>/g))
		scores[m[1]] = { denominator: Number(m[2]), numerator: Number(m[3]), percent: textOf(m[4]) };
	const misses = {};
	for (const m of res.text.matchAll(/<h3 id="missed-([^"]+)">[\s\S]*?<\/h3>\s*<ul class="misses">([\s\S]*?)<\/ul>/g))
		misses[m[1]] = [...m[2].matchAll(/<li><a href="\/projects\/([0-9-]+)">[^<]*<\/a> – ([\s\S]*?)<\/li>/g)]
			.map((x) => [x[1], (x[2].match(/href="([^"]*)"/) || [])[1] ?? null]);
	return { html: res.text, scores, misses };
}

describe('the demo', () => {
	test('every current activity of the public file passes every test, as the Dashboard scores it', async () => {
		const c = comprehensiveness(await publicFile(), DEMO_TODAY);
		const published = Number(await one(`SELECT COUNT(*) FROM projects p JOIN applications a ON a.id = p.application_id
			WHERE p.withheld = 0 AND a.status = 'approved'`));
		assert.equal(c.activities, published);
		assert.ok(c.current >= 30 && c.current < published, `${c.current} of ${published} current on ${DEMO_TODAY}`);
		for (const t of TESTS) {
			assert.ok(c.tests[t].denominator > 0, `${t} applies to some activity`);
			assert.deepEqual(c.tests[t].misses, [], `${t}: no current activity misses it`);
		}
		// The 365-day rule and the one-country rule leave some out; the others count every current activity.
		assert.ok(c.tests.transaction_spend.denominator < c.current, 'young projects are not asked for spending');
		assert.equal(c.tests.title.denominator, c.current);
	});

	test('/export shows the same scores, 100 % on every test, and full marks', async () => {
		const c = comprehensiveness(await publicFile(), DEMO_TODAY);
		const { html, scores, misses } = await exportScores(admin);
		assert.deepEqual(Object.keys(scores), TESTS, 'every test, in the Dashboard\'s order');
		for (const t of TESTS) {
			assert.equal(scores[t].denominator, c.tests[t].denominator, `${t}: tested`);
			assert.equal(scores[t].numerator, c.tests[t].numerator, `${t}: passing`);
			assert.equal(scores[t].percent, '100 %', t);
		}
		assert.deepEqual(misses, {});
		assert.match(html, /<p id="comp-verdict"><strong class="tag tag-approved">/);
		assert.equal(textOf(html.match(/<span id="comp-current">([^<]*)<\/span>/)[1]), String(c.current));
		// A year chosen for the file leaves the scores as they are: they are the public file's.
		assert.deepEqual((await exportScores(admin, '/export?year=2014')).scores, scores);
	});
});

describe('data that misses a test', () => {
	let code, partner, chinese, chineseAid;

	before(async () => {
		// A current published project's partner loses its coordinates; a Chinese project its Chinese summary.
		[[code, partner]] = await q(`SELECT p.code, ap.org_id FROM projects p
			JOIN applications a ON a.id = p.application_id JOIN application_partners ap ON ap.application_id = a.id
			WHERE p.withheld = 0 AND a.status = 'approved' AND p.planned_end >= '${DEMO_TODAY}' AND a.country_code = 'KE'
			AND (SELECT COUNT(*) FROM application_partners x WHERE x.org_id = ap.org_id) = 1
			ORDER BY p.code LIMIT 1`);
		[[chinese, chineseAid]] = await q(`SELECT p.code, a.id FROM projects p JOIN applications a ON a.id = p.application_id
			WHERE p.withheld = 0 AND a.status = 'approved' AND p.planned_end >= '${DEMO_TODAY}' AND a.country_code = 'CN'
			ORDER BY p.code LIMIT 1`);
		await q(`UPDATE organisations SET lat = NULL, lng = NULL WHERE id = ${partner}`);
		await q(`UPDATE applications SET summary_local = NULL WHERE id = ${chineseAid}`);
	});

	test('the Dashboard\'s reading and /export agree on who misses what, and where to fix it', async () => {
		const c = comprehensiveness(await publicFile(), DEMO_TODAY);
		assert.deepEqual(c.tests.location_point_pos.misses, [`${ORG_REF}-${code}`]);
		assert.deepEqual(c.tests.recipient_language.misses, [`${ORG_REF}-${chinese}`]);
		assert.deepEqual(c.tests.location.misses, [], 'the place is still named');
		const { html, scores, misses } = await exportScores(admin);
		for (const t of TESTS)
			assert.deepEqual([scores[t].denominator, scores[t].numerator], [c.tests[t].denominator, c.tests[t].numerator], t);
		const d = c.tests.location_point_pos.denominator;
		assert.equal(scores.location_point_pos.percent, `${Math.round(((d - 1) * 100) / d)} %`);
		assert.deepEqual(misses.location_point_pos, [[code, `/organisations/${partner}/edit`]]);
		assert.deepEqual(misses.recipient_language, [[chinese, `/applications/${chineseAid}#project`]]);
		assert.match(html, /<p id="comp-verdict"><strong class="tag tag-due">/);
		// The link goes where the coordinates are entered.
		assert.equal((await admin.get(`/organisations/${partner}/edit`)).status, 200);
	});

	test('the project\'s page tells ICLD which tests it misses and where to fix each; a sound one has full marks', async () => {
		const missed = async (c) => {
			const html = (await admin.get(`/projects/${c}`)).text;
			assert.match(html, /<h3 id="iati-comprehensiveness">/);
			const list = html.match(/<ul class="misses" id="comp-missed">([\s\S]*?)<\/ul>/);
			return { html, items: list ? [...list[1].matchAll(/<li>([^<–]*) – <a href="([^"]*)">/g)].map((m) => [m[1].trim(), m[2]]) : [] };
		};
		assert.deepEqual((await missed(code)).items, [['Geografiska koordinater', `/organisations/${partner}/edit`]]);
		assert.deepEqual((await missed(chinese)).items, [['Mottagarlandets språk', `/applications/${chineseAid}#project`]]);
		const [[sound]] = await q(`SELECT p.code FROM projects p JOIN applications a ON a.id = p.application_id
			WHERE p.withheld = 0 AND a.status = 'approved' AND p.planned_end >= '${DEMO_TODAY}' AND p.code NOT IN ('${code}', '${chinese}')
			ORDER BY p.code LIMIT 1`);
		const ok = await missed(sound);
		assert.deepEqual(ok.items, []);
		assert.match(ok.html, /<strong class="tag tag-approved">Full pott<\/strong>/);
		// Sida's view of the project has no IATI section at all.
		assert.doesNotMatch((await sida.get(`/projects/${code}`)).text, /iati-comprehensiveness/);
	});

	test('Sida sees the scores and the projects, not the links to ICLD\'s pages', async () => {
		const { scores, misses } = await exportScores(sida);
		assert.ok(scores.location_point_pos.numerator < scores.location_point_pos.denominator);
		assert.deepEqual(misses.location_point_pos, [[code, null]]);
	});

	test('a withheld project is neither in the file nor in the scores', async () => {
		await q(`UPDATE projects SET withheld = 1, withheld_reason = 'Test' WHERE code = '${code}'`);
		const c = comprehensiveness(await publicFile(), DEMO_TODAY);
		assert.deepEqual(c.tests.location_point_pos.misses, []);
		const { scores, misses } = await exportScores(admin);
		assert.equal(scores.location_point_pos.percent, '100 %');
		assert.equal(misses.location_point_pos, undefined);
		assert.match((await admin.get(`/projects/${code}`)).text, /IATI:s Dashboard poängsätter det inte/);
	});
});
