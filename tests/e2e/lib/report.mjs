// report.mjs - a project's report as the end-to-end tests fill it in: its indicators and its year's budget read
// with SQL, and the whole form's fields (narrative, every indicator's value, the costs given).
//
//   import { NARRATIVE, budgetOf, filled, indicatorsOf } from './lib/report.mjs';
//   const indicators = await indicatorsOf(q, id);     // q: stack.mysql (openStack's q)
//   const budget = await budgetOf(q, id);             // {lines: {travel: 120000, ...}, amount}
//   await send(s, form, { ...filled(indicators, { 'actual-travel': '120000' }), action: 'save' });
//   const { check, res } = await submitReport(s, form, filled(indicators, costs));   // through the check page

import { send } from './page.mjs';

/** The approved budget of report id's year: {category: kronor} of the lines above 0, and the year's amount. */
export async function budgetOf(q, id) {
	const lines = await q(`SELECT bl.category, bl.amount FROM reports r JOIN project_budget_lines bl
		ON bl.project_id = r.project_id AND bl.year = r.project_year WHERE r.id = ${id} AND bl.amount > 0
		ORDER BY bl.category + 0`);
	const [[amount]] = await q(`SELECT y.amount FROM reports r JOIN project_years y ON y.project_id = r.project_id
		AND y.year = r.project_year WHERE r.id = ${id}`);
	return { lines: Object.fromEntries(lines.map(([c, a]) => [c, Number(a)])), amount: Number(amount) };
}

/** The indicators of report id's project: [{id, qualitative}]. */
export async function indicatorsOf(q, id) {
	return (await q(`SELECT i.id, i.measure = 'qualitative' FROM reports r JOIN projects p ON p.id = r.project_id
		JOIN objectives ob ON ob.application_id = p.application_id JOIN expected_results er ON er.objective_id = ob.id
		JOIN indicators i ON i.result_id = er.id WHERE r.id = ${id} ORDER BY i.id`))
		.map(([i, qual]) => ({ id: i, qualitative: qual === '1' }));
}

export const NARRATIVE = {
	activities: 'Three joint workshops on service charters in Nakuru, and a study visit to Borlänge in May.',
	results: 'Two departments publish service charters; complaints are answered faster.',
	deviations: 'The second workshop moved from March to April because of the budget session.',
	lessons: 'Working in pairs across the partnership made the exchange concrete.',
	participation: '54 % of the participants were women; youth councils took part in two workshops.',
};

/** The whole report filled in: narrative, every indicator, and the costs given. */
export function filled(indicators, costs) {
	const out = { ...NARRATIVE, ...costs };
	for (const i of indicators) {
		if (i.qualitative) out[`ind-${i.id}-text`] = 'A draft by-law has been discussed by the council.';
		else out[`ind-${i.id}-value`] = '2,5';
	}
	return out;
}

/**
 * Submits a report as the applicant does: saves the form (fields over its own) with action check, then sends the
 * check page's form. {saved: the save's answer, check: the check page, res: the submission's answer}; check and
 * res are null when the save did not lead to the check page.
 */
export async function submitReport(s, form, fields) {
	const saved = await send(s, form, { ...fields, action: 'check' });
	if (saved.status !== 303 || !saved.headers.location.endsWith('/check')) return { saved, check: null, res: null };
	const { page: check, form: submit } = await s.form(saved.headers.location, (f) => f.action.endsWith('/submit'));
	return { saved, check, res: await send(s, submit) };
}
