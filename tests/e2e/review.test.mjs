// review.test.mjs - reviews of submitted applications: assigning reviewers (never one from an applying
// organisation), the reviewer's scoring form (drafts, completing, stale saves), the averages on the application's
// page, the audit rows, and that nobody but ICLD sees any of it; against the real nginx, workers and MariaDB
// with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, htmlDecode, parseForms, escapeRe, sqlText, onDemoDay } from './harness.mjs';

const BORLANGE = 'Borlänge kommun';
const NDASH = '\u2013';
const CRITERIA = ['relevance', 'feasibility', 'ownership', 'gender', 'budget'];

let stack, q, one;

before(async () => {
	({ stack, q, one } = await openStack({ workers: 2 }));
});

after(() => stack?.stop());

/** An admin account of the test's own (password demo-password), working for org (a name) or for none. */
async function makeAdmin(email, name, org = null) {
	const orgId = org ? `(SELECT id FROM organisations WHERE name = ${sqlText(org)})` : 'NULL';
	await q(`INSERT INTO users (email, password_hash, name, role, org_id, lang)
		SELECT ${sqlText(email)}, password_hash, ${sqlText(name)}, 'admin', ${orgId}, 'sv' FROM users WHERE email = 'admin@icld.example'`);
	return one(`SELECT id FROM users WHERE email = ${sqlText(email)}`);
}

const userId = (email) => one(`SELECT id FROM users WHERE email = ${sqlText(email)}`);
const ASSIGN = (id) => ({ form: (f) => f.action === `/applications/${id}/reviewers` });
const REVIEW = (id) => ({ form: (f) => f.action === `/applications/${id}/review` });

/** The fields of a review as the form sends them: scores [5], comments [5], recommendation, summary, action. */
function reviewFields({ scores = [], comments = [], recommendation, summary, action = 'draft' }) {
	const f = { action };
	CRITERIA.forEach((c, k) => {
		if (scores[k] !== undefined) f[`score_${c}`] = String(scores[k]);
		if (comments[k] !== undefined) f[`comment_${c}`] = comments[k];
	});
	if (recommendation !== undefined) f.recommendation = recommendation;
	if (summary !== undefined) f.summary = summary;
	return f;
}

/** The averages table of the application's page (the one table with a visible caption among the reviews):
 * {criterion: [average, range, deviation]}, the footer row among them; null when there is none. */
function statsTable(html) {
	const reviews = html.slice(html.indexOf('<h2 id="reviews">'));
	const at = reviews.indexOf('<caption>');
	if (at < 0) return null;
	const table = reviews.slice(at, reviews.indexOf('</table>', at));
	const rows = {};
	for (const m of table.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td class="num">[^<]*<\/td>){3})<\/tr>/g))
		rows[htmlDecode(m[1])] = [...m[2].matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => htmlDecode(c[1]));
	return rows;
}

