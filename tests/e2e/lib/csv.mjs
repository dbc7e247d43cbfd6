// csv.mjs - reads the CSV files kpp writes (fcgi-app/views/csv.c), for the tests of its downloads. Only Node's standard
// library.
//
//   import { parseCsv } from './lib/csv.mjs';
//   const [head, ...rows] = parseCsv(body.toString('utf8').slice(1));   // after the UTF-8 BOM
import assert from 'node:assert/strict';

/**
 * parseCsv(text) -> rows of cells, for the dialect of csv.c: ';' between cells, '"' quoting with doubled quotes,
 * CRLF after every row (the file's last included: asserted).
 */
export function parseCsv(text) {
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ';') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
	}
	assert.equal(cell + row.join(''), '', 'the file ends with CRLF');
	return rows;
}
