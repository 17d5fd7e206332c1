// Minimal PNG writing and header reading for the Teams icons.
// Encoding uses pako (pure JavaScript deflate) rather than node's zlib, whose output may differ
// between zlib builds and CPUs; the committed icons must come out byte-identical everywhere.
import { requireTool } from "./deps.mjs";

const { deflate } = requireTool("pako");

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a non-interlaced PNG.
 * Every row uses the Sub filter, which turns flat areas into runs of zeros.
 */
export function encodeRgbaPng(width, height, rgba) {
  const stride = width * 4;
  const filtered = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    filtered[out] = 1; // Sub
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? rgba[y * stride + x - 4] : 0;
      filtered[out + 1 + x] = (rgba[y * stride + x] - left) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const idat = Buffer.from(deflate(filtered, { level: 9 }));
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

/** Reads width and height from a PNG's IHDR chunk, or returns an error message. */
export function readPngSize(bytes) {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { error: "not a PNG file (bad signature)" };
  if (bytes.toString("ascii", 12, 16) !== "IHDR") return { error: "PNG does not start with an IHDR chunk" };
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
