/**
 * Draws the Teams app icons and writes them as PNG with nothing but node:zlib:
 *   manifests/teams/color.png    192×192, a white chat bubble with a check mark on the accent colour
 *   manifests/teams/outline.png   32×32, the same bubble as a white outline on a transparent background
 * The PNGs are committed; run `node --import tsx scripts/teams-icons.ts` after changing the drawing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];
/** Signed distance from a point to a shape: negative inside, in pixels. */
type Sdf = (x: number, y: number) => number;

const ACCENT: Rgba = [0x4f, 0x46, 0xe5, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Sdf {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const dx = Math.abs(x - cx) - hx;
    const dy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };
}

function segment(ax: number, ay: number, bx: number, by: number, halfWidth: number): Sdf {
  return (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
    return Math.hypot(px - vx * t, py - vy * t) - halfWidth;
  };
}

/** A triangle, as the largest distance to its three edges' lines (exact enough for filling). */
function triangle(points: readonly (readonly [number, number])[]): Sdf {
  const edge = (i: number, x: number, y: number) => {
    const [ax, ay] = points[i] ?? [0, 0];
    const [bx, by] = points[(i + 1) % 3] ?? [0, 0];
    return ((x - ax) * (by - ay) - (y - ay) * (bx - ax)) / Math.hypot(bx - ax, by - ay);
  };
  // Either winding works: the centroid decides which side of each edge is inside.
  const cx = points.reduce((t, p) => t + p[0], 0) / 3;
  const cy = points.reduce((t, p) => t + p[1], 0) / 3;
  const sign = edge(0, cx, cy) > 0 ? -1 : 1;
  return (x, y) => Math.max(sign * edge(0, x, y), sign * edge(1, x, y), sign * edge(2, x, y));
}

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

/** Renders layers (shape, colour) over a background, 4×4 supersampled for smooth edges. */
function draw(size: number, background: Rgba, layers: readonly [Sdf, Rgba][]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const px = x + (sx + 0.5) / n;
          const py = y + (sy + 0.5) / n;
          let colour = background;
          for (const [shape, fill] of layers) if (shape(px, py) <= 0) colour = fill;
          for (let c = 0; c < 4; c++) sum[c] = (sum[c] ?? 0) + (colour[c] ?? 0);
        }
      const alpha = (sum[3] ?? 0) / (n * n);
      const at = (y * size + x) * 4;
      for (let c = 0; c < 3; c++)
        // Colour averaged over the covered samples only, so edges do not darken towards transparent black.
        pixels[at + c] = alpha === 0 ? 0 : Math.round((sum[c] ?? 0) / (n * n) / (alpha / 255));
      pixels[at + 3] = Math.round(alpha);
    }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT (each row with filter type 0), IEND. */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The bubble and check, drawn on a 32-unit grid and scaled to `size`. */
function bubble(size: number) {
  const s = size / 32;
  const body = roundedRect(4 * s, 5 * s, 28 * s, 23 * s, 5 * s);
  const tail = triangle([
    [8 * s, 21 * s],
    [8 * s, 28 * s],
    [15 * s, 21 * s],
  ]);
  const check = (w: number) =>
    union(segment(10 * s, 14 * s, 14 * s, 18 * s, w * s), segment(14 * s, 18 * s, 22 * s, 10 * s, w * s));
  return { shape: union(body, tail), check, s };
}

export function colorIcon(): Buffer {
  const { shape, check } = bubble(192);
  return encodePng(
    192,
    draw(192, ACCENT, [
      [shape, WHITE],
      [check(1.6), ACCENT],
    ]),
  );
}

export function outlineIcon(): Buffer {
  const { shape, check } = bubble(32);
  const ring: Sdf = (x, y) => Math.abs(shape(x, y) + 0.9) - 0.9; // a 1.8 px line just inside the edge
  const none: Rgba = [0, 0, 0, 0];
  return encodePng(
    32,
    draw(32, none, [
      [ring, WHITE],
      [check(0.9), WHITE],
    ]),
  );
}

const isEntryPoint = process.argv[1]?.endsWith('teams-icons.ts');
if (isEntryPoint) {
  const dir = join(import.meta.dirname, '..', 'manifests', 'teams');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  console.log(`wrote ${join(dir, 'color.png')} and outline.png`);
}