describe('reviewing a submitted application', () => {
	let id;		// a submitted application of Borlänge, unreviewed in the demo
	let admin;	// admin@icld.example, signed in
	let reviewer;	// reviewer@icld.example, signed in
	let reviewerId;
	let adminId;

	before(async () => {
		id = await one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name = '${BORLANGE}' AND a.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.application_id = a.id)
			ORDER BY a.id LIMIT 1`);
		assert.ok(id, 'Borlänge has a submitted application without reviews in the demo data');
		admin = await stack.login('admin@icld.example');
		reviewer = await stack.login('reviewer@icld.example');
		reviewerId = await userId('reviewer@icld.example');
		adminId = await userId('admin@icld.example');
	});

	test('the page offers the active admins as reviewers; none is assigned yet', async () => {
		const res = await admin.get(`/applications/${id}`);
		assert.equal(res.status, 200);
		assert.match(res.text, /<h2 id="reviews">Granskningar<\/h2>/);
		assert.match(res.text, /Ingen granskare är utsedd än\./);
		const { form } = await admin.form(`/applications/${id}`, ASSIGN(id).form);
		const select = form.inputs.find((i) => i.name === 'reviewer');
		assert.ok(select, 'a select of reviewers');
		assert.ok(select.options.includes(String(reviewerId)) && select.options.includes(String(adminId)));
		const applicants = (await q("SELECT id FROM users WHERE role <> 'admin'")).map((r) => r[0]);
		assert.ok(!select.options.some((o) => applicants.includes(o)), 'only admins are offered');
		assert.match(res.text, /<label for="reviewer">Granskare<\/label>/);
	});

	test('choosing nobody, or someone who is not an admin, is an error next to the select', async () => {
		const none = await admin.submit(`/applications/${id}`, { reviewer: '' }, ASSIGN(id));
		assert.equal(none.status, 200);
		assert.match(none.text, /<p class="error-message" id="reviewer-error"><span class="visually-hidden">Fel:<\/span> Välj en granskare<\/p>/);
		assert.match(none.text, /<a href="#reviewer">Välj en granskare<\/a>/, 'in the error summary');
		assert.match(none.text, /<title>Fel: /);
		const applicant = await userId('borlange@kommun.example');
		const bad = await admin.submit(`/applications/${id}`, { reviewer: applicant }, ASSIGN(id));
		assert.equal(bad.status, 200);
		assert.match(bad.text, /Välj en granskare i listan/);
		const junk = await admin.submit(`/applications/${id}`, { reviewer: '1 OR 1=1' }, ASSIGN(id));
		assert.match(junk.text, /Välj en granskare i listan/);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id}`), '0');
		assert.equal(await one(`SELECT status FROM applications WHERE id = ${id}`), 'submitted');
	});

	test('assigning creates the review without scores, moves the application under review, with audit rows', async () => {
		const version = Number(await one(`SELECT version FROM applications WHERE id = ${id}`));
		const res = await admin.submit(`/applications/${id}`, { reviewer: reviewerId }, ASSIGN(id));
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/applications/${id}#reviews`);
		const rows = await q(`SELECT reviewer_id, score_relevance, score_budget, completed_at, version FROM reviews WHERE application_id = ${id}`);
		assert.deepEqual(rows, [[String(reviewerId), null, null, null, '1']]);
		const [[status, v]] = await q(`SELECT status, version FROM applications WHERE id = ${id}`);
		assert.equal(status, 'under_review');
		assert.equal(Number(v), version + 1);
		const assign = await q(`SELECT a.user_id, a.before_json, JSON_VALUE(a.after_json, '$.application_id'),
			JSON_VALUE(a.after_json, '$.reviewer_id') FROM audit_log a JOIN reviews r ON r.id = a.entity_id
			WHERE a.action = 'review.assign' AND a.entity = 'review' AND r.application_id = ${id}`);
		assert.deepEqual(assign, [[String(adminId), null, String(id), String(reviewerId)]]);
		const moved = await q(`SELECT JSON_VALUE(before_json, '$.status'), JSON_VALUE(after_json, '$.status')
			FROM audit_log WHERE action = 'application.review' AND entity_id = ${id}`);
		assert.deepEqual(moved, [['submitted', 'under_review']]);
		const page = (await admin.get(`/applications/${id}`)).text;
		assert.match(page, /<strong class="tag tag-under_review">Under bedömning<\/strong>/);
		assert.match(page, new RegExp(`<h3 id="review-${reviewerId}">ICLD Granskare</h3>`));
		assert.match(page, /<strong class="tag tag-not_started">Inte påbörjad<\/strong>/);
		const { form } = await admin.form(`/applications/${id}`, ASSIGN(id).form);
		assert.ok(!form.inputs.find((i) => i.name === 'reviewer').options.includes(String(reviewerId)), 'no longer offered');
	});

	test('a re-sent assignment creates one review and one audit row', async () => {
		const { form } = await admin.form(`/applications/${id}`, ASSIGN(id).form);
		const body = { ...form.fields, reviewer: String(reviewerId) };
		const again = await admin.post(`/applications/${id}/reviewers`, body);
		assert.equal(again.status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id}`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log a JOIN reviews r ON r.id = a.entity_id
			WHERE a.action = 'review.assign' AND r.application_id = ${id}`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'application.review' AND entity_id = ${id}`), '1');
	});

	test('conflict of interest: an admin of the applicant or of a co-applicant is refused, the choice kept', async () => {
		const karin = await makeAdmin('karin.jav@icld.example', 'Karin Jävsson', BORLANGE);
		const { form } = await admin.form(`/applications/${id}`, ASSIGN(id).form);
		assert.ok(form.inputs.find((i) => i.name === 'reviewer').options.includes(String(karin)), 'offered, with her organisation');
		const res = await admin.submit(`/applications/${id}`, { reviewer: karin }, ASSIGN(id));
		assert.equal(res.status, 200);
		const msg = `Karin Jävsson arbetar för ${BORLANGE}, som söker; välj en annan granskare`;
		assert.match(res.text, new RegExp(`<p class="error-message" id="reviewer-error"><span class="visually-hidden">Fel:</span> ${escapeRe(msg)}</p>`));
		assert.match(res.text, new RegExp(`<a href="#reviewer">${escapeRe(msg)}</a>`));
		assert.match(res.text, new RegExp(`<option value="${karin}" selected>Karin Jävsson \\(${BORLANGE}\\)</option>`), 'the choice is kept');
		assert.match(res.text, /<select id="reviewer" name="reviewer" aria-describedby="reviewer-hint reviewer-error" aria-invalid="true">/);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id} AND reviewer_id = ${karin}`), '0');

		// A co-applicant's officer likewise.
		const co = await one(`SELECT id FROM organisations WHERE side = 'swedish' AND name <> '${BORLANGE}' ORDER BY name LIMIT 1`);
		const coName = await one(`SELECT name FROM organisations WHERE id = ${co}`);
		await q(`INSERT INTO application_coapplicants (application_id, org_id) VALUES (${id}, ${co})`);
		const olle = await makeAdmin('olle.co@icld.example', 'Olle Medsökande', coName);
		const res2 = await admin.submit(`/applications/${id}`, { reviewer: olle }, ASSIGN(id));
		assert.equal(res2.status, 200);
		assert.ok(htmlDecode(res2.text).includes(`Olle Medsökande arbetar för ${coName}, som söker; välj en annan granskare`));
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id} AND reviewer_id = ${olle}`), '0');
		await q(`DELETE FROM application_coapplicants WHERE application_id = ${id} AND org_id = ${co}`);
	});

	test('the conflict check applies to scoring too', async () => {
		// Assigned behind the application's back (say, before she moved to Borlänge).
		const karin = await userId('karin.jav@icld.example');
		await q(`INSERT INTO reviews (application_id, reviewer_id) VALUES (${id}, ${karin})`);
		const s = await stack.login('karin.jav@icld.example');
		const page = await s.get(`/applications/${id}/review`);
		assert.equal(page.status, 200);
		assert.ok(htmlDecode(page.text).includes(`Du arbetar för ${BORLANGE}, som söker: du får inte granska den här ansökan.`));
		assert.doesNotMatch(page.text, /name="score_relevance"/, 'no form');
		const csrf = (await s.form('/', (f) => f.action === '/logout')).form.fields.csrf;
		const post = await s.post(`/applications/${id}/review`, { csrf, version: '1', ...reviewFields({ scores: [5, 5, 5, 5, 5], action: 'complete' }) });
		assert.equal(post.status, 409);
		assert.ok(htmlDecode(post.text).includes(`Du arbetar för ${BORLANGE}, som söker`));
		assert.deepEqual(await q(`SELECT score_relevance, version FROM reviews WHERE application_id = ${id} AND reviewer_id = ${karin}`), [[null, '1']]);
		const adminPage = (await admin.get(`/applications/${id}`)).text;
		assert.doesNotMatch(adminPage, new RegExp(`href="/applications/${id}/review"`), 'the admin is not offered a form of their own');
	});

	test('the reviewer\'s form: a fieldset per criterion with a legend, 1 to 5, a comment box each', async () => {
		const res = await reviewer.get(`/applications/${id}/review`);
		assert.equal(res.status, 200);
		const legends = [...res.text.matchAll(/<legend>([^<]*)<\/legend>/g)].map((m) => htmlDecode(m[1]));
		assert.deepEqual(legends, ['Relevans för lokal demokrati', 'Genomförbarhet', 'Båda parternas ägarskap',
			'Jämställdhet och inkludering', 'Budgetens realism', 'Din rekommendation']);
		for (const c of CRITERIA) {
			const values = [...res.text.matchAll(new RegExp(`<input id="[^"]+" name="score_${c}" type="radio" value="(\\d)"`, 'g'))].map((m) => m[1]);
			assert.deepEqual(values, ['1', '2', '3', '4', '5'], c);
			assert.match(res.text, new RegExp(`<textarea id="comment_${c}" name="comment_${c}"`));
			assert.match(res.text, new RegExp(`<label for="comment_${c}">`));
		}
		assert.match(res.text, /<input id="score_relevance" name="score_relevance" type="radio" value="1"/, 'the error summary can link to the first button');
		assert.match(res.text, /name="action" value="draft"/);
		assert.match(res.text, /name="action" value="complete"/);
		// The admin page links the reviewer to it.
		assert.match((await reviewer.get(`/applications/${id}`)).text, new RegExp(`<a class="button" href="/applications/${id}/review">Betygsätt ansökan</a>`));
	});

	const nasty = '<script>alert(1)</script> "quoted" & Ђорђе\nsecond line';

	test('completing with a criterion left unscored: the error next to it, everything typed kept, nothing saved', async () => {
		const fields = reviewFields({
			scores: [4, 3, 5, 2], comments: [nasty, 'Rimlig plan.', 'Båda parter deltar.', 'Svagt om jämställdhet.', 'Ingen budgetkommentar'],
			recommendation: 'reject', summary: 'Sammanfattning som ska stå kvar', action: 'complete',
		});
		const res = await reviewer.submit(`/applications/${id}/review`, fields, REVIEW(id));
		assert.equal(res.status, 200);
		const msg = 'Välj ett betyg för budgetens realism för att markera granskningen som klar';
		assert.match(res.text, new RegExp(`<a href="#score_budget">${msg}</a>`));
		assert.match(res.text, new RegExp(`<p class="error-message" id="score_budget-error"><span class="visually-hidden">Fel:</span> ${msg}</p>`));
		// The error sits inside the budget criterion's fieldset.
		const fs = res.text.slice(res.text.indexOf('<legend>Budgetens realism</legend>'));
		assert.ok(fs.indexOf('id="score_budget-error"') < fs.indexOf('</fieldset>'));
		assert.doesNotMatch(res.text, /id="score_relevance-error"/, 'only the missing one');
		for (const [k, v] of [[0, 4], [1, 3], [2, 5], [3, 2]])
			assert.match(res.text, new RegExp(`name="score_${CRITERIA[k]}" type="radio" value="${v}" checked`), `${CRITERIA[k]} kept`);
		const { form } = await reviewer.form(`/applications/${id}/review`, REVIEW(id).form);	// fresh GET: stored state
		assert.equal(form.fields.score_relevance, undefined, 'nothing was saved');
		const kept = parseForms(res.text).find(REVIEW(id).form);
		assert.equal(kept.fields.comment_relevance, nasty, 'the comment comes back exactly, escaped');
		assert.equal(kept.fields.summary, 'Sammanfattning som ska stå kvar');
		assert.equal(kept.fields.recommendation, 'reject');
		assert.doesNotMatch(res.text, /<script>alert/);
		assert.deepEqual(await q(`SELECT score_relevance, comment_relevance, version FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`),
			[[null, null, '1']]);
	});

	test('a score that is not 1 to 5 is an error next to its criterion', async () => {
		const res = await reviewer.submit(`/applications/${id}/review`, reviewFields({ scores: [7] }), REVIEW(id));
		assert.equal(res.status, 200);
		assert.match(res.text, /<a href="#score_relevance">Välj ett betyg från 1 till 5 för relevans för lokal demokrati<\/a>/);
		assert.equal(await one(`SELECT version FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`), '1');
	});

	test('a draft is saved as it stands and the form shows it when the reviewer comes back', async () => {
		const res = await reviewer.submit(`/applications/${id}/review`,
			reviewFields({ scores: [4, 3], comments: [nasty, 'Rimlig plan.'], action: 'draft' }), REVIEW(id));
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `/applications/${id}#review-${reviewerId}`);
		const [[s1, c1, s2, s3, completed, v]] = await q(`SELECT score_relevance, comment_relevance, score_feasibility, score_ownership,
			completed_at, version FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`);
		assert.deepEqual([s1, c1, s2, s3, completed, v], ['4', nasty, '3', null, null, '2']);
		const audit = await q(`SELECT JSON_VALUE(a.before_json, '$.score_relevance'), JSON_VALUE(a.after_json, '$.score_relevance'),
			JSON_VALUE(a.after_json, '$.comment_relevance'), JSON_EXTRACT(a.after_json, '$.complete'), a.user_id
			FROM audit_log a JOIN reviews r ON r.id = a.entity_id WHERE a.action = 'review.save' AND r.application_id = ${id}`);
		assert.deepEqual(audit, [[null, '4', nasty, 'false', String(reviewerId)]]);
		const { form, page } = await reviewer.form(`/applications/${id}/review`, REVIEW(id).form);
		assert.equal(form.fields.score_relevance, '4');
		assert.equal(form.fields.score_feasibility, '3');
		assert.equal(form.fields.score_ownership, undefined);
		assert.equal(form.fields.comment_relevance, nasty);
		assert.equal(form.fields.version, '2');
		assert.match(page.text, /<strong class="tag tag-in_progress">Påbörjad<\/strong>/);
		const adminPage = (await admin.get(`/applications/${id}`)).text;
		assert.match(adminPage, /Ingen granskning är klar än\./, 'a draft is not in the averages');
		assert.ok(adminPage.includes('&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; Ђорђе'), 'the comment, escaped');
	});

	test('a stale save is refused with a message, the input kept; saving again then works', async () => {
		const { form } = await reviewer.form(`/applications/${id}/review`, REVIEW(id).form);
		// Saved meanwhile in another window.
		const other = await stack.login('reviewer@icld.example');
		assert.equal((await other.submit(`/applications/${id}/review`, reviewFields({ scores: [2, 2, 2] }), REVIEW(id))).status, 303);
		const typed = { ...form.fields, ...reviewFields({ scores: [5, 5, 5, 5], comments: ['Mitt nya omdöme'], summary: 'Min sammanfattning' }) };
		const stale = await reviewer.post(`/applications/${id}/review`, typed);
		assert.equal(stale.status, 409);
		assert.match(stale.text, /Granskningen sparades i ett annat fönster eller av någon annan medan du redigerade den/);
		const kept = parseForms(stale.text).find(REVIEW(id).form);
		assert.equal(kept.fields.score_relevance, '5');
		assert.equal(kept.fields.score_gender, '5');
		assert.equal(kept.fields.comment_relevance, 'Mitt nya omdöme');
		assert.equal(kept.fields.summary, 'Min sammanfattning');
		assert.equal(kept.fields.version, '3', 'the version stored now');
		assert.deepEqual(await q(`SELECT score_relevance, score_ownership, version FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`),
			[['2', '2', '3']], 'the other save stands');
		const again = await reviewer.post(`/applications/${id}/review`, kept.fields);
		assert.equal(again.status, 303);
		assert.equal(await one(`SELECT score_relevance FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`), '5');
	});

	test('completing: every score, the review counts, with its audit row', async () => {
		const res = await reviewer.submit(`/applications/${id}/review`, reviewFields({
			scores: [4, 3, 5, 2, 1], comments: ['Stark koppling.', 'Rimlig plan.', 'Båda parter deltar.', 'Svagt om jämställdhet.', 'Dyra resor.'],
			recommendation: 'approve', summary: 'Rekommenderas med förbehåll.', action: 'complete',
		}), REVIEW(id));
		assert.equal(res.status, 303);
		const [[completed, scores]] = await q(`SELECT ${onDemoDay('completed_at')}, CONCAT_WS(',', score_relevance, score_feasibility,
			score_ownership, score_gender, score_budget) FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`);
		assert.equal(completed, '1', "completed on the programme's day");
		assert.equal(scores, '4,3,5,2,1');
		const audit = await q(`SELECT JSON_VALUE(a.before_json, '$.score_relevance'), JSON_VALUE(a.after_json, '$.score_budget'),
			JSON_VALUE(a.after_json, '$.recommendation'), JSON_EXTRACT(a.after_json, '$.complete')
			FROM audit_log a JOIN reviews r ON r.id = a.entity_id WHERE a.action = 'review.complete' AND r.application_id = ${id}`);
		assert.deepEqual(audit, [['5', '1', 'approve', 'true']]);
		const page = (await reviewer.get(`/applications/${id}`)).text;
		const mine = page.slice(page.indexOf(`<h3 id="review-${reviewerId}">`));
		assert.match(mine, /<strong class="tag tag-completed">Klart<\/strong> \d{4}-\d\d-\d\d/);
		assert.match(mine, /<dt>Rekommendation<\/dt><dd>Bifall<\/dd>/);
		assert.match(mine, /<tr><th scope="row">Budgetens realism<\/th><td class="num">1<\/td><td class="prose">Dyra resor\.<\/td><\/tr>/);
	});

	test('averages, spread and deviation on the page match the completed reviews; drafts are left out', async () => {
		// The signed-in admin reviews too: 3, 3, 4, 4, 2.
		assert.equal((await admin.submit(`/applications/${id}`, { reviewer: adminId }, ASSIGN(id))).status, 303);
		assert.equal((await admin.submit(`/applications/${id}/review`, reviewFields({ scores: [3, 3, 4, 4, 2], action: 'complete' }), REVIEW(id))).status, 303);
		// A third reviewer's draft with extreme scores must not move anything.
		const third = await makeAdmin('tredje@icld.example', 'Tredje Granskare');
		assert.equal((await admin.submit(`/applications/${id}`, { reviewer: third }, ASSIGN(id))).status, 303);
		const t = await stack.login('tredje@icld.example');
		assert.equal((await t.submit(`/applications/${id}/review`, reviewFields({ scores: [1, 5, 1, 5, 5] }), REVIEW(id))).status, 303);

		const page = (await admin.get(`/applications/${id}`)).text;
		assert.match(page, /<caption>Betyg från de 2 klara granskningarna<\/caption>/);
		assert.deepEqual(statsTable(page), {
			'Relevans för lokal demokrati': ['3,5', `3${NDASH}4`, '0,5'],
			'Genomförbarhet': ['3,0', `3${NDASH}3`, '0,0'],
			'Båda parternas ägarskap': ['4,5', `4${NDASH}5`, '0,5'],
			'Jämställdhet och inkludering': ['3,0', `2${NDASH}4`, '1,0'],
			'Budgetens realism': ['1,5', `1${NDASH}2`, '0,5'],
			'Alla kriterier': ['3,1', `1${NDASH}5`, '1,1'],
		});
		// Every review is listed with its state.
		for (const [who, state] of [[reviewerId, 'completed'], [adminId, 'completed'], [third, 'in_progress']]) {
			const at = page.indexOf(`<h3 id="review-${who}">`);
			assert.ok(at > 0, `review by ${who}`);
			assert.match(page.slice(at, at + 400), new RegExp(`tag-${state}`));
		}
		// English writes the decimals with a point.
		await admin.submit(`/applications/${id}`, { lang: 'en' }, { form: (f) => f.action === '/language' });
		const en = (await admin.get(`/applications/${id}`)).text;
		await admin.submit(`/applications/${id}`, { lang: 'sv' }, { form: (f) => f.action === '/language' });
		assert.deepEqual(statsTable(en)['Relevance to local democracy'], ['3.5', `3${NDASH}4`, '0.5']);
		assert.deepEqual(statsTable(en)['All criteria'], ['3.1', `1${NDASH}5`, '1.1']);
		assert.match(en, /<th scope="col" class="num">Average score<\/th>/);
	});

	test('a reviewer who has not begun can be removed; one who has cannot', async () => {
		const fourth = await makeAdmin('fjarde@icld.example', 'Fjärde Granskare');
		assert.equal((await admin.submit(`/applications/${id}`, { reviewer: fourth }, ASSIGN(id))).status, 303);
		const reviewId = await one(`SELECT id FROM reviews WHERE application_id = ${id} AND reviewer_id = ${fourth}`);
		const remove = { form: (f) => f.action === `/applications/${id}/reviewers/${fourth}/remove` };
		const { form } = await admin.form(`/applications/${id}`, remove.form);
		assert.match(form.html, /Ta bort Fjärde Granskare som granskare/);
		const res = await admin.post(form.action, form.fields);
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id} AND reviewer_id = ${fourth}`), '0');
		assert.deepEqual(await q(`SELECT JSON_VALUE(before_json, '$.reviewer_id'), after_json, user_id FROM audit_log
			WHERE action = 'review.unassign' AND entity_id = ${reviewId}`), [[String(fourth), null, String(adminId)]]);
		assert.equal((await admin.post(form.action, form.fields)).status, 303, 'a re-sent removal is harmless');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'review.unassign' AND entity_id = ${reviewId}`), '1');

		// Begun reviews offer no removal, and a forged one is refused.
		const page = (await admin.get(`/applications/${id}`)).text;
		assert.doesNotMatch(page, new RegExp(`/reviewers/${reviewerId}/remove`));
		const refused = await admin.post(`/applications/${id}/reviewers/${reviewerId}/remove`, form.fields);
		assert.equal(refused.status, 409);
		assert.match(refused.text, /ICLD Granskare har börjat granska och kan därför inte längre tas bort/);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`), '1');
	});

	test('an admin who is not assigned has no form: 404 for it and for a save', async () => {
		const other = await makeAdmin('inte.utsedd@icld.example', 'Inte Utsedd');
		const s = await stack.login('inte.utsedd@icld.example');
		assert.equal((await s.get(`/applications/${id}/review`)).status, 404);
		const csrf = (await s.form('/', (f) => f.action === '/logout')).form.fields.csrf;
		const post = await s.post(`/applications/${id}/review`, { csrf, version: '1', ...reviewFields({ scores: [5, 5, 5, 5, 5], action: 'complete' }) });
		assert.equal(post.status, 404);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE reviewer_id = ${other}`), '0');
		const page = (await s.get(`/applications/${id}`)).text;
		assert.match(page, /<h2 id="reviews">/, 'an admin reads the reviews');
		assert.doesNotMatch(page, new RegExp(`href="/applications/${id}/review"`), 'but is not offered the form');
		assert.equal((await s.get('/applications/99999999/review')).status, 404);
	});

	test('the applicant sees nothing of the reviews, and every review URL answers 404', async () => {
		const s = await stack.login('borlange@kommun.example');
		const res = await s.get(`/applications/${id}`);
		assert.equal(res.status, 200);
		const text = htmlDecode(res.text);
		for (const [c] of await q(`SELECT comment_relevance FROM reviews WHERE application_id = ${id} AND comment_relevance IS NOT NULL`))
			assert.ok(!text.includes(c), `the comment "${c}" is not shown`);
		for (const words of ['Stark koppling', 'Rekommenderas med förbehåll', 'Granskningar', 'Betygsätt', 'ICLD Granskare', 'Genomförbarhet'])
			assert.ok(!text.includes(words), `"${words}" is not on the applicant's page`);
		assert.doesNotMatch(res.text, /id="reviews"|\/reviewers|\/review"/);
		const csrf = (await s.form('/', (f) => f.action === '/logout')).form.fields.csrf;
		assert.equal((await s.get(`/applications/${id}/review`)).status, 404);
		for (const path of [`/applications/${id}/review`, `/applications/${id}/reviewers`, `/applications/${id}/reviewers/${reviewerId}/remove`]) {
			const r = await s.post(path, { csrf, reviewer: String(reviewerId), version: '1', ...reviewFields({ scores: [1, 1, 1, 1, 1] }) });
			assert.equal(r.status, 404, `POST ${path}`);
		}
		assert.equal(await one(`SELECT score_relevance FROM reviews WHERE application_id = ${id} AND reviewer_id = ${reviewerId}`), '4');
	});

	test('Sida gets 404 for the form and for every review POST', async () => {
		const s = await stack.login('sida@sida.example');
		const csrf = (await s.form('/', (f) => f.action === '/logout')).form.fields.csrf;
		assert.equal((await s.get(`/applications/${id}/review`)).status, 404);
		assert.equal((await s.get(`/applications/${id}`)).status, 404);
		for (const path of [`/applications/${id}/review`, `/applications/${id}/reviewers`, `/applications/${id}/reviewers/${reviewerId}/remove`]) {
			const r = await s.post(path, { csrf, reviewer: String(reviewerId), version: '1', ...reviewFields({ scores: [1, 1, 1, 1, 1] }) });
			assert.equal(r.status, 404, `POST ${path}`);
		}
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id}`), '4');
	});
});

describe('applications that cannot be reviewed', () => {
	test('a decided application shows its reviews read-only; assigning and scoring are refused', async () => {
		const id = await one(`SELECT a.id FROM applications a JOIN reviews r ON r.application_id = a.id
			JOIN users u ON u.id = r.reviewer_id WHERE a.status = 'approved' AND u.email = 'reviewer@icld.example' ORDER BY a.id LIMIT 1`);
		assert.ok(id, 'the demo has a decided application that reviewer@ reviewed');
		const admin = await stack.login('admin@icld.example');
		const page = await admin.get(`/applications/${id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, /<h2 id="reviews">/);
		assert.match(page.text, /<caption>Betyg från de 2 klara granskningarna<\/caption>/, 'the demo\'s two completed reviews');
		assert.doesNotMatch(page.text, /\/reviewers"|\/remove"|Betygsätt ansökan/, 'nothing to change');
		const csrf = (await admin.form('/', (f) => f.action === '/logout')).form.fields.csrf;
		const free = await userId('admin@icld.example');
		const before = await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id}`);
		const assign = await admin.post(`/applications/${id}/reviewers`, { csrf, reviewer: String(free) });
		assert.equal(assign.status, 409);
		assert.match(assign.text, /Ansökan kan inte längre granskas/);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id}`), before);

		const reviewer = await stack.login('reviewer@icld.example');
		const form = await reviewer.get(`/applications/${id}/review`);
		assert.equal(form.status, 303);
		assert.equal(form.headers.location, `/applications/${id}#reviews`);
		const rcsrf = (await reviewer.form('/', (f) => f.action === '/logout')).form.fields.csrf;
		const [[version, score]] = await q(`SELECT r.version, r.score_relevance FROM reviews r JOIN users u ON u.id = r.reviewer_id
			WHERE r.application_id = ${id} AND u.email = 'reviewer@icld.example'`);
		const save = await reviewer.post(`/applications/${id}/review`, { csrf: rcsrf, version, ...reviewFields({ scores: [1, 1, 1, 1, 1], action: 'complete' }) });
		assert.equal(save.status, 409);
		assert.match(save.text, /Ansökan kan inte längre granskas: ICLD har fattat beslut om den/);
		assert.equal(await one(`SELECT r.score_relevance FROM reviews r JOIN users u ON u.id = r.reviewer_id
			WHERE r.application_id = ${id} AND u.email = 'reviewer@icld.example'`), score);
	});

	test('a draft has no reviews part, and cannot be assigned', async () => {
		const id = await one("SELECT id FROM applications WHERE status = 'draft' ORDER BY id LIMIT 1");
		const admin = await stack.login('admin@icld.example');
		const page = await admin.get(`/applications/${id}`);
		assert.equal(page.status, 200);
		assert.doesNotMatch(page.text, /id="reviews"/);
		const csrf = (await admin.form('/', (f) => f.action === '/logout')).form.fields.csrf;
		const res = await admin.post(`/applications/${id}/reviewers`, { csrf, reviewer: String(await userId('reviewer@icld.example')) });
		assert.equal(res.status, 409);
		assert.match(res.text, /Ansökan har inte skickats in: den kan inte granskas än\./);
		assert.equal(await one(`SELECT COUNT(*) FROM reviews WHERE application_id = ${id}`), '0');
	});

	test('the demo\'s review in progress is a draft; the decided ones are complete', async () => {
		assert.equal(await one(`SELECT COUNT(*) FROM reviews r JOIN applications a ON a.id = r.application_id
			WHERE a.status IN ('approved', 'rejected') AND r.completed_at IS NULL`), '0');
		assert.ok(Number(await one(`SELECT COUNT(*) FROM reviews r JOIN applications a ON a.id = r.application_id
			WHERE a.status = 'under_review' AND r.completed_at IS NULL`)) > 0);
	});
});
