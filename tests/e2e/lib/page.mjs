// page.mjs - reading kpp's pages in the end-to-end tests: text as people read it, amounts as the pages write
// them, and the forms a page holds. Only Node's standard library (through http.mjs).
import { htmlDecode } from './http.mjs';

export const NBSP = '\u00a0';

/** 1234567 -> "1 234 567", grouped by no-break spaces as the Swedish pages write numbers. */
export const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);

/** 450000 -> "450 000 kr" as the Swedish pages write amounts (no-break spaces). */
export const kr = (n) => `${grouped(n)}${NBSP}kr`;

/** 450000 -> "SEK 450,000" as the English pages write amounts. */
export const sek = (n) => `SEK${NBSP}${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** Text content of an HTML fragment: tags dropped, entities decoded, trimmed; no-break spaces kept. */
export const textOf = (html) => htmlDecode(html.replace(/<[^>]*>/g, '')).trim();

/** Text with its no-break spaces as plain ones, for comparing amounts as people read them. */
export const plain = (s) => htmlDecode(s).replace(/[\u00a0\u202f]/g, ' ');

/** s with every character that means something in a regular expression escaped: new RegExp(escapeRe(s)) matches s. */
export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The page at path and its form that posts to action (the first form of every page is the language switch). */
export async function formOn(s, path, action = path) {
	const { page, form } = await s.form(path, (f) => f.action === action);
	return { page, form };
}

/** Posts form's fields with overrides to its action; names in drop are left out (an unticked box). */
export function send(s, form, overrides = {}, drop = []) {
	const fields = { ...form.fields, ...overrides };
	for (const d of drop) delete fields[d];
	return s.post(form.action, new URLSearchParams(fields).toString(),
		{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

/** The CSRF token a signed-in session's pages carry. */
export async function csrfOf(s) {
	const { form } = await s.form('/', 0);
	return form.fields.csrf;
}

/** The message next to field id on page html (without its hidden "Error:"), decoded; null when there is none. */
export function errorOf(html, id) {
	const m = html.match(new RegExp(`<p class="error-message" id="${escapeRe(id)}-error"><span class="visually-hidden">[^<]*</span> ([^<]*)</p>`));
	return m ? htmlDecode(m[1]) : null;
}

/** The fields the error summary of page html links to, in its order. */
export const summaryLinks = (html) => [...(html.split('class="error-summary"')[1] ?? '').split('</ul>')[0]
	.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
