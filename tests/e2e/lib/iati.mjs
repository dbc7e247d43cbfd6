// lib/iati.mjs - reading an IATI activity file in the tests: schema validation with xmllint, and the
// activities by identifier.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, iatiDir } from '../harness.mjs';

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
