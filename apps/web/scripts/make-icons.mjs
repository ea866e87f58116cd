#!/usr/bin/env node
// Draws the app icons (a white cross on the brand green) as PNGs into public/icons/, with no image
// library: run it again after changing the design. `any` icons have rounded corners; `maskable`
// ones fill the square and keep the cross inside the 80 % safe zone.
import { Buffer } from 'node:buffer';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BRAND = [6, 95, 70];
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function icon(size, { maskable }) {
  const scale = maskable ? 0.8 : 1; // the cross shrinks into the safe zone
  const radius = maskable ? 0 : size * 0.22;
  const arm = size * 0.1 * scale; // half the cross's thickness
  const reach = size * 0.31 * scale; // half the cross's length
  const c = size / 2;
  return png(size, (x, y) => {
    const dx = Math.max(radius - x, x - (size - radius), 0);
    const dy = Math.max(radius - y, y - (size - radius), 0);
    if (radius > 0 && dx * dx + dy * dy > radius * radius) return [0, 0, 0, 0];
    const inCross =
      (Math.abs(x - c) <= arm && Math.abs(y - c) <= reach) ||
      (Math.abs(y - c) <= arm && Math.abs(x - c) <= reach);
    return [...(inCross ? WHITE : BRAND), 255];
  });
}

await mkdir(dir, { recursive: true });
const files = {
  'icon-192.png': icon(192, { maskable: false }),
  'icon-512.png': icon(512, { maskable: false }),
  'maskable-512.png': icon(512, { maskable: true }),
  'apple-touch-icon.png': icon(180, { maskable: true }),
};
for (const [name, data] of Object.entries(files)) await writeFile(path.join(dir, name), data);
console.log(`icons written to ${dir}`);
