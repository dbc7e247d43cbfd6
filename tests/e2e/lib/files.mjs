// files.mjs - real files of the kinds kpp takes as attachments, made in the tests: a PDF of one page (of any
// size, for the benchmark's 1 MB upload) and a PNG image. Only Node's standard library.
//
//   import { pdfFile, pngFile } from './lib/files.mjs';
//   const pdf = pdfFile('Bokslut 2016');                  // a Buffer: %PDF-1.4 ... %%EOF, with its xref table
//   const big = pdfFile('Bokslut', { size: 1048576 });    // exactly 1 MiB, padded with a binary stream
//   const png = pngFile(4, 3);                            // a 4 x 3 RGB image
import crypto from 'node:crypto';
import zlib from 'node:zlib';

/**
 * pdfFile(text, {size}) -> Buffer: a PDF 1.4 document of one A4 page saying text (ASCII), with a correct
 * cross-reference table, so that readers open it. With size, the file is exactly that many bytes: an unused
 * stream object of random bytes makes up the rest (size must leave room for the page, about 700 bytes).
 */
export function pdfFile(text, { size } = {}) {
	const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
	const content = `BT /F1 24 Tf 72 760 Td (${escaped}) Tj ET`;
	const build = (padding) => {
		const objects = [
			'<< /Type /Catalog /Pages 2 0 R >>',
			'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
			'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
			`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
			'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		].map((o) => Buffer.from(o, 'latin1'));
		if (padding) {
			objects.push(Buffer.concat([Buffer.from(`<< /Length ${padding.length} >>\nstream\n`, 'latin1'), padding,
				Buffer.from('\nendstream', 'latin1')]));
		}
		const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
		let at = parts[0].length;
		const offsets = [];
		objects.forEach((o, i) => {
			const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), o, Buffer.from('\nendobj\n', 'latin1')]);
			offsets.push(at);
			parts.push(b);
			at += b.length;
		});
		const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n',
			...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
			`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`].join('');
		parts.push(Buffer.from(xref, 'latin1'));
		return Buffer.concat(parts);
	};
	if (size === undefined) return build(null);
	// The padding's length changes the digits of its own /Length and of the offsets: settle it in a few rounds.
	let n = Math.max(0, size - build(Buffer.alloc(0)).length);
	for (let i = 0; i < 8; i++) {
		const got = build(Buffer.alloc(n)).length;
		if (got === size) return build(crypto.randomBytes(n));
		n += size - got;
		if (n < 0) throw new Error(`a PDF saying "${text}" cannot be as small as ${size} bytes`);
	}
	throw new Error(`cannot make a PDF of exactly ${size} bytes`);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([len, body, crc]);
}

/** pngFile(width, height) -> Buffer: an RGB PNG image of that size, a colour gradient, with correct CRCs. */
export function pngFile(width = 2, height = 2) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;	// bit depth
	ihdr[9] = 2;	// truecolour
	const rows = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);	// filter type 0, then RGB
		for (let x = 0; x < width; x++) row.set([(x * 255) / Math.max(1, width - 1), (y * 255) / Math.max(1, height - 1), 128], 1 + x * 3);
		rows.push(row);
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
		chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
