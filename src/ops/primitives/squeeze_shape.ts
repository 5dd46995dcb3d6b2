/** Shape of x.unsqueeze(dim) for an already normalised dim in [0, ndim]. */
export function unsqueezeShape(shape: readonly number[], dim: number): number[] {
  return [...shape.slice(0, dim), 1, ...shape.slice(dim)];
}
