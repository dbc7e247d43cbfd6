// lib/dashboard.mjs - IATI's Dashboard's comprehensiveness tests, written again from the Dashboard's own
// methodology (IATI-Stats: _comprehensiveness_is_current, _comprehensiveness_with_validation_bools,
// comprehensiveness_denominators) and run on an activity file's XML, so that the tests check kpp's own scoring
// (fcgi-app/iati/comprehensiveness.c) against an independent reading of what it publishes.
import { activities, codelist } from './iati.mjs';

/** The Dashboard's country-to-language map (helpers/transparency_indicator/country_lang_map.csv) for the programme's countries. */
export const COUNTRY_LANGS = {
	KE: ['sw', 'en'], BW: ['en', 'tn'], UG: ['en', 'sw'], ZA: ['zu', 'xh', 'af', 'st', 'tn', 'en'], TZ: ['sw', 'en'],
	ZM: ['en'], ZW: ['en', 'sn', 'nd'], MZ: ['pt'], NA: ['en', 'de'], CN: ['zh'], ID: ['id'], VN: ['vi'],
	XK: ['sq', 'sr', 'bs', 'tr'], BA: ['bs', 'hr', 'sr'], RS: ['sr'], UA: ['uk'], AL: ['sq'], MK: ['mk'],
	MD: ['ru', 'uk', 'ro'], GE: ['ka'], CO: ['es'], GT: ['es'], BO: ['es', 'qu', 'ay'],
};

export const TESTS = ['version', 'reporting-org', 'iati-identifier', 'participating-org', 'title', 'description',
	'activity-status', 'activity-date', 'sector', 'country_or_region', 'transaction_commitment', 'transaction_spend',
	'transaction_traceability', 'budget', 'contact-info', 'location', 'location_point_pos', 'sector_dac',
	'capital-spend', 'document-link', 'aid_type', 'recipient_language', 'result_indicator'];

