// zip.mjs - reads a ZIP archive (an .xlsx workbook) from memory for the tests: its central directory, then each
// entry stored or deflated. Only Node's standard library (zlib), so no unzip or python3 is needed.
import zlib from 'node:zlib';

/**
 * unzip(buf) -> Map(name -> Buffer) of every file in the archive. Throws on what is not a ZIP archive, on
 * ZIP64 and on methods other than stored (0) and deflated (8), and when an entry's CRC-32 is wrong.
 */
export function unzip(buf) {
	// The end of central directory record: its signature within the last 64 KiB + 22 bytes (a comment may follow).
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
	}
	if (eocd < 0) throw new Error('not a ZIP archive: no end of central directory record');
	const count = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	if (p === 0xffffffff) throw new Error('ZIP64 archives are not read here');
	const out = new Map();
	for (let n = 0; n < count; n++) {
		if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
		const method = buf.readUInt16LE(p + 10);
		const crc = buf.readUInt32LE(p + 16);
		const csize = buf.readUInt32LE(p + 20);
		const nameLen = buf.readUInt16LE(p + 28);
		const extraLen = buf.readUInt16LE(p + 30);
		const commentLen = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
		if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header of ${name}`);
		const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const raw = buf.subarray(start, start + csize);
		let data;
		if (method === 0) data = Buffer.from(raw);
		else if (method === 8) data = zlib.inflateRawSync(raw);
		else throw new Error(`${name}: compression method ${method} is not read here`);
		if (zlib.crc32 && zlib.crc32(data) !== crc) throw new Error(`${name}: CRC-32 mismatch`);
		out.set(name, data);
		p += 46 + nameLen + extraLen + commentLen;
	}
	return out;
}
