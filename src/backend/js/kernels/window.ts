/**
 * Reference im2col / col2im over NCHW: the sliding-window unfold that conv and pooling are
 * built on, and its adjoint. Column row index is c*kh*kw + ki*kw + kj; column index is oy*ow + ox.
 */
import type { View, WindowParams } from '../../kernel_types.js';
import { copyInto } from '../strided.js';

export function outSize(size: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((size + 2 * p - d * (k - 1) - 1) / s) + 1;
}

export function jsIm2col(x: View, p: WindowParams, padValue: number, out: View): void {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [sn, sc, sh, sw] = x.strides as [number, number, number, number];
  const [kh, kw] = p.kernel;
  const oh = outSize(H, kh, p.stride[0], p.padding[0], p.dilation[0]);
  const ow = outSize(W, kw, p.stride[1], p.padding[1], p.dilation[1]);
  const xd = x.data;
  const od = out.data;
  let o = out.offset;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const xb = x.offset + n * sn + c * sc;
      for (let ki = 0; ki < kh; ki++) {
        for (let kj = 0; kj < kw; kj++) {
          for (let oy = 0; oy < oh; oy++) {
            const iy = oy * p.stride[0] - p.padding[0] + ki * p.dilation[0];
            const rowOk = iy >= 0 && iy < H;
            for (let ox = 0; ox < ow; ox++) {
              const ix = ox * p.stride[1] - p.padding[1] + kj * p.dilation[1];
              od[o++] = rowOk && ix >= 0 && ix < W ? xd[xb + iy * sh + ix * sw]! : padValue;
            }
          }
        }
      }
    }
  }
}

export function jsCol2im(cols: View, p: WindowParams, out: View): void {
  const [N, C, H, W] = out.shape as [number, number, number, number];
  const [kh, kw] = p.kernel;
  const oh = outSize(H, kh, p.stride[0], p.padding[0], p.dilation[0]);
  const ow = outSize(W, kw, p.stride[1], p.padding[1], p.dilation[1]);
  // Accumulate in float64, then store (cols may be strided: read through a contiguous copy).
  const acc = new Float64Array(N * C * H * W);
  const cc = new Float64Array(N * C * kh * kw * oh * ow);
  copyInto(cols, { data: cc, shape: cols.shape, strides: [C * kh * kw * oh * ow, oh * ow, 1], offset: 0 });
  let q = 0;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const base = (n * C + c) * H * W;
      for (let ki = 0; ki < kh; ki++) {
        for (let kj = 0; kj < kw; kj++) {
          for (let oy = 0; oy < oh; oy++) {
            const iy = oy * p.stride[0] - p.padding[0] + ki * p.dilation[0];
            for (let ox = 0; ox < ow; ox++, q++) {
              const ix = ox * p.stride[1] - p.padding[1] + kj * p.dilation[1];
              if (iy >= 0 && iy < H && ix >= 0 && ix < W) acc[base + iy * W + ix]! += cc[q]!;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < acc.length; i++) out.data[out.offset + i] = acc[i]!;
}
