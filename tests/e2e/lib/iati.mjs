// lib/iati.mjs - reading an IATI activity file in the tests: schema validation with xmllint, and the
// activities by identifier.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, iatiDir, htmlDecode } from '../harness.mjs';

/**
 * xmllint --schema (IATI's 2.03 activities schema, or the schema file named) on text: {ok, out}. The file goes to a
 * scratch folder.
 */
export async function xmllint(text, name = 'export.xml', schemaFile = 'iati-activities-schema.xsd') {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpp-xmllint-'));
	try {
		const file = path.join(dir, name);
		fs.writeFileSync(file, text);
		const schema = path.join(iatiDir(), 'schema', schemaFile);
		const r = await run('xmllint', ['--noout', '--nonet', '--schema', schema, file]);
		return { ok: r.code === 0, out: r.stderr.trim() };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** xmllint --schema with IATI's 2.03 organisations schema. */
export const xmllintOrg = (text, name = 'organisation.xml') => xmllint(text, name, 'iati-organisations-schema.xsd');

/** The activities of a file, each as its XML text, by identifier. */
export function activities(xml) {
	const out = new Map();
	for (const m of xml.matchAll(/<iati-activity [\s\S]*?<\/iati-activity>/g)) {
		const id = m[0].match(/<iati-identifier>([^<]*)<\/iati-identifier>/)[1];
		out.set(id, m[0]);
	}
	return out;
}

/** Every value of attribute attr of element el in xml, entities decoded. */
export function attrs(xml, el, attr) {
	const re = new RegExp(`<${el}(?=[\\s/>])[^>]*?\\s${attr.replace(':', '\\:')}="([^"]*)"`, 'g');
	return [...xml.matchAll(re)].map((m) => htmlDecode(m[1]));
}

/** The codes of one of IATI's codelist files: {codes: Set, withdrawn: Set}. */
export function codelist(name) {
	const xml = fs.readFileSync(path.join(iatiDir(), 'codelists', `${name}.xml`), 'utf8');
	const codes = new Set();
	const withdrawn = new Set();
	for (const m of xml.matchAll(/<codelist-item([^>]*)>[\s\S]*?<code>([^<]*)<\/code>/g)) {
		codes.add(m[2].trim());
		if (/status="withdrawn"/.test(m[1])) withdrawn.add(m[2].trim());
	}
	return { codes, withdrawn };
}

/**
 * What is wrong with the codes of xml, for uses [[element, attribute, codelist]...]: an attribute the
 * file never has, a value not in its codelist, or one the codelist has withdrawn. [] when all is right.
 */
export function codeProblems(xml, uses) {
	const wrong = [];
	for (const [el, attr, list] of uses) {
		const values = attrs(xml, el, attr);
		if (values.length === 0) wrong.push(`the file has no ${el}/@${attr}`);
		const { codes, withdrawn } = codelist(list);
		for (const v of new Set(values)) {
			if (!codes.has(v)) wrong.push(`${el}/@${attr}="${v}" is not in ${list}`);
			else if (withdrawn.has(v)) wrong.push(`${el}/@${attr}="${v}" is withdrawn from ${list}`);
		}
	}
	return wrong;
}
