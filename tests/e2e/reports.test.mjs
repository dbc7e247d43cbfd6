// reports.test.mjs - a project's reports (GET/POST /reports/{id}, its revisions, ICLD's decision and payment), the
// reports list (/reports), the start page's reports due, and the project's status following its reports or cancelled;
// against the real nginx, workers and MariaDB with the demo data, its today the story date.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, parseForms, textOf, kr, grouped, NBSP, DEMO_TODAY, send, onDemoDay } from './harness.mjs';
import { errorOf, summaryLinks } from './lib/page.mjs';
import { NARRATIVE, budgetOf, filled, indicatorsOf, submitReport } from './lib/report.mjs';
import { xmllint, activities } from './lib/iati.mjs';

const APPLICANT = 'borlange@kommun.example';

let stack, q, one, admin;

before(async () => {
	// Two workers, so that POSTs sent at once really run at once.
	({ stack, q, one, admin } = await openStack({ workers: 2 }, ['admin']));
});

after(() => stack?.stop());

const href = (id, rest = '') => `/reports/${id}${rest}`;

/** The page of report id and its form that posts to action (default: the applicant's form). */
async function formOf(s, id, action = href(id)) {
	const { page, form } = await s.form(href(id), (f) => f.action === action);
	return { page, form };
}

/** A field's value as a form of page html shows it, no-break spaces as spaces. */
function shown(html, action, name) {
	const f = parseForms(html).find((x) => x.action === action);
	assert.ok(f, `the page has the form posting to ${action}`);
	return (f.fields[name] ?? '').replaceAll(NBSP, ' ');
}

/** A report's row: {status, version, revision, comment}. */
async function reportRow(id) {
	const [[status, version, revision, comment]] = await q(`SELECT status, version, revision, admin_comment FROM reports WHERE id = ${id}`);
	return { status, version: Number(version), revision: Number(revision), comment };
}

/** The reimbursement of report id worked out in SQL from what is stored: the eligible costs capped, less paid. */
async function dueInSql(id) {
	return Number(await one(`SELECT GREATEST(0, LEAST(
		(SELECT COALESCE(SUM(LEAST(fl.actual_amount, bl.amount)), 0) FROM report_financial_lines fl
			JOIN project_budget_lines bl ON bl.project_id = r.project_id AND bl.year = r.project_year
			AND bl.category = fl.category WHERE fl.report_id = r.id),
		y.amount) - (SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d JOIN reports x ON x.id = d.report_id
			WHERE x.project_id = r.project_id AND x.project_year = r.project_year))
		FROM reports r JOIN project_years y ON y.project_id = r.project_id AND y.year = r.project_year WHERE r.id = ${id}`));
}

describe('the start page', () => {
	test('lists the organisation\'s reports due and overdue with the days left or late, counted from the programme\'s today', async () => {
		// An organisation with a report overdue.
		const who = await one(`SELECT MIN(u.email) FROM users u JOIN applications a ON a.applicant_org_id = u.org_id
			JOIN projects p ON p.application_id = a.id JOIN reports r ON r.project_id = p.id
			WHERE r.status IN ('draft', 'returned') AND p.status IN ('implementation', 'finalisation') AND r.deadline < '${DEMO_TODAY}'`);
		const s = await stack.login(who);
		const want = await q(`SELECT r.id, DATEDIFF(r.deadline, '${DEMO_TODAY}') FROM reports r JOIN projects p ON p.id = r.project_id
			JOIN applications a ON a.id = p.application_id JOIN users u ON u.org_id = a.applicant_org_id
			WHERE u.email = '${who}' AND r.status IN ('draft', 'returned') AND p.status IN ('implementation', 'finalisation')
			AND r.deadline < '${DEMO_TODAY}' + INTERVAL 120 DAY ORDER BY r.deadline, r.id`);
		assert.ok(want.some(([, d]) => Number(d) < 0), `${who} has an overdue report`);
		const page = (await s.get('/')).text;
		const part = page.slice(page.indexOf('id="reports-due"'), page.indexOf('id="applications"'));
		const rows = [...part.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => m[1]);
		assert.equal(rows.length, want.length);
		want.forEach(([id, days], i) => {
			const n = Number(days);
			assert.ok(rows[i].includes(`<a href="/reports/${id}">`), `row ${i} links report ${id}`);
			assert.ok(rows[i].includes(n < 0 ? `<strong class="tag tag-overdue">${-n} ${n === -1 ? 'dag' : 'dagar'} försenad</strong>`
				: `<strong class="tag tag-due">${n} ${n === 1 ? 'dag' : 'dagar'} kvar</strong>`), rows[i]);
		});
	});
});

