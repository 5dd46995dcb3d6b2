/**
 * Heat-map images for `myelin explain`: attributions reduced to one value per pixel in [0, 1],
 * the 'inferno' colour map (perceptually uniform, readable in greyscale), blended over the input
 * upscaled by an integer factor, and PNG reading and writing through pngjs. No tensor math here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { CliError, firstLine } from './errors.js';

/** matplotlib's 'inferno' (CC0) sampled at 17 evenly spaced points; linear in between (within 7/255). */
const INFERNO: readonly (readonly [number, number, number])[] = [
  [0, 0, 4], [11, 7, 36], [33, 12, 74], [61, 9, 101], [87, 16, 110], [113, 25, 110], [138, 34, 106], [163, 44, 97],
  [188, 55, 84], [208, 69, 69], [227, 89, 51], [241, 113, 31], [249, 140, 10], [252, 170, 15], [249, 201, 50],
  [242, 232, 101], [252, 255, 164],
];

/** The inferno colour of t in [0, 1] (clamped) as 0–255 RGB. */
export function inferno(t: number): [number, number, number] {
  const s = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1) * (INFERNO.length - 1);
  const i = Math.min(Math.floor(s), INFERNO.length - 2);
  const f = s - i;
  const [a, b] = [INFERNO[i]!, INFERNO[i + 1]!];
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as [number, number, number];
}

/**
 * How attributions (C, H, W) become one heat value per pixel:
 * 'magnitude': Σ_c |a| scaled by its 99th percentile (gradient methods: sign is unreliable, and
 * one extreme pixel should not wash out the rest); 'positive': max(Σ_c a, 0) scaled by its
 * maximum (Grad-CAM and occlusion: evidence for the target).
 */
export type HeatMode = 'magnitude' | 'positive';

/** Per-pixel heat in [0, 1] from attributions laid out (C, H, W). */
export function heatOf(a: ArrayLike<number>, channels: number, height: number, width: number, mode: HeatMode): Float32Array {
  const hw = height * width;
  const heat = new Float32Array(hw);
  for (let p = 0; p < hw; p++) {
    let v = 0;
    for (let c = 0; c < channels; c++) v += mode === 'magnitude' ? Math.abs(a[c * hw + p]!) : a[c * hw + p]!;
    heat[p] = Math.max(v, 0);
  }
  const sorted = Float32Array.from(heat).sort();
  const top = mode === 'magnitude' ? sorted[Math.min(hw - 1, Math.floor(0.99 * hw))]! : sorted[hw - 1]!;
  const scale = top > 0 ? top : Math.max(sorted[hw - 1]!, 0);
  for (let p = 0; p < hw; p++) heat[p] = scale > 0 ? Math.min(heat[p]! / scale, 1) : 0;
  return heat;
}

export interface OverlayOptions {
  /** Each input pixel becomes scale × scale output pixels (nearest neighbour). */
  scale: number;
  /** Colour weight at full heat (default 0.9); a pixel's weight is alpha × √heat. */
  alpha?: number;
  /** Brightness of the input under the colours (default 0.5), so that they stand out. */
  dim?: number;
}

/** An RGBA image: width × height pixels, 4 bytes each, row-major. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * The heat map (H·W values in [0, 1]) in inferno colours over the input image (C, H, W raw values;
 * 1 channel is grey, 3 are RGB; min-max scaled to [0, 1] when outside it), both upscaled ×scale.
 * Where the heat is 0 the image shows through, dimmed.
 */
export function overlay(image: ArrayLike<number>, channels: number, height: number, width: number, heat: ArrayLike<number>, opts: OverlayOptions): Rgba {
  const { scale } = opts;
  const alpha = opts.alpha ?? 0.9;
  const dim = opts.dim ?? 0.5;
  const hw = height * width;
  let [lo, hi] = [Infinity, -Infinity];
  for (let i = 0; i < channels * hw; i++) [lo, hi] = [Math.min(lo, image[i]!), Math.max(hi, image[i]!)];
  const [offset, range] = lo >= 0 && hi <= 1 ? [0, 1] : [lo, hi > lo ? hi - lo : 1];
  const W = width * scale;
  const H = height * scale;
  const data = new Uint8Array(W * H * 4);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const p = i * width + j;
      const base = [0, 1, 2].map((c) => (image[(channels === 3 ? c : 0) * hw + p]! - offset) / range);
      const colour = inferno(heat[p]!);
      const a = alpha * Math.sqrt(Math.min(Math.max(heat[p]!, 0), 1));
      const rgb = base.map((v, c) => Math.round((1 - a) * 255 * dim * v + a * colour[c]!));
      for (let di = 0; di < scale; di++) {
        for (let dj = 0; dj < scale; dj++) {
          const o = ((i * scale + di) * W + j * scale + dj) * 4;
          [data[o], data[o + 1], data[o + 2], data[o + 3]] = [rgb[0]!, rgb[1]!, rgb[2]!, 255];
        }
      }
    }
  }
  return { width: W, height: H, data };
}

/** Writes an RGBA image as a PNG file. */
export function writePng(path: string, img: Rgba): void {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  try {
    writeFileSync(path, PNG.sync.write(png));
  } catch (e) {
    throw new CliError(`cannot write '${path}': ${firstLine(e)}`);
  }
}

/** Reads a PNG file as RGBA (any bit depth, palette, grey or colour; pngjs converts). */
export function readPng(path: string): Rgba {
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(path));
  } catch (e) {
    throw new CliError(`'${path}' is not a readable PNG image (${firstLine(e)})`);
  }
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}
