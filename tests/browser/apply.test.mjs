// apply.test.mjs - a municipal officer applies, in a real browser (Debian's Chromium through playwright-core) with
// JavaScript switched off: signs in, starts a draft, leaves and comes back, fills in every section by its labels,
// submits with a mistake, follows the error summary's link to the field, corrects it, submits, and reads the
// confirmation and the application, read-only; then withdraws another of its applications. Enter in a section's
// field saves it and goes on. The stack (MariaDB with the demo data, the workers, nginx) is this
// file's own; the demo's today is 2016-09-30, with the 2017 call open.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../e2e/harness.mjs';
import {
	TIMEOUT, launchBrowser, stopAll, newContext, clickAndWait, gotoPage, go, signIn, pathOf, screenshot, texts,
} from './lib/browser.mjs';

const APPLICANT = 'borlange@kommun.example';

let stack;
let browser;
let partner;	// a Kenyan partner organisation: [id, name]

before(async () => {
	stack = await startStack({ workers: 2 });
	browser = await launchBrowser();
	[partner] = await stack.mysql("SELECT id, name FROM organisations WHERE side = 'partner' AND country_code = 'KE' " +
		'AND active = 1 ORDER BY name LIMIT 1');
	assert.ok(partner, 'the demo data has a Kenyan partner organisation');
}, { timeout: 120000 });

after(() => stopAll(browser, stack));

/** Ticks "Jag är klar med det här avsnittet" and presses "Spara och fortsätt": the next page's response. */
async function completeAndContinue(page) {
	await page.getByLabel('Jag är klar med det här avsnittet').check();
	const res = await go(page, 'button', 'Spara och fortsätt');
	assert.equal(res.status(), 200, `saved (${page.url()})`);
	assert.equal(await page.locator('.error-summary').count(), 0,
		`no problems: ${(await texts(page, '.error-summary li')).join('; ')}`);
	return res;
}

/** The status tags of the task list by section name. */
async function taskStates(page) {
	const names = await texts(page, '.task-list li a');
	const tags = await texts(page, '.task-list li .tag');
	return Object.fromEntries(names.map((n, i) => [n, tags[i]]));
}