const all = (xml, re) => [...xml.matchAll(re)];
const attr = (tag, name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1];
const elements = (xml, name) => all(xml, new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g')).map((m) => m[0]);
const openTag = (el) => el.match(/^<[^>]*>/)[0];
const day = (s) => (/^\d{4}-\d\d-\d\d$/.test(s ?? '') && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? new Date(`${s}T00:00:00Z`) : null);
const narrativeText = (el) => all(el, /<narrative[^>]*>([^<]*\S[^<]*)<\/narrative>/g).length > 0;

/** The day a year before d, as IATI-Stats' add_years(d, -1) has it (29 February: 1 March). */
function yearBefore(d) {
	const y = d.getUTCFullYear() - 1, m = d.getUTCMonth(), dd = d.getUTCDate();
	const r = new Date(Date.UTC(y, m, dd));
	return r.getUTCMonth() === m ? r : new Date(Date.UTC(y, m + 1, 1));
}

function validCoords(pos) {
	const parts = pos.split(' ');
	if (parts.length !== 2 || !parts.every((p) => /^[+-]?(\d+\.?\d*|\.\d+)$/.test(p))) return false;
	const [lat, lng] = parts.map(Number);
	return !(lat === 0 && lng === 0) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

function validUrl(url) {
	try {
		const u = new URL(url);
		return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '' && !/\s/.test(url);
	} catch { return false; }
}

/** The languages of title or description elements: each narrative's xml:lang, or the activity's. */
function languages(act, name, deflt) {
	const out = [];
	for (const el of elements(act, name))
		for (const n of all(el, /<narrative([^>]*)>[^<]*<\/narrative>/g)) out.push(attr(n[1], 'xml:lang') ?? deflt);
	return out;
}

/** Whether one activity is current on today, and its tests: {current, applies: {t: bool}, passes: {t: bool}}. */
export function scoreActivity(act, today, version, codes) {
	const now = day(today);
	const head = openTag(act);
	const dates = elements(act, 'activity-date').map((el) => ({ type: attr(el, 'type'), date: day(attr(el, 'iso-date')), raw: attr(el, 'iso-date') }));
	const status = (act.match(/<activity-status code="([^"]*)"/) || [])[1];
	const plannedEnds = dates.filter((d) => d.type === '3' && d.date).map((d) => d.date);
	const actualEnds = dates.filter((d) => d.type === '4' && d.date).map((d) => d.date);
	let current = false;
	if (plannedEnds.length === 0 && (status === '2' || status === '4')) current = true;
	if (actualEnds.some((d) => d >= yearBefore(now) && d <= now)) current = true;
	if (plannedEnds.some((d) => d >= now)) current = true;

	const reporting = elements(act, 'reporting-org')[0] ?? '';
	const reportingRef = attr(openTag(reporting || '<x>'), 'ref');
	const orgs = elements(act, 'participating-org').map((el) => ({ ref: attr(openTag(el), 'ref'), role: attr(openTag(el), 'role') }));
	const identifier = (act.match(/<iati-identifier>([^<]*)</) || [])[1] ?? '';
	const transactions = elements(act, 'transaction').map((t) => ({
		type: (t.match(/<transaction-type code="([^"]*)"/) || [])[1],
		date: attr((t.match(/<transaction-date[^>]*>/) || [''])[0], 'iso-date'),
		valueDate: attr((t.match(/<value[^>]*>/) || [''])[0], 'value-date'),
		value: (t.match(/<value[^>]*>([^<]*)<\/value>/) || [])[1],
		providerActivity: attr((t.match(/<provider-org[^>]*>/) || [''])[0], 'provider-activity-id'),
	}));
	const sound = (ts) => ts.length > 0 && ts.every((t) => /^-?\d+(\.\d+)?$/.test(t.value ?? '') && (day(t.date) || day(t.valueDate)));
	const sectors = elements(act, 'sector').map((el) => ({ vocab: attr(openTag(el), 'vocabulary'), code: attr(openTag(el), 'code'), pct: attr(openTag(el), 'percentage') }));
	const sumIs100 = (list) => list.length === 0 || list.length === 1 || list.reduce((s, x) => s + Number(x.pct ?? 0), 0) === 100;
	const byVocab = {};
	for (const s of sectors) (byVocab[s.vocab ?? ''] ??= []).push(s);
	const countries = elements(act, 'recipient-country').map((el) => ({ code: attr(openTag(el), 'code'), pct: attr(openTag(el), 'percentage') }));
	const donor = Boolean(reportingRef) && orgs.some((o) => o.ref === reportingRef && (o.role === '1' || o.role === '3'))
		&& !orgs.some((o) => o.ref === reportingRef && o.role === '4');
	const incoming = transactions.filter((t) => t.type === '1');
	const budgets = elements(act, 'budget');
	const poses = all(act, /<location>[\s\S]*?<\/location>/g).flatMap((m) => all(m[0], /<pos>([^<]*)<\/pos>/g).map((p) => p[1]));
	const locations = elements(act, 'location');
	const docs = elements(act, 'document-link');
	const dac = sectors.filter((s) => s.vocab === undefined || s.vocab === '1');
	const langs = countries.length === 1 ? COUNTRY_LANGS[countries[0].code] ?? [] : [];
	const deflt = attr(head, 'xml:lang');
	const start = (dates.find((d) => d.type === '2') ?? dates.find((d) => d.type === '1'))?.date;

	const passes = {
		version: codes.Version.has(version),
		'reporting-org': Boolean(reportingRef) && narrativeText(reporting),
		'iati-identifier': identifier !== '' && Boolean(reportingRef) && identifier.startsWith(reportingRef),
		'participating-org': orgs.some((o) => o.role === '1'),
		title: elements(act, 'title').some(narrativeText),
		description: elements(act, 'description').some(narrativeText),
		'activity-status': codes.ActivityStatus.has(status),
		'activity-date': dates.some((d) => d.type === '1' || d.type === '2') && dates.every((d) => d.date),
		sector: sectors.length > 0 && Object.values(byVocab).every(sumIs100),
		country_or_region: countries.length > 0 && sumIs100(countries),
		transaction_commitment: sound(transactions.filter((t) => t.type === '2' || t.type === '11')),
		transaction_spend: sound(transactions.filter((t) => t.type === '3' || t.type === '4')),
		transaction_traceability: (incoming.length > 0 && incoming.every((t) => t.providerActivity)) || donor,
		budget: budgets.length > 0 && budgets.every((b) => day(attr((b.match(/<period-start[^>]*>/) || [''])[0], 'iso-date'))
			&& day(attr((b.match(/<period-end[^>]*>/) || [''])[0], 'iso-date')) && day(attr((b.match(/<value[^>]*>/) || [''])[0], 'value-date'))),
		'contact-info': /<contact-info[^>]*>[\s\S]*?<email>[^<]+<\/email>[\s\S]*?<\/contact-info>/.test(act),
		location: locations.some((l) => /<pos>|<name>|<description>|<location-administrative/.test(l)),
		location_point_pos: poses.length > 0 && poses.every(validCoords),
		sector_dac: dac.length > 0 && dac.every((s) => codes.Sector.has(s.code)),
		'capital-spend': /<capital-spend percentage="[^"]*"/.test(act),
		'document-link': docs.length > 0 && docs.every((d) => validUrl(attr(openTag(d), 'url'))
			&& codes.DocumentCategory.has((d.match(/<category code="([^"]*)"/) || [])[1])),
		aid_type: all(act, /<default-aid-type code="([^"]*)"/g).some((m) => codes.AidType.has(m[1])),
		recipient_language: countries.length === 1 && languages(act, 'title', deflt).some((l) => langs.includes(l))
			&& languages(act, 'description', deflt).some((l) => langs.includes(l)),
		result_indicator: /<result[\s>][\s\S]*?<indicator[\s>]/.test(act),
	};
	const applies = Object.fromEntries(TESTS.map((t) => [t, current]));
	applies.recipient_language = current && countries.length === 1;
	applies.transaction_spend = current && Boolean(start) && start < now && (now - start) / 86400000 > 365;
	applies.transaction_traceability = current && (incoming.length > 0 || donor);
	return { current, applies, passes };
}

/** Every activity of xml scored on today: {activities, current, tests: {t: {denominator, numerator, misses: [ids]}}}. */
export function comprehensiveness(xml, today) {
	const version = (xml.match(/<iati-activities version="([^"]*)"/) || [])[1];
	const codes = Object.fromEntries(['Version', 'ActivityStatus', 'Sector', 'DocumentCategory', 'AidType']
		.map((n) => [n, codelist(n).codes]));
	const out = { activities: 0, current: 0, tests: Object.fromEntries(TESTS.map((t) => [t, { denominator: 0, numerator: 0, misses: [] }])) };
	for (const [id, act] of activities(xml)) {
		out.activities++;
		const s = scoreActivity(act, today, version, codes);
		if (!s.current) continue;
		out.current++;
		for (const t of TESTS) {
			if (!s.applies[t]) continue;
			out.tests[t].denominator++;
			if (s.passes[t]) out.tests[t].numerator++;
			else out.tests[t].misses.push(id);
		}
	}
	return out;
}
