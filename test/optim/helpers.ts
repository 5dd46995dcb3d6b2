/**
 * Shared by the optim tests: building an optimizer from a fixture spec (tools/fixtures/cases/
 * optim.py writes the spec with Myelin's option names), the fixture loss and its trajectories.
 */
import {
  Adagrad, Adam, Adamax, AdamW, NAdam, Parameter, RMSprop, SGD, sin, stack, sum, mul, add,
  type Optimizer, type Tensor,
} from '../../src/index.js';

export const OPTIMIZERS = { SGD, Adam, AdamW, RMSprop, Adagrad, Adamax, NAdam };
export type OptimizerName = keyof typeof OPTIMIZERS;

export interface OptimizerSpec {
  optimizer: OptimizerName;
  options: Record<string, unknown>;
  steps: number;
  groups?: Record<string, unknown>[];
}

type AnyCtor = new (params: unknown, options: Record<string, unknown>) => Optimizer;

/** The optimizer a spec describes, over `params` (one group per param when the spec has groups). */
export function makeOptimizer(spec: Pick<OptimizerSpec, 'optimizer' | 'options' | 'groups'>, params: Tensor[], extra: Record<string, unknown> = {}): Optimizer {
  const Ctor = OPTIMIZERS[spec.optimizer] as unknown as AnyCtor;
  const input = spec.groups ? spec.groups.map((g, i) => ({ params: [params[i]!], ...g })) : params;
  return new Ctor(input, { ...spec.options, ...extra });
}

/** loss = Σ over pairs of sum(w·w·c) + sum(sin w): gradients 2cw + cos w vary from step to step. */
export function fixtureLoss(ws: Tensor[], cs: Tensor[]): Tensor {
  return ws.map((w, i) => add(sum(mul(mul(w, w), cs[i]!)), sum(sin(w)))).reduce((a, b) => add(a, b));
}

/** Runs `steps` steps (zeroGrad, backward, step); returns each parameter's stacked trajectory. */
export function trajectory(opt: Optimizer, ws: Tensor[], cs: Tensor[], steps: number): Tensor[] {
  const traj: Tensor[][] = ws.map(() => []);
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    fixtureLoss(ws, cs).backward();
    opt.step();
    ws.forEach((w, j) => traj[j]!.push(w.detach().clone()));
  }
  return traj.map((t) => stack(t));
}

/** Fresh parameters from fixture inputs [w1, c1, w2, c2, …]. */
export function paramsOf(inputs: Tensor[]): { ws: Parameter[]; cs: Tensor[] } {
  return { ws: inputs.filter((_, i) => i % 2 === 0).map((x) => new Parameter(x)), cs: inputs.filter((_, i) => i % 2 === 1) };
}