describe('a progress report from draft to payment', () => {
	let s, id, pid, indicators, budget, costs, travel, auditBefore;

	before(async () => {
		auditBefore = Number(await one('SELECT COALESCE(MAX(id), 0) FROM audit_log'));
		// The one-year project of Borlänge's that started in 2016: its only progress report is its last year's.
		[[id, pid]] = await q(`SELECT r.id, p.id FROM reports r JOIN projects p ON p.id = r.project_id
			JOIN applications a ON a.id = p.application_id JOIN users u ON u.org_id = a.applicant_org_id
			WHERE u.email = '${APPLICANT}' AND r.kind = 'progress' AND r.status = 'draft' AND p.status = 'implementation'
			AND (SELECT COUNT(*) FROM project_years y WHERE y.project_id = p.id) = 1 ORDER BY r.id LIMIT 1`);
		s = await stack.login(APPLICANT);
		indicators = await indicatorsOf(q, id);
		budget = await budgetOf(q, id);
		assert.ok(indicators.length > 0 && Object.keys(budget.lines).length >= 3, 'a report with indicators and a budget');
		// Every category as budgeted but travel, 20 % over, typed with öre.
		travel = Math.round(budget.lines.travel * 1.2);
		costs = Object.fromEntries(Object.entries(budget.lines).map(([c, a]) => [`actual-${c}`, String(a)]));
		costs['actual-travel'] = `${travel - 1},50`;
	});

	test('the applicant fills it in over two sittings: what is saved comes back, the variances worked out by the server', async () => {
		let { form } = await formOf(s, id);
		assert.equal(form.fields.version, String((await reportRow(id)).version));
		let res = await send(s, form, { activities: NARRATIVE.activities, 'actual-travel': costs['actual-travel'], action: 'save' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, href(id, '?saved=1'));
		assert.equal(await one(`SELECT actual_amount FROM report_financial_lines WHERE report_id = ${id} AND category = 'travel'`),
			String(travel), 'öre rounded: 50 öre up');
		let page = (await s.get(href(id, '?saved=1'))).text;
		assert.match(page, /notice-success/);
		assert.equal(shown(page, href(id), 'activities'), NARRATIVE.activities);
		assert.equal(shown(page, href(id), 'actual-travel'), grouped(travel).replaceAll(NBSP, ' '));
		const row = page.slice(page.indexOf('id="actual-travel"')).split('</tr>')[0];
		const v = travel - budget.lines.travel;
		const pct = `${(Math.round((v / budget.lines.travel) * 1000) / 10).toFixed(1).replace('.', ',')}${NBSP}%`;
		assert.ok(row.includes(`<td class="num">${kr(v)}</td><td class="num">${pct} <strong class="tag tag-due">över 10 %</strong>`),
			`the variance ${v} kr, ${pct}, flagged: ${row}`);
		({ form } = await formOf(s, id));
		res = await send(s, form, { ...filled(indicators, costs), action: 'save' });
		assert.equal(res.status, 303, 'saved again: the second sitting');
		assert.equal((await reportRow(id)).status, 'draft', 'saving never submits');
		assert.equal(Number(await one(`SELECT COUNT(*) FROM report_financial_lines WHERE report_id = ${id}`)), Object.keys(budget.lines).length);
		assert.equal(Number(await one(`SELECT COUNT(*) FROM indicator_values WHERE report_id = ${id}`)), indicators.length);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE entity = 'report' AND entity_id = ${id}`), '0', 'a save is no state change');
	});

	test('a save from a form opened before another save is refused, the typed input kept', async () => {
		const other = await stack.login(APPLICANT);
		const { form: stale } = await formOf(other, id);
		const { form } = await formOf(s, id);
		assert.equal((await send(s, form, { lessons: 'Saved first.', action: 'save' })).status, 303);
		const before = await reportRow(id);
		const res = await send(other, stale, { lessons: 'Typed in the other window.', action: 'save' });
		assert.equal(res.status, 409);
		assert.match(res.text, /Någon annan sparade rapporten/);
		assert.equal(shown(res.text, href(id), 'lessons'), 'Typed in the other window.');
		assert.deepEqual(await reportRow(id), before, 'nothing saved');
		assert.equal(await one(`SELECT lessons FROM reports WHERE id = ${id}`), 'Saved first.');
		// The form now carries the version stored, so that saving again goes through.
		const again = parseForms(res.text).find((f) => f.action === href(id));
		assert.equal(again.fields.version, String(before.version));
		assert.equal((await send(other, again, { lessons: NARRATIVE.lessons, action: 'save' })).status, 303);
	});

	test('submitting without explaining a variance over 10 % is refused next to the field, the input kept and saved as a draft', async () => {
		const { form } = await formOf(s, id);
		const res = await send(s, form, { ...filled(indicators, costs), 'explain-travel': '', action: 'check' });
		assert.equal(res.status, 200);
		assert.match(res.text, /<title>Fel: /);
		assert.deepEqual(summaryLinks(res.text), ['explain-travel']);
		assert.match(errorOf(res.text, 'explain-travel'), /^Resor: förklara varför den faktiska kostnaden avviker från budgeten med mer än 10 %/);
		assert.equal(shown(res.text, href(id), 'activities'), NARRATIVE.activities, 'the input kept');
		assert.match(res.text, /notice-warning[^>]*><p>Din rapport är sparad som utkast, men den kan inte skickas in än/);
		const row = await reportRow(id);
		assert.equal(row.status, 'draft');
		assert.equal(row.revision, 0);
		assert.equal(await one(`SELECT COUNT(*) FROM report_revisions WHERE report_id = ${id}`), '0');
	});

	test('Enter in any field saves: the form\'s first button saves, and no button of the form submits', async () => {
		const page = (await s.get(href(id))).text;
		const form = page.slice(page.indexOf(`<form method="post" action="${href(id)}"`)).split('</form>')[0];
		const buttons = [...form.matchAll(/<button[^>]*>/g)].map((m) => m[0]);
		assert.match(buttons[0], /name="action" value="save"/, `the default button: ${buttons[0]}`);
		assert.ok(!buttons.some((b) => /value="submit"/.test(b)), buttons.join(' '));
		// A POST of the form as Enter sends it (the first button's value, or none at all) never submits.
		const { form: f } = await formOf(s, id);
		for (const action of ['save', undefined, 'submit']) {
			const fields = { ...filled(indicators, costs), 'explain-travel': 'Flights rose in price before the study visit.' };
			if (action !== undefined) fields.action = action;
			const res = await send(s, { ...f, fields: { ...f.fields, version: String((await reportRow(id)).version) } }, fields);
			assert.equal(res.status, 303, String(action));
			assert.equal(res.headers.location, href(id, '?saved=1'));
			assert.equal((await reportRow(id)).status, 'draft', `${action}: saved, not submitted`);
		}
	});

	test('the check page shows the report as it will be sent, figures and files; a save after it makes it check again', async () => {
		const { form } = await formOf(s, id);
		const res = await send(s, form, { action: 'check' });
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, href(id, '/check'));
		const check = (await s.get(href(id, '/check'))).text;
		assert.match(check, /<h1>Kontrollera din rapport: /);
		assert.ok(check.includes(NARRATIVE.activities), 'the narrative');
		assert.ok(textOf(check).includes(kr(travel)), 'the figures');
		assert.ok(check.includes('Flights rose in price before the study visit.'), 'the explanation');
		assert.match(check, /<h2 id="attachments">/, 'the files');
		assert.match(check, new RegExp(`<a href="${href(id)}">Ändra rapporten</a>`));
		assert.ok(!parseForms(check).some((f) => f.action === href(id)), 'no form to change it here');
		const submit = parseForms(check).find((f) => f.action === href(id, '/submit'));
		// Saved again in another window after the check: the check page's submission is refused, nothing sent.
		const { form: again } = await formOf(s, id);
		assert.equal((await send(s, again, { lessons: 'Changed after the check.', action: 'save' })).status, 303);
		const stale = await send(s, submit);
		assert.equal(stale.status, 409);
		assert.match(stale.text, /sparades igen efter att du kontrollerade den/);
		assert.equal((await reportRow(id)).status, 'draft');
		assert.ok(stale.text.includes('Changed after the check.'), 'the check page shows it as it stands now');
		assert.equal((await send(s, again, { lessons: NARRATIVE.lessons, action: 'save', version: String((await reportRow(id)).version) })).status, 303);
		// The check page of a report that is not complete shows the form with what is missing.
		const [[other]] = await q(`SELECT r.id FROM reports r JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id
			JOIN users u ON u.org_id = a.applicant_org_id WHERE u.email = '${APPLICANT}' AND r.status = 'draft' AND r.activities IS NULL
			AND p.status = 'implementation' AND r.id <> ${id} ORDER BY r.id LIMIT 1`);
		const empty = await s.get(href(other, '/check'));
		assert.equal(empty.status, 200);
		assert.ok(summaryLinks(empty.text).includes('activities'), 'what is missing, next to its field');
		assert.ok(!parseForms(empty.text).some((f) => f.action === href(other, '/submit')), 'no submission of an incomplete report');
	});

	test('a submission sent twice is recorded once, with its revision and audit row', async () => {
		const { form } = await formOf(s, id);
		const fields = { ...filled(indicators, costs), 'explain-travel': 'Flights rose in price before the study visit.' };
		const { saved, check, res: first } = await submitReport(s, form, fields);
		assert.equal(saved.status, 303);
		assert.equal(check.status, 200);
		assert.equal(first.status, 303);
		assert.equal(first.headers.location, href(id, '?sent=1'));
		const submit = parseForms(check.text).find((f) => f.action === href(id, '/submit'));
		const second = await send(s, submit);
		assert.equal(second.status, 303, 'the same form again: harmless');
		assert.equal(second.headers.location, href(id));
		const fields2 = { ...fields, action: 'save' };
		const row = await reportRow(id);
		assert.equal(row.status, 'submitted');
		assert.equal(row.revision, 1);
		assert.equal(await one(`SELECT COUNT(*) FROM report_revisions WHERE report_id = ${id}`), '1');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'report.submit' AND entity_id = ${id}`), '1');
		const [[fin, ind]] = await q(`SELECT financial_json, indicators_json FROM report_revisions WHERE report_id = ${id} AND revision = 1`);
		const lines = JSON.parse(fin);
		assert.deepEqual(lines.find((l) => l.category === 'travel'), {
			category: 'travel', budget: budget.lines.travel, actual: travel, variance: travel - budget.lines.travel,
			explanation: 'Flights rose in price before the study visit.',
		});
		assert.equal(JSON.parse(ind).length, indicators.length);
		// Submitted: read only to the applicant, and a save is refused.
		const page = (await s.get(href(id, '?sent=1'))).text;
		assert.match(page, /Din rapport har skickats in till ICLD/);
		assert.ok(!parseForms(page).some((f) => f.action === href(id)), 'no form');
		const late = await send(s, form, fields2);
		assert.equal(late.status, 409);
		assert.equal((await reportRow(id)).version, row.version);
	});

	test('ICLD returns it with a comment (required), the applicant reads it, revises and submits again', async () => {
		let { form } = await formOf(admin, id, href(id, '/decision'));
		let res = await send(admin, form, { outcome: 'return', comment: '  ' });
		assert.equal(res.status, 200);
		assert.match(errorOf(res.text, 'comment'), /Skriv vad sökanden ska komplettera/);
		assert.equal((await reportRow(id)).status, 'submitted');
		// The revision's due date: offered 30 days on, refused before today or when no date.
		assert.equal(shown((await admin.get(href(id))).text, href(id, '/decision'), 'revise_by'), '2016-10-30');
		for (const [bad, msg] of [['2016-09-29', /inte vara senare|inte vara tidigare|före i dag/], ['', /Ange/], ['2016-02-30', /riktigt datum/]]) {
			res = await send(admin, form, { outcome: 'return', comment: 'Fix it.', revise_by: bad });
			assert.equal(res.status, 200, bad);
			assert.match(errorOf(res.text, 'revise_by'), msg, bad);
			assert.equal(shown(res.text, href(id, '/decision'), 'revise_by'), bad, 'the date kept');
		}
		assert.equal((await reportRow(id)).status, 'submitted');
		res = await send(admin, form, { outcome: 'return', comment: 'Please split travel into flights and local transport.' });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT revise_by FROM reports WHERE id = ${id}`), '2016-10-30');
		assert.match(await one(`SELECT after_json FROM audit_log WHERE action = 'report.return' AND entity_id = ${id}`), /"revise_by": "2016-10-30"/);
		let row = await reportRow(id);
		assert.equal(row.status, 'returned');
		assert.equal(row.comment, 'Please split travel into flights and local transport.');
		assert.deepEqual((await q(`SELECT outcome, admin_comment FROM report_revisions WHERE report_id = ${id}`))[0],
			['returned', 'Please split travel into flights and local transport.']);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'report.return' AND entity_id = ${id}`), '1');
		// The decision sent again changes nothing.
		assert.equal((await send(admin, form, { outcome: 'approve', comment: '' })).status, 303);
		assert.equal((await reportRow(id)).status, 'returned');

		const page = (await s.get(href(id))).text;
		assert.match(page, /<h2>ICLD har återsänt rapporten för komplettering<\/h2>\n<p class="prose">Please split travel into flights and local transport.<\/p>/);
		({ form } = await formOf(s, id));
		assert.equal(shown(page, href(id), 'activities'), NARRATIVE.activities, 'the report as submitted, to revise');
		res = (await submitReport(s, form, { 'actual-travel': String(budget.lines.travel), 'explain-travel': 'Flights 60 %, local transport 40 %.' })).res;
		assert.equal(res.status, 303);
		row = await reportRow(id);
		assert.equal(row.status, 'submitted');
		assert.equal(row.revision, 2);
	});

	test('the history shows both revisions with their outcome and comment, and each reads as it was sent', async () => {
		for (const who of [s, admin]) {
			const page = (await who.get(href(id))).text;
			const rows = [...page.matchAll(/<tr id="revision-(\d)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1], textOf(m[2])]);
			assert.deepEqual(rows.map((r) => r[0]), ['2', '1'], 'newest first');
			assert.match(rows[0][1], /Väntar på ICLD:s beslut/);
			assert.match(rows[1][1], /Återsänd för komplettering.*Please split travel into flights and local transport\./s);
		}
		const first = (await s.get(href(id, '/revisions/1'))).text;
		assert.match(first, /Du läser version 1 av rapporten/);
		// Each revision's page has that revision's status, not the report's now.
		const tag = (html) => html.match(/<p><strong class="tag tag-([a-z_]+)">([^<]*)<\/strong>/).slice(1);
		assert.deepEqual(tag(first), ['returned', 'Återsänd för komplettering']);
		const cell = (html) => textOf(html.slice(html.indexOf('<th scope="row">Resor</th>')).split('</tr>')[0]);
		assert.ok(cell(first).includes(kr(travel)), cell(first));
		assert.ok(cell(first).includes('Flights rose in price'), 'the first explanation');
		const second = (await s.get(href(id, '/revisions/2'))).text;
		assert.deepEqual(tag(second), ['submitted', 'Inskickad']);
		assert.ok(cell(second).includes(kr(budget.lines.travel)));
		assert.ok(cell(second).includes('Flights 60 %'));
		assert.equal((await s.get(href(id, '/revisions/3'))).status, 404);
		assert.equal((await s.get(href(id, '/revisions/x'))).status, 404);
	});

	test('ICLD approves it: the reimbursement is the eligible costs capped, and the project, its last year reported, goes to finalisation', async () => {
		const { form } = await formOf(admin, id, href(id, '/decision'));
		const res = await send(admin, form, { outcome: 'approve', comment: '' });
		assert.equal(res.status, 303);
		assert.equal((await reportRow(id)).status, 'approved');
		assert.equal(await one(`SELECT status FROM projects WHERE id = ${pid}`), 'finalisation');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'project.status' AND entity_id = ${pid}
			AND after_json LIKE '%finalisation%'`), '1');
		const page = (await admin.get(href(id))).text;
		const due = await dueInSql(id);
		const eligible = Object.values(budget.lines).reduce((a, b) => a + b, 0);
		assert.equal(due, Math.min(eligible, budget.amount), 'every cost within its line: the sum, at most the year');
		assert.match(page, new RegExp(`<dd id="due" data-kronor="${due}"><strong>${kr(due)}</strong></dd>`));
		assert.equal(shown(page, href(id, '/payment'), 'amount'), grouped(due).replaceAll(NBSP, ' '), 'the amount prefilled');
		assert.equal(shown(page, href(id, '/payment'), 'paid_on'), DEMO_TODAY);
	});

	test('once approved, the second revision reads "Godkänd" and the first still "returned"', async () => {
		const tag = async (rev) => (await s.get(href(id, `/revisions/${rev}`))).text
			.match(/<p><strong class="tag tag-([a-z_]+)">([^<]*)<\/strong>/).slice(1);
		assert.deepEqual(await tag(1), ['returned', 'Återsänd för komplettering']);
		assert.deepEqual(await tag(2), ['approved', 'Godkänd']);
	});

	test('a payment above the ceiling is refused; one posted twice is recorded once', async () => {
		const due = await dueInSql(id);
		const { form } = await formOf(admin, id, href(id, '/payment'));
		let res = await send(admin, form, { amount: String(due + 1) });
		assert.equal(res.status, 200);
		assert.match(errorOf(res.text, 'amount'), new RegExp(`^Utbetalningen kan vara högst ${kr(due)}`));
		assert.equal(shown(res.text, href(id, '/payment'), 'amount'), String(due + 1), 'the input kept');
		res = await send(admin, form, { amount: 'tvåhundra' });
		assert.match(errorOf(res.text, 'amount'), /hela kronor/);
		res = await send(admin, form, { paid_on: '2016-10-01' });
		assert.match(errorOf(res.text, 'paid_on'), /inte vara senare än i dag/);
		assert.equal(await one(`SELECT COUNT(*) FROM disbursements WHERE report_id = ${id}`), '0');
		for (let i = 0; i < 2; i++) {
			res = await send(admin, form, { amount: String(due), note: 'Ref 4711' });
			assert.equal(res.status, 303);
			assert.equal(res.headers.location, href(id, '#payment'));
		}
		assert.deepEqual(await q(`SELECT amount, paid_on FROM disbursements WHERE report_id = ${id}`), [[String(due), DEMO_TODAY]]);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'disbursement.record' AND after_json LIKE '%"report_id": ${id},%'`), '1');
		// The project page shows the year's budget, reported, approved and paid.
		const code = await one(`SELECT code FROM projects WHERE id = ${pid}`);
		const proj = (await s.get(`/projects/${code}`)).text;
		const yr = textOf(proj.slice(proj.indexOf('<table class="table" id="years">')).split('</tbody>')[0].split('<tbody>')[1]);
		const reported = Object.values(budget.lines).reduce((a, b) => a + b, 0);
		for (const a of [budget.amount, reported, due, due]) assert.ok(yr.includes(kr(a)), `${kr(a)} in ${yr}`);
		assert.match(proj, new RegExp(`<a href="/reports/${id}">`));
	});

	test('the final report, submitted and approved, closes the project', async () => {
		const fin = await one(`SELECT id FROM reports WHERE project_id = ${pid} AND kind = 'final'`);
		const { form } = await formOf(s, fin);
		assert.ok(!Object.keys(form.fields).some((k) => k.startsWith('actual-')), 'the final report types no costs');
		assert.equal((await submitReport(s, form, filled(indicators, {}))).res.status, 303);
		const { form: d } = await formOf(admin, fin, href(fin, '/decision'));
		assert.equal((await send(admin, d, { outcome: 'approve', comment: 'Thank you.' })).status, 303);
		const [[status, end, planned]] = await q(`SELECT status, actual_end, planned_end FROM projects WHERE id = ${pid}`);
		assert.equal(status, 'closed');
		assert.equal(end, planned);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'project.status' AND entity_id = ${pid}
			AND before_json LIKE '%finalisation%' AND after_json LIKE '%closed%'`), '1');
		// Nothing is owed any more, and the report reads only.
		assert.doesNotMatch((await s.get('/')).text, new RegExp(`href="/reports/${fin}"`));
	});

	test('the IATI export carries what the reports added, and still validates', async () => {
		const code = await one(`SELECT code FROM projects WHERE id = ${pid}`);
		const res = await admin.get('/export/iati.xml');
		assert.equal(res.status, 200);
		const lint = await xmllint(res.text, 'reports.xml');
		assert.ok(lint.ok, `xmllint: ${lint.out.slice(0, 2000)}`);
		const act = [...activities(res.text)].find(([ident]) => ident.endsWith(`-${code}`))?.[1];
		assert.ok(act, `the export has project ${code}`);
		const transactions = [...act.matchAll(/<transaction>([\s\S]*?)<\/transaction>/g)].map((m) => ({
			type: m[1].match(/<transaction-type code="(\d+)"/)[1],
			date: m[1].match(/<transaction-date iso-date="([^"]+)"/)[1],
			value: Number(m[1].match(/<value[^>]*>([^<]*)<\/value>/)[1]),
		}));
		// The payment as a disbursement (3) on the day it was paid, the approved costs as expenditure (4).
		const [[paid, paidOn]] = await q(`SELECT d.amount, d.paid_on FROM disbursements d WHERE d.report_id = ${id}`);
		assert.ok(transactions.some((t) => t.type === '3' && t.value === Number(paid) && t.date === paidOn),
			`disbursement ${paid} on ${paidOn} in ${JSON.stringify(transactions)}`);
		const reported = Object.values(budget.lines).reduce((a, b) => a + b, 0);
		assert.ok(transactions.some((t) => t.type === '4' && t.value === reported),
			`expenditure ${reported} in ${JSON.stringify(transactions)}`);
		// Closed (IATI activity status 4), and the indicators' actual values from the approved reports.
		assert.match(act, /<activity-status code="4"\/>/);
		const values = (await q(`SELECT v.actual_value FROM indicator_values v JOIN reports r ON r.id = v.report_id
			WHERE r.project_id = ${pid} AND r.status = 'approved' AND v.actual_value IS NOT NULL`)).map((r) => Number(r[0]));
		assert.ok(values.length > 0, 'the approved reports state indicator values');
		const actuals = [...act.matchAll(/<actual value="([^"]+)"/g)].map((m) => Number(m[1]));
		for (const v of values) assert.ok(actuals.includes(v), `actual value ${v} in ${actuals}`);
		// Everything happened by the programme's today: no transaction is dated after it.
		for (const t of transactions) assert.ok(t.date <= DEMO_TODAY, `a transaction of ${t.date} in ${JSON.stringify(transactions)}`);
	});

	test("every date the flow stamped is the programme's day, on one clock with its today", async () => {
		const fin = await one(`SELECT id FROM reports WHERE project_id = ${pid} AND kind = 'final'`);
		const [[reports, revisions, audit, login]] = await q(`SELECT
			(SELECT COUNT(*) FROM reports WHERE id IN (${id}, ${fin}) AND NOT (${onDemoDay('submitted_at')} AND ${onDemoDay('decided_at')})),
			(SELECT COUNT(*) FROM report_revisions WHERE report_id IN (${id}, ${fin})
				AND NOT (${onDemoDay('submitted_at')} AND ${onDemoDay('decided_at')})),
			(SELECT COUNT(*) FROM audit_log WHERE id > ${auditBefore} AND NOT ${onDemoDay('at')}),
			(SELECT ${onDemoDay('last_login_at')} FROM users WHERE email = '${APPLICANT}')`);
		assert.deepEqual([reports, revisions, audit, login], ['0', '0', '0', '1'],
			'submissions, decisions, their revisions, the audit rows and the sign-in: all on the programme\'s day');
		assert.ok(Number(await one(`SELECT COUNT(*) FROM audit_log WHERE id > ${auditBefore}`)) >= 6, 'the flow wrote audit rows');
		// The page says so too: the revision submitted and decided on the programme's day.
		const page = (await s.get(href(id))).text;
		const row = textOf(page.match(/<tr id="revision-1">([\s\S]*?)<\/tr>/)[1]);
		assert.equal([...row.matchAll(/(\d{4}-\d\d-\d\d) \d\d:\d\d/g)].map((m) => m[1]).join(' '), `${DEMO_TODAY} ${DEMO_TODAY}`, row);
	});
});

describe('a refund on a report line', () => {
	test('is typed with a minus sign, lowers the variance, the reimbursement and the payment\'s ceiling, and the IATI expenditure', async () => {
		// Another organisation's draft progress report with at least two budget lines.
		const [[id, org, code]] = await q(`SELECT r.id, a.applicant_org_id, p.code FROM reports r JOIN projects p ON p.id = r.project_id
			JOIN applications a ON a.id = p.application_id WHERE r.kind = 'progress' AND r.status = 'draft' AND r.revision = 0
			AND p.status = 'implementation' AND a.applicant_org_id <> (SELECT org_id FROM users WHERE email = '${APPLICANT}')
			AND (SELECT COUNT(*) FROM project_budget_lines bl WHERE bl.project_id = p.id AND bl.year = r.project_year AND bl.amount > 0) >= 2
			AND NOT EXISTS (SELECT 1 FROM disbursements d JOIN reports x ON x.id = d.report_id WHERE x.project_id = p.id
				AND x.project_year = r.project_year) ORDER BY r.id LIMIT 1`);
		const s = await stack.login(await one(`SELECT MIN(email) FROM users WHERE org_id = ${org} AND role = 'applicant'`));
		const indicators = await indicatorsOf(q, id);
		const budget = await budgetOf(q, id);
		const cats = Object.keys(budget.lines);
		const refunded = cats.at(-1);
		// An amount as the pages write it: a minus as U+2212.
		const signed = (n) => (n < 0 ? `\u2212${kr(-n)}` : kr(n));
		// Every line as budgeted, but the last, where 2 500 kr more came back than was spent (typed as kpp writes it, U+2212).
		const costs = Object.fromEntries(cats.map((c) => [`actual-${c}`, String(budget.lines[c])]));
		costs[`actual-${refunded}`] = '\u22122 500';
		let { form } = await formOf(s, id);
		let res = await send(s, form, { ...filled(indicators, costs), action: 'save' });
		assert.equal(res.status, 303);
		assert.equal(await one(`SELECT actual_amount FROM report_financial_lines WHERE report_id = ${id} AND category = '${refunded}'`), '-2500');
		let page = (await s.get(href(id))).text;
		assert.equal(shown(page, href(id), `actual-${refunded}`), '\u22122 500', 'shown back as it reads');
		const row = page.slice(page.indexOf(`id="actual-${refunded}"`)).split('</tr>')[0];
		assert.ok(row.includes(`<td class="num">${signed(-2500 - budget.lines[refunded])}</td>`), `the variance: ${row.replaceAll('\n', ' ')}`);
		// The variance is to be explained: the check says so, next to the field; explained, it goes through.
		({ form } = await formOf(s, id));
		res = await send(s, form, { action: 'check' });
		assert.equal(res.status, 200);
		assert.deepEqual(summaryLinks(res.text), [`explain-${refunded}`]);
		({ form } = await formOf(s, id));
		const sent = await submitReport(s, form, { [`explain-${refunded}`]: 'Unused per diems paid back by the partner.' });
		assert.equal(sent.res.status, 303);
		assert.ok(textOf(sent.check.text).includes(signed(-2500)), 'the check page shows the refund');
		assert.match(await one(`SELECT financial_json FROM report_revisions WHERE report_id = ${id} AND revision = 1`),
			new RegExp(`"category": "${refunded}", "budget": ${budget.lines[refunded]}, "actual": -2500`));
		// Approved: the refund lowers what is reimbursed, and no payment may exceed it.
		const { form: d } = await formOf(admin, id, href(id, '/decision'));
		assert.equal((await send(admin, d, { outcome: 'approve', comment: '' })).status, 303);
		const spent = cats.slice(0, -1).reduce((a, c) => a + budget.lines[c], 0) - 2500;
		const due = Math.max(0, Math.min(spent, budget.amount));
		page = (await admin.get(href(id))).text;
		assert.match(page, new RegExp(`<dd id="due" data-kronor="${due}">`));
		const { form: pay } = await formOf(admin, id, href(id, '/payment'));
		res = await send(admin, pay, { amount: String(due + 1) });
		assert.equal(res.status, 200);
		assert.match(errorOf(res.text, 'amount'), new RegExp(`^Utbetalningen kan vara högst ${kr(due)}`));
		assert.equal((await send(admin, pay, { amount: String(due) })).status, 303);
		// The IATI file: the year's expenditure is the costs net of the refund.
		const act = [...activities((await admin.get('/export/iati.xml')).text)].find(([ident]) => ident.endsWith(`-${code}`))?.[1];
		const values = [...act.matchAll(/<transaction>([\s\S]*?)<\/transaction>/g)].filter((m) => /transaction-type code="4"/.test(m[1]))
			.map((m) => Number(m[1].match(/<value[^>]*>([^<]*)<\/value>/)[1]));
		assert.ok(values.includes(spent), `expenditure ${spent} in ${values}`);
	});
});

describe('a report returned after the day it was first due', () => {
	test('is late only after the day ICLD set for the revision: on its page, the start page, the project page and the lists', async () => {
		const [[id, firstDue, code, org]] = await q(`SELECT r.id, r.due_on, p.code, a.applicant_org_id FROM reports r
			JOIN projects p ON p.id = r.project_id JOIN applications a ON a.id = p.application_id
			WHERE r.status = 'submitted' AND r.kind = 'progress' AND p.status = 'implementation' AND r.due_on < '${DEMO_TODAY}'
			AND a.applicant_org_id <> (SELECT org_id FROM users WHERE email = '${APPLICANT}') ORDER BY r.id LIMIT 1`);
		const who = await one(`SELECT MIN(email) FROM users WHERE org_id = ${org} AND role = 'applicant'`);
		const { form } = await formOf(admin, id, href(id, '/decision'));
		assert.equal((await send(admin, form, { outcome: 'return', comment: 'Add the receipts.', revise_by: '2016-10-14' })).status, 303);
		assert.deepEqual((await q(`SELECT status, revise_by, deadline FROM reports WHERE id = ${id}`))[0], ['returned', '2016-10-14', '2016-10-14']);
		const s = await stack.login(who);
		const late = /försenad/;
		const page = (await s.get(href(id))).text;
		assert.match(page, /<strong class="tag tag-due">14 dagar kvar<\/strong>/, 'the report page');
		assert.doesNotMatch(page, late);
		assert.match(page, new RegExp(`<dd><span class="date">2016-10-14</span> <span class="hint">\\(komplettering, ursprungligt sista datum <span class="date">${firstDue}</span>\\)</span></dd>`));
		// The row of a table that links the report and tells its days left or late.
		const rowOf = (html) => html.split('<tr').find((r) => r.includes(`<a href="/reports/${id}">`) && /dagar? (kvar|försenad)/.test(r)) ?? '';
		const home = rowOf((await s.get('/')).text);
		assert.match(home, /14 dagar kvar/, `the start page: ${home}`);
		const proj = rowOf((await s.get(`/projects/${code}`)).text);
		assert.match(proj, /<span class="date">2016-10-14<\/span> <strong class="tag tag-due">14 dagar kvar/, `the project page: ${proj}`);
		const overdue = (await admin.get(`/reports?deadline=overdue&org=${org}&sort=due`)).text;
		assert.doesNotMatch(overdue, new RegExp(`href="/reports/${id}"`), 'not among the overdue');
		const due = (await admin.get(`/reports?deadline=due&org=${org}&sort=due`)).text;
		const row = due.slice(due.indexOf(`href="/reports/${id}"`)).split('</tr>')[0];
		assert.match(row, /2016-10-14.*14 dagar kvar/s, `among those due, by its new date: ${row}`);
		// Once that day has passed, it is late again: the lateness counts from the day set.
		await q(`UPDATE reports SET revise_by = '2016-09-20' WHERE id = ${id}`);
		assert.match((await s.get(href(id))).text, /<strong class="tag tag-overdue">10 dagar försenad<\/strong>/);
	});
});

describe('ICLD\'s decision on a final report', () => {
	test('is refused while a progress report of the project is not approved', async () => {
		const [[fin, pid]] = await q(`SELECT r.id, r.project_id FROM reports r WHERE r.kind = 'final' AND r.status = 'submitted'
			AND NOT EXISTS (SELECT 1 FROM reports x WHERE x.project_id = r.project_id AND x.kind = 'progress' AND x.status <> 'approved')
			AND NOT EXISTS (SELECT 1 FROM reports x JOIN projects p ON p.id = x.project_id JOIN applications a ON a.id = p.application_id
				JOIN users u ON u.org_id = a.applicant_org_id WHERE x.id = r.id AND u.email = '${APPLICANT}') ORDER BY r.id LIMIT 1`);
		await q(`UPDATE reports SET status = 'submitted' WHERE project_id = ${pid} AND kind = 'progress' AND project_year = 1`);
		const { form } = await formOf(admin, fin, href(fin, '/decision'));
		const res = await send(admin, form, { outcome: 'approve' });
		assert.equal(res.status, 409);
		assert.match(res.text, /En slutrapport kan godkännas först när alla projektets lägesrapporter är godkända/);
		assert.equal((await reportRow(fin)).status, 'submitted');
		assert.notEqual(await one(`SELECT status FROM projects WHERE id = ${pid}`), 'closed');
	});
});

describe('payments at once', () => {
	test('two officers posting the payment of one report at the same moment pay it once, never above the ceiling', async () => {
		const id = await one(`SELECT r.id FROM reports r WHERE r.status = 'approved' AND r.kind = 'progress'
			AND NOT EXISTS (SELECT 1 FROM disbursements d WHERE d.report_id = r.id) ORDER BY r.id LIMIT 1`);
		const due = await dueInSql(id);
		assert.ok(due > 0);
		const reviewer = await stack.login('reviewer@icld.example');
		const forms = await Promise.all([admin, reviewer].map((x) => formOf(x, id, href(id, '/payment'))));
		const posts = [];
		for (let i = 0; i < 4; i++)
			for (const [k, who] of [admin, reviewer].entries())
				posts.push(send(who, forms[k].form, { amount: String(Math.max(1, due - k * 1000)), note: `at once ${k}` }));
		const res = await Promise.all(posts);
		assert.deepEqual(res.map((r) => r.status), res.map(() => 303), 'each answered as recorded');
		const rows = await q(`SELECT amount FROM disbursements WHERE report_id = ${id}`);
		assert.equal(rows.length, 1, 'one payment');
		assert.ok(Number(rows[0][0]) <= due);
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'disbursement.record' AND after_json LIKE '%"report_id": ${id},%'`), '1');
		assert.equal(await dueInSql(id), due - Number(rows[0][0]), 'what is left is the ceiling less the payment');
	});
});

