// application_summary.test.mjs - one application, two pages that summarise it: the read-only page
// (GET /applications/{id}) and check your answers (GET /applications/{id}/check) group its team by the same rule,
// the application's type (a second partner stored on a draft of a one-partner kind is no partner side of its own),
// against the real nginx, workers and MariaDB with the demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStack, textOf, sqlText } from './harness.mjs';

const BORLANGE = 'Borlänge kommun';

let stack, q, one;

before(async () => {
	({ stack, q, one } = await openStack({ workers: 1 }));
});

after(() => stack?.stop());

/** A page's team: each table (a side with members), its caption and its members' names, as text. */
function teamGroups(html) {
	const team = html.slice(html.indexOf('<h2 id="team">'), html.indexOf('<h2 id="budget">'));
	return [...team.matchAll(/<caption>([\s\S]*?)<\/caption>([\s\S]*?)<\/table>/g)].map((m) => ({
		caption: textOf(m[1]),
		members: [...m[2].matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((th) => textOf(th[1])),
	}));
}

/** The <dd> of the summary-list row labelled dt (first match) in html from start, as text; null when there is none. */
function answer(html, start, dt) {
	const m = html.slice(html.indexOf(start)).match(new RegExp(`<dt>${dt}</dt><dd[^>]*>([\\s\\S]*?)</dd>`));
	return m ? textOf(m[1]) : null;
}

describe('a draft of a one-partner kind with a second partner still stored', () => {
	let pages;
	let id, s, first, second;

	before(async () => {
		id = await one(`SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id
			WHERE o.name = '${BORLANGE}' AND a.status = 'draft' ORDER BY a.id LIMIT 1`);
		assert.ok(id, 'Borlänge has a draft in the demo data');
		const country = await one(`SELECT country_code FROM applications WHERE id = ${id}`);
		assert.ok(country, 'the draft has a country');
		const orgs = await q(`SELECT id, name FROM organisations WHERE side = 'partner' AND country_code = '${country}'
			AND active = 1 ORDER BY id LIMIT 2`);
		assert.equal(orgs.length, 2, `the demo data has two partner organisations in ${country}`);
		[first, second] = orgs;
		// As a three-party draft would leave it once its type is changed to a project: both partners, a member of each.
		await q(`UPDATE applications SET project_type = 'project' WHERE id = ${id};
			DELETE FROM application_partners WHERE application_id = ${id};
			INSERT INTO application_partners (application_id, position, org_id) VALUES (${id}, 1, ${first[0]}), (${id}, 2, ${second[0]});
			DELETE FROM team_members WHERE application_id = ${id} AND side = 'partner';
			INSERT INTO team_members (application_id, side, org_id, name, role) VALUES
				(${id}, 'partner', ${first[0]}, ${sqlText('Amina Otieno')}, 'civil_servant'),
				(${id}, 'partner', ${second[0]}, ${sqlText('Brian Mwangi')}, 'politician_majority');
			UPDATE data_version SET v = v + 1 WHERE id = 1`);
		s = await stack.login('borlange@kommun.example');
	});

	before(async () => {
		const page = await s.get(`/applications/${id}`);
		assert.equal(page.status, 200);
		const check = await s.get(`/applications/${id}/check`);
		assert.equal(check.status, 200);
		pages = { page, check };
	});

	test('both pages name the partner, and the second one as the second, which the rules ask to remove', () => {
		const { page, check } = pages;
		const start = '<h2 id="partners">';
		for (const [html, name] of [[page.text, 'the read-only page'], [check.text, 'check your answers']]) {
			assert.ok(answer(html, start, 'Partnerorganisation')?.includes(first[1]), `the partner, on ${name}`);
			assert.ok(answer(html, start, 'Andra partnerorganisationen')?.includes(second[1]), `the second, on ${name}`);
		}
	});

	test('both pages show one partner side, with both members in it', () => {
		const { page, check } = pages;

		for (const [html, name] of [[page.text, 'the read-only page'], [check.text, 'check your answers']]) {
			const groups = teamGroups(html).filter((g) => !g.caption.startsWith(BORLANGE));
			assert.equal(groups.length, 1, `${name} has one partner side: ${JSON.stringify(groups)}`);
			assert.ok(groups[0].caption.startsWith(first[1]), `named after the partner: ${groups[0].caption}`);
			assert.deepEqual(groups[0].members.sort(), ['Amina Otieno', 'Brian Mwangi']);
		}
	});
});

describe('a title blank in the reader\'s language and given in the other names the application on every page that shows it', () => {
	const TITLE_EN = 'Safe water for Kisumu, told in English only';
	let id, admin;

	before(async () => {
		id = await one(`SELECT id FROM applications WHERE status = 'submitted' ORDER BY id LIMIT 1`);
		assert.ok(id, 'the demo data has a submitted application');
		await q(`UPDATE applications SET title_sv = ' ', title_en = ${sqlText(TITLE_EN)} WHERE id = ${id};
			UPDATE data_version SET v = v + 1 WHERE id = 1`);
		admin = await stack.login('admin@icld.example');
	});

	test('the read-only page and the decision page show the English title to a Swedish reader', async () => {
		const page = await admin.get(`/applications/${id}`);
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(`<h1[^>]*>[^<]*${TITLE_EN}`), 'the page is headed by the English title');
		const decision = await admin.get(`/applications/${id}/decision`);
		assert.equal(decision.status, 200);
		assert.ok(decision.text.includes(TITLE_EN), 'the decision page names it by the English title');
		assert.doesNotMatch(page.text + decision.text, /Ansökan utan titel|Untitled application/);
	});
});
