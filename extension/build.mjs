// Builds the loadable extension into dist/: one esbuild bundle per context, plus the
// manifest, pages, styles and icons (drawn here so no binary files live in the repo).
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: {
    "background/service-worker": join(root, "background/service-worker.js"),
    "content/content": join(root, "content/content.js"),
    "popup/popup": join(root, "popup/popup.js"),
    "options/options": join(root, "options/options.js"),
    "welcome/welcome": join(root, "welcome/welcome.js"),
  },
  outdir: dist,
  bundle: true,
  // Content scripts are classic scripts; an IIFE keeps every bundle self-contained.
  format: "iife",
  target: ["chrome120", "firefox142"],
  legalComments: "none",
  logLevel: "warning",
});

for (const file of [
  "manifest.json",
  "content/content.css",
  "popup/popup.html",
  "popup/popup.css",
  "options/options.html",
  "options/options.css",
  "welcome/welcome.html",
  "welcome/welcome.css",
]) {
  cpSync(join(root, file), join(dist, file));
}

mkdirSync(join(dist, "icons"), { recursive: true });
for (const size of [16, 32, 48, 128]) {
  writeFileSync(join(dist, "icons", `icon-${size}.png`), drawIcon(size));
}

// The icon: a dark rounded tile with three text lines coloured like source types.
function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const tile = [30, 41, 59];
  const lines = [
    { y: 0.3, from: 0.22, to: 0.78, rgb: [96, 165, 250] },
    { y: 0.5, from: 0.22, to: 0.62, rgb: [251, 191, 36] },
    { y: 0.7, from: 0.22, to: 0.7, rgb: [244, 114, 182] },
  ];
  const radius = size * 0.22;
  const half = size * 0.065;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = px + 0.5;
      const y = py + 0.5;
      const dx = Math.max(radius - x, 0, x - (size - radius));
      const dy = Math.max(radius - y, 0, y - (size - radius));
      const alpha = Math.min(1, Math.max(0, radius - Math.hypot(dx, dy) + 0.5));
      let rgb = tile;
      for (const line of lines) {
        if (Math.abs(y - line.y * size) <= half && x >= line.from * size && x <= line.to * size) {
          rgb = line.rgb;
        }
      }
      const i = (py * size + px) * 4;
      pixels[i] = rgb[0];
      pixels[i + 1] = rgb[1];
      pixels[i + 2] = rgb[2];
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