describe('confinement', () => {
	test('another organisation\'s applicant gets 404 for the report, its revisions and a POST to it', async () => {
		const [[id, version]] = await q(`SELECT r.id, r.version FROM reports r JOIN projects p ON p.id = r.project_id
			JOIN applications a ON a.id = p.application_id JOIN users u ON u.org_id = a.applicant_org_id
			WHERE u.email = '${APPLICANT}' AND r.status = 'returned' ORDER BY r.id LIMIT 1`);
		const other = await stack.login('boras@kommun.example');
		const { form } = await other.form('/', (f) => f.action === '/language');
		for (const p of [href(id), href(id, '/revisions/1'), href(id, '/check')])
			assert.equal((await other.get(p)).status, 404, p);
		assert.equal((await other.post(href(id, '/submit'), new URLSearchParams({ csrf: form.fields.csrf, version }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 404);
		const before = await reportRow(id);
		const res = await other.post(href(id), new URLSearchParams({ csrf: form.fields.csrf, version, activities: 'x', action: 'submit' }).toString(),
			{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
		assert.equal(res.status, 404);
		assert.deepEqual(await reportRow(id), before);
		// The owner reads it; Sida does not.
		assert.equal((await (await stack.login(APPLICANT)).get(href(id))).status, 200);
		assert.equal((await (await stack.login('sida@sida.example')).get(href(id))).status, 404);
	});
});

describe('the reports list', () => {
	test('filters, counts and pages against SQL; a value off its list is 400; the same list downloads', async () => {
		const overdue = Number(await one(`SELECT COUNT(*) FROM reports r JOIN projects p ON p.id = r.project_id
			WHERE r.status IN ('draft', 'returned') AND p.status IN ('implementation', 'finalisation') AND r.deadline < '${DEMO_TODAY}'`));
		assert.ok(overdue > 0);
		let page = (await admin.get('/reports?deadline=overdue&sort=due')).text;
		assert.equal(page.match(/<tbody>([\s\S]*?)<\/tbody>/)[1].match(/<tr>/g).length, Math.min(overdue, 50));
		assert.match(page, /tag-overdue">\d+ dagar? försenad/);
		const submitted = Number(await one("SELECT COUNT(*) FROM reports WHERE status = 'submitted'"));
		page = (await admin.get('/reports')).text;
		assert.match(page, new RegExp(`<span class="tag tag-submitted">Inskickad</span> <span class="count">${submitted}</span>`));
		const [[org, n]] = await q(`SELECT a.applicant_org_id, COUNT(*) FROM reports r JOIN projects p ON p.id = r.project_id
			JOIN applications a ON a.id = p.application_id WHERE r.kind = 'progress' AND r.project_year = 1
			GROUP BY a.applicant_org_id ORDER BY COUNT(*) DESC LIMIT 1`);
		page = (await admin.get(`/reports?org=${org}&kind=progress&year=1`)).text;
		assert.equal(page.match(/<tbody>([\s\S]*?)<\/tbody>/)[1].match(/<tr>/g).length, Number(n));
		for (const bad of ['status=lost', 'deadline=soon', 'year=4', 'kind=annual', 'sort=amount', 'org=x', "country=k'e"])
			assert.equal((await admin.get(`/reports?${bad}`)).status, 400, bad);
		const csv = await admin.get(`/reports.csv?org=${org}&kind=progress&year=1`);
		assert.equal(csv.status, 200);
		assert.match(csv.headers['content-type'], /text\/csv/);
		assert.equal(csv.text.trim().split('\n').length, Number(n) + 1, 'a heading and a line per report');
		const xlsx = await admin.get('/reports.xlsx?status=submitted');
		assert.equal(xlsx.status, 200);
		assert.equal(xlsx.body.subarray(0, 2).toString(), 'PK');
		assert.equal((await (await stack.login(APPLICANT)).get('/reports')).status, 404);
	});

	test('an approved report reads "Godkänd", where an application is "Beviljad": counts, filter, rows, download', async () => {
		const approved = Number(await one("SELECT COUNT(*) FROM reports WHERE status = 'approved'"));
		assert.ok(approved > 0);
		const page = (await admin.get('/reports?status=approved')).text;
		assert.match(page, new RegExp(`<span class="tag tag-approved">Godkänd</span> <span class="count">${approved}</span>`));
		assert.match(page, /<option value="approved" selected>Godkänd<\/option>/);
		assert.match(page.match(/<tbody>([\s\S]*?)<\/tbody>/)[1], />Godkänd</);
		assert.doesNotMatch(page, />Beviljad</);
		const csv = (await admin.get('/reports.csv?status=approved')).text;
		assert.match(csv, /Godkänd/);
		assert.doesNotMatch(csv, /Beviljad/);
		// The application's own status keeps its word.
		assert.match((await admin.get('/inbox?status=approved')).text, />Beviljad</);
	});
});

describe('cancelling a project', () => {
	test('needs a reason, is refused when stale, records its audit row; the reports then owe nothing and read only', async () => {
		const [[code, pid, rid]] = await q(`SELECT p.code, p.id, MIN(r.id) FROM projects p JOIN applications a ON a.id = p.application_id
			JOIN users u ON u.org_id = a.applicant_org_id JOIN reports r ON r.project_id = p.id AND r.status = 'draft'
			WHERE u.email = '${APPLICANT}' AND p.status = 'implementation' GROUP BY p.id ORDER BY p.code DESC LIMIT 1`);
		const path = `/projects/${code}/cancel`;
		const applicant = await stack.login(APPLICANT);
		const { form: draft } = await formOf(applicant, rid);
		const { form } = await admin.form(path, (f) => f.action === path);
		let res = await send(admin, form, { reason: '' });
		assert.equal(res.status, 200);
		assert.match(errorOf(res.text, 'reason'), /Skriv varför projektet avbryts/);
		await q(`UPDATE projects SET version = version + 1 WHERE id = ${pid}`);
		res = await send(admin, form, { reason: 'The partner withdrew.' });
		assert.equal(res.status, 409, 'a form from before a change');
		assert.equal(shown(res.text, path, 'reason'), 'The partner withdrew.');
		const fresh = parseForms(res.text).find((f) => f.action === path);
		res = await send(admin, fresh, { reason: 'The partner withdrew.' });
		assert.equal(res.status, 303);
		const [[status, reason]] = await q(`SELECT status, cancelled_reason FROM projects WHERE id = ${pid}`);
		assert.deepEqual([status, reason], ['cancelled', 'The partner withdrew.']);
		const [[before, after]] = await q(`SELECT before_json, after_json FROM audit_log WHERE action = 'project.cancel' AND entity_id = ${pid}`);
		assert.match(before, /"status": "implementation"/);
		assert.match(after, /"status": "cancelled".*The partner withdrew/);
		assert.equal((await send(admin, fresh, { reason: 'Again.' })).status, 303, 'sent twice: harmless');
		assert.equal(await one(`SELECT COUNT(*) FROM audit_log WHERE action = 'project.cancel' AND entity_id = ${pid}`), '1');
		// The applicant reads why; the report can no longer be changed.
		assert.match((await applicant.get(`/projects/${code}`)).text, /Varför projektet avbröts[\s\S]*The partner withdrew\./);
		res = await send(applicant, draft, { activities: 'Too late.', action: 'save' });
		assert.equal(res.status, 409);
		assert.equal(await one(`SELECT activities FROM reports WHERE id = ${rid}`), null);
	});
});
