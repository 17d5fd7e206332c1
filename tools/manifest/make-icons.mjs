// Draws MentorBot's Teams icons: a mentor and a smaller mentee side by side, with an upward
// chevron over the mentee for growth.
//   node tools/manifest/make-icons.mjs [--out <dir>]      (default: manifest/icons)
// Writes color.png (192x192: the symbol in a 96x96 box centred on the accent colour) and
// outline.png (32x32: the same symbol in white on full transparency, edge to edge).
// Pure arithmetic and a pure-JavaScript deflate, so every run gives the same bytes.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeRgbaPng } from "./png.mjs";

export const ACCENT = [0x1b, 0x6e, 0x7a]; // #1B6E7A, also the manifest's accentColor
const FIGURE = [255, 255, 255];
const CHEVRON = [0xff, 0xc8, 0x57];
const SUBSAMPLES = 8; // 8x8 samples a pixel for anti-aliased edges

// The symbol lives in a 32x32 unit square (y grows downwards).
const mentor = { headX: 10.5, headY: 8.25, headR: 5.25, bodyX: 10.5, bodyR: 10, bodyTop: 17 };
const mentee = { headX: 24.25, headY: 15, headR: 3.75, bodyX: 24.25, bodyR: 7.25, bodyTop: 21.25 };
const chevron = { apexX: 24.25, apexY: 1.6, armDX: 5.75, armDY: 5.5, halfWidth: 1.6 };
const GAP = 1.5; // keeps the mentee visibly in front of the mentor

const sq = (v) => v * v;
const inCircle = (x, y, cx, cy, r) => sq(x - cx) + sq(y - cy) < sq(r);
// A figure's shoulders: a half-disc on top of a rectangle running to the bottom of the unit square.
const inShoulders = (x, y, cx, r, top, grow = 0) =>
  y < 32 && (inCircle(x, y, cx, top + r, r + grow) || (Math.abs(x - cx) < r + grow && y >= top + r));

function nearSegment(x, y, ax, ay, bx, by, halfWidth) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return sq(x - (ax + t * dx)) + sq(y - (ay + t * dy)) < sq(halfWidth);
}

function inMentee(x, y, grow = 0) {
  return inCircle(x, y, mentee.headX, mentee.headY, mentee.headR + grow) || inShoulders(x, y, mentee.bodyX, mentee.bodyR, mentee.bodyTop, grow);
}

/** What covers the point (x, y) of the unit square: "figure", "chevron" or null. */
export function symbolAt(x, y) {
  const { apexX, apexY, armDX, armDY, halfWidth } = chevron;
  if (nearSegment(x, y, apexX, apexY, apexX - armDX, apexY + armDY, halfWidth) || nearSegment(x, y, apexX, apexY, apexX + armDX, apexY + armDY, halfWidth)) return "chevron";
  if (inMentee(x, y)) return "figure";
  const inMentor = inCircle(x, y, mentor.headX, mentor.headY, mentor.headR) || inShoulders(x, y, mentor.bodyX, mentor.bodyR, mentor.bodyTop);
  return inMentor && !inMentee(x, y, GAP) ? "figure" : null;
}

/** Renders size x size RGBA pixels; the 32-unit symbol is drawn at `scale` px a unit from `offset` px. */
function render(size, scale, offset, paint) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const counts = { figure: 0, chevron: 0 };
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES - offset) / scale;
          const y = (py + (sy + 0.5) / SUBSAMPLES - offset) / scale;
          const hit = symbolAt(x, y);
          if (hit) counts[hit]++;
        }
      }
      paint(rgba, (py * size + px) * 4, counts, SUBSAMPLES * SUBSAMPLES);
    }
  }
  return rgba;
}

export function colorIcon() {
  const rgba = render(192, 3, 48, (out, i, counts, total) => {
    for (let c = 0; c < 3; c++) {
      const mixed = (ACCENT[c] * (total - counts.figure - counts.chevron) + FIGURE[c] * counts.figure + CHEVRON[c] * counts.chevron) / total;
      out[i + c] = Math.round(mixed);
    }
    out[i + 3] = 255;
  });
  return encodeRgbaPng(192, 192, rgba);
}

export function outlineIcon() {
  const rgba = render(32, 1, 0, (out, i, counts, total) => {
    out[i] = out[i + 1] = out[i + 2] = 255; // white everywhere; only alpha carries the shape
    out[i + 3] = Math.round((255 * (counts.figure + counts.chevron)) / total);
  });
  return encodeRgbaPng(32, 32, rgba);
}

function main(argv) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const outIndex = argv.indexOf("--out");
  const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1] ?? "") : path.join(repoRoot, "manifest", "icons");
  if (outIndex >= 0 && !argv[outIndex + 1]) {
    console.error("--out needs a directory");
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "color.png"), colorIcon());
  writeFileSync(path.join(outDir, "outline.png"), outlineIcon());
  console.log(`wrote color.png and outline.png to ${outDir}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