describe('an applicant without JavaScript', () => {
	test('starts a draft, comes back to it, fills in every section, corrects a mistake and submits', { timeout: 240000 }, async () => {
		const context = await newContext(browser, { javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			assert.equal((await signIn(page, stack.baseUrl, APPLICANT)).status(), 200);

			// Start a new application from the start page: the 2017 call, a project.
			await go(page, 'link', 'Påbörja en ny ansökan');
			assert.equal(pathOf(page), '/applications/new');
			assert.equal(await page.locator('h1').innerText(), 'Påbörja en ny ansökan');
			const round = page.getByRole('group', { name: 'Utlysning 2017' });
			await round.getByLabel('Projekt', { exact: true }).check();
			await go(page, 'button', 'Påbörja ansökan');
			const m = pathOf(page).match(/^\/applications\/(\d+)\/tasks$/);
			assert.ok(m, `the task list of the new draft: ${page.url()}`);
			const id = m[1];
			assert.deepEqual(Object.values(await taskStates(page)), Array(6).fill('Inte påbörjad'));
			assert.equal(await page.getByRole('link', { name: 'Kontrollera dina svar och skicka in' }).count(), 0);

			// Leave for the start page, and come back to the draft from there.
			await clickAndWait(page, page.locator('a.service-name'));
			assert.equal(pathOf(page), '/');
			await go(page, 'link', `Ansökan utan titel ${id}`);
			assert.equal(pathOf(page), `/applications/${id}`);
			await go(page, 'link', 'Fortsätt med ansökan');
			assert.equal(pathOf(page), `/applications/${id}/tasks`);

			// Partners and country.
			await go(page, 'link', 'Partner och land');
			assert.equal(await page.locator('h1').innerText(), 'Partner och land');
			assert.ok(await page.getByLabel('Projekt', { exact: true }).isChecked(), 'the type chosen at the start');
			await page.getByLabel('Partnerorganisation', { exact: true }).selectOption(partner[0]);
			await page.getByLabel('Partnerland').selectOption('KE');
			await completeAndContinue(page);

			// The project.
			assert.equal(pathOf(page), `/applications/${id}/project`);
			await page.getByLabel('Titel på svenska').fill('Medborgardialog i Kisumu');
			await page.getByLabel('Titel på engelska').fill('Citizen dialogue in Kisumu');
			await page.getByLabel('Sammanfattning på engelska').fill('Ward forums on the county budget.');
			await page.getByLabel('Bakgrund och problem').fill('Few residents take part in budget decisions.');
			await page.getByRole('group', { name: 'Tematiskt område' }).getByLabel('Lokal styrning').check();
			const principles = page.getByRole('group', { name: /principer för lokal demokrati/ });
			await principles.getByLabel('Deltagande').check();
			await principles.getByLabel('Transparens').check();
			await page.getByLabel('16. Fredliga och inkluderande samhällen').check();
			await page.getByLabel('Målgrupper').fill('Residents of informal settlements');
			await page.getByRole('group', { name: 'Utvecklar projektet medborgardialog?' }).getByLabel('Ja').check();
			await page.getByLabel('Hur projektet utvecklar medborgardialog').fill('Forums in every ward twice a year');
			await page.getByLabel('Hur projektet tar hänsyn till utsatta grupper').fill('Forums in Swahili and Luo');
			await page.getByLabel('Hur projektet främjar kvinnors deltagande').fill('Half of the speakers are women');
			await completeAndContinue(page);

			// The results framework.
			assert.equal(pathOf(page), `/applications/${id}/results`);
			await page.getByLabel('Övergripande mål').fill('Residents influence the county budget');
			await page.getByLabel('Beskrivning av projektmål 1').fill('More residents take part in budget forums');
			await page.getByLabel('Beskrivning av förväntat resultat 1.1').fill('Forums held in every ward');
			const indicator = page.getByRole('group', { name: 'Indikator 1.1.1' });
			await indicator.getByLabel('Vad indikatorn mäter').fill('Forums held');
			await indicator.getByLabel('Utgångsvärde', { exact: true }).fill('0');
			await indicator.getByLabel('Målvärde', { exact: true }).fill('12');
			await completeAndContinue(page);

			// The team: three civil servants on each side, in the empty rows the page offers.
			assert.equal(pathOf(page), `/applications/${id}/team`);
			const people = page.locator('main fieldset');
			assert.ok(await people.count() >= 6, 'empty rows for both sides');
			for (let k = 0; k < 6; k++) {
				const row = people.nth(k);
				await row.getByLabel('Namn').fill(k < 3 ? `Tjänsteperson ${k + 1}` : `Officer ${k + 1}`);
				await row.getByLabel('Roll').selectOption('civil_servant');
			}
			await completeAndContinue(page);

			// The budget: two years, amounts typed the Swedish way.
			assert.equal(pathOf(page), `/applications/${id}/budget`);
			await page.getByLabel('2 år').check();
			await page.getByLabel('Planerad start').fill('2017-05-01');
			await page.getByLabel('Resor, år 1').fill('200 000');
			await page.getByLabel('Logi, år 1').fill('100000');
			await page.getByLabel('Möten och workshoppar, år 1').fill('100 000 kr');
			await page.getByLabel('Sökt belopp, år 1').fill('400 000');
			await page.getByLabel('Resor, år 2').fill('150 000');
			await page.getByLabel('Möten och workshoppar, år 2').fill('150 000');
			await page.getByLabel('Sökt belopp, år 2').fill('300 000');
			await completeAndContinue(page);

			// The contact person, all but the telephone: saved as a draft, to come back to.
			assert.equal(pathOf(page), `/applications/${id}/contact`);
			await page.getByLabel('Namn').fill('Anna Andersson');
			await page.getByLabel('E-postadress').fill('anna.andersson@borlange.example');
			await go(page, 'button', 'Spara som utkast och fortsätt senare');
			assert.equal(pathOf(page), `/applications/${id}/tasks`);
			const states = await taskStates(page);
			assert.equal(states['Kontaktperson'], 'Påbörjad');
			assert.equal(Object.values(states).filter((s) => s === 'Klart').length, 5);

			// Submitted anyway, from the check page's address: the mistake is listed, linked to its field.
			await gotoPage(page, stack.baseUrl, `/applications/${id}/check`);
			assert.equal(await page.locator('h1').innerText(), 'Kontrollera dina svar innan du skickar in');
			await go(page, 'button', 'Skicka ansökan till ICLD');
			assert.ok((await page.title()).startsWith('Fel: '), `the title says there is an error: ${await page.title()}`);
			const summary = page.locator('.error-summary');
			assert.equal((await summary.locator('h2').innerText()).trim(), 'Det finns ett problem');
			const link = summary.getByRole('link', { name: 'Kontaktperson: Skriv kontaktpersonens telefonnummer' });
			assert.equal(await link.count(), 1, `the link to the telephone: ${(await texts(page, '.error-summary li')).join('; ')}`);
			await clickAndWait(page, link);
			assert.equal(new URL(page.url()).pathname, `/applications/${id}/contact`);
			assert.equal(new URL(page.url()).hash, '#contact_phone');
			const phone = page.locator('#contact_phone');
			assert.ok(await phone.isVisible());
			assert.equal(await page.getByLabel('Namn').inputValue(), 'Anna Andersson', 'what was saved is there');

			// Corrected and the section complete: saving goes back to check your answers, where the link came from.
			await phone.fill('0243-740 00');
			await page.getByLabel('Jag är klar med det här avsnittet').check();
			await go(page, 'button', 'Spara och gå tillbaka till dina svar');
			assert.equal(pathOf(page), `/applications/${id}/check`);
			assert.equal(await page.locator('.error-summary').count(), 0);
			await gotoPage(page, stack.baseUrl, `/applications/${id}/tasks`);
			assert.deepEqual(Object.values(await taskStates(page)), Array(6).fill('Klart'));
			await go(page, 'link', 'Kontrollera dina svar och skicka in');
			assert.equal(pathOf(page), `/applications/${id}/check`);
			const main = await page.locator('main').innerText();
			for (const s of ['Medborgardialog i Kisumu', partner[1], 'Forums held', 'Tjänsteperson 1', '400 000 kr', '0243-740 00'])
				assert.ok(main.replace(/\u00a0/g, ' ').includes(s), `the check page shows ${s}`);
			assert.ok(await page.getByRole('link', { name: 'Ändra Telefon' }).count(), 'a Change link per answer');
			await go(page, 'button', 'Skicka ansökan till ICLD');

			// The confirmation, and the application read-only.
			assert.equal(pathOf(page), `/applications/${id}/submitted`);
			assert.equal(await page.locator('h1').innerText(), 'Ansökan är inskickad');
			assert.match(await page.locator('.panel').innerText(), new RegExp(`Ansökan ${id}`));
			await screenshot(page, 'application-submitted-sv');
			await go(page, 'link', 'Läs och skriv ut ansökan');
			assert.equal(pathOf(page), `/applications/${id}`);
			assert.equal(await page.locator('h1').innerText(), 'Medborgardialog i Kisumu');
			assert.equal((await page.locator('main .tag').first().innerText()).trim(), 'Inskickad');
			assert.equal(await page.locator('main input, main textarea, main select').count(), 0, 'nothing to edit');
			assert.equal(await page.getByRole('link', { name: 'Fortsätt med ansökan' }).count(), 0);
			// The form is closed to it now.
			await gotoPage(page, stack.baseUrl, `/applications/${id}/contact`);
			assert.equal(pathOf(page), `/applications/${id}`);
			assert.equal(await stack.mysql(`SELECT status FROM applications WHERE id = ${id}`).then((r) => r[0][0]), 'submitted');

			// Withdraws another of Borlänge's applications, one still before a decision.
			const [other] = await stack.mysql("SELECT a.id FROM applications a JOIN organisations o ON o.id = a.applicant_org_id " +
				`WHERE o.name = 'Borlänge kommun' AND a.status IN ('submitted', 'draft') AND a.id <> ${id} ` +
				"ORDER BY a.status = 'submitted' DESC, a.id LIMIT 1").then((r) => r.map((x) => x[0]));
			assert.ok(other, 'the demo data has another application of Borlänge that can be withdrawn');
			await gotoPage(page, stack.baseUrl, `/applications/${other}`);
			assert.equal(pathOf(page), `/applications/${other}`);
			await go(page, 'link', 'Återkalla ansökan');
			assert.equal(pathOf(page), `/applications/${other}/withdraw`);
			await go(page, 'button', 'Återkalla ansökan');
			assert.equal(pathOf(page), `/applications/${other}`);
			assert.equal((await page.locator('main .tag').first().innerText()).trim(), 'Återkallad');
			assert.equal(await page.getByRole('link', { name: 'Återkalla ansökan' }).count(), 0, 'nothing more to withdraw');
			assert.equal(await stack.mysql(`SELECT status FROM applications WHERE id = ${other}`).then((r) => r[0][0]), 'withdrawn');
			assert.equal(await stack.mysql(`SELECT status FROM applications WHERE id = ${id}`).then((r) => r[0][0]), 'submitted',
				'the one just submitted stays as it is');
		} finally {
			await context.close();
		}
	});
});

describe('Enter in a field of a section', () => {
	test('saves and goes on, as "Save and continue" does, never adding a row', { timeout: 120000 }, async () => {
		const context = await newContext(browser, { javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			await signIn(page, stack.baseUrl, APPLICANT);
			await gotoPage(page, stack.baseUrl, '/applications/new');
			await page.getByRole('group', { name: 'Utlysning 2017' }).getByLabel('Projekt', { exact: true }).check();
			await go(page, 'button', 'Påbörja ansökan');
			const id = pathOf(page).match(/\d+/)[0];

			// The results framework, whose first buttons add rows: Enter in the indicator's target saves.
			await gotoPage(page, stack.baseUrl, `/applications/${id}/results`);
			await page.getByLabel('Övergripande mål').fill('Residents influence the county budget');
			const target = page.getByRole('group', { name: 'Indikator 1.1.1' }).getByLabel('Målvärde', { exact: true });
			await target.fill('12');
			await Promise.all([page.waitForURL((u) => u.pathname !== `/applications/${id}/results`, { timeout: TIMEOUT }), target.press('Enter')]);
			assert.equal(pathOf(page), `/applications/${id}/team`, 'on to the next section');
			assert.deepEqual(await stack.mysql(`SELECT overall_objective FROM applications WHERE id = ${id}`), [['Residents influence the county budget']]);
			assert.equal((await stack.mysql(`SELECT COUNT(*) FROM objectives WHERE application_id = ${id}`))[0][0], '1', 'no row added');

			// The team, whose "Add another person" buttons come first too.
			const name = page.locator('#team-swedish');
			await name.fill('Åsa Öberg');
			await page.locator('main fieldset').first().getByLabel('Roll').selectOption('civil_servant');
			await Promise.all([page.waitForURL((u) => u.pathname !== `/applications/${id}/team`, { timeout: TIMEOUT }), name.press('Enter')]);
			assert.equal(pathOf(page), `/applications/${id}/budget`);
			assert.deepEqual(await stack.mysql(`SELECT name FROM team_members WHERE application_id = ${id}`), [['Åsa Öberg']]);
		} finally {
			await context.close();
		}
	});
});

describe('the error summary on a section page', () => {
	test('its link moves the focus to the field with the problem', { timeout: 120000 }, async () => {
		const context = await newContext(browser, { javaScriptEnabled: false });
		try {
			const page = await context.newPage();
			await signIn(page, stack.baseUrl, APPLICANT);
			await gotoPage(page, stack.baseUrl, '/applications/new');
			await page.getByRole('group', { name: 'Utlysning 2017' }).getByLabel('Förstudie').check();
			await go(page, 'button', 'Påbörja ansökan');
			const id = pathOf(page).match(/\d+/)[0];
			await gotoPage(page, stack.baseUrl, `/applications/${id}/budget`);
			await page.getByLabel('Resor, år 1').fill('abc');
			await page.getByLabel('Logi, år 1').fill('50 000');
			await go(page, 'button', 'Spara som utkast och fortsätt senare');
			assert.equal(pathOf(page), `/applications/${id}/budget`);
			const link = page.locator('.error-summary a[href="#amount-1-travel"]');
			assert.equal(await link.count(), 1);
			assert.equal(await page.getByLabel('Resor, år 1').inputValue(), 'abc', 'what was typed is kept');
			assert.equal((await page.getByLabel('Logi, år 1').inputValue()).replace(/\u00a0/g, ' '), '50 000');
			await link.click();
			await page.waitForURL((u) => u.hash === '#amount-1-travel', { timeout: TIMEOUT });
			await page.waitForFunction(() => document.activeElement?.id === 'amount-1-travel', null, { timeout: TIMEOUT });
		} finally {
			await context.close();
		}
	});
});
