/**
 * Layer parity against recorded torch.nn modules (tools/fixtures/cases/nn.py, module_case): build
 * the Myelin layer, check that its state-dict keys and shapes are PyTorch's (same order), load the
 * recorded weights strictly, run one step in the recorded mode and compare the output, the updated
 * buffers, and the gradients of the inputs and of every parameter; toString() against PyTorch's repr.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Module, type Tensor, mul, sum, noGrad } from '../../src/index.js';
import { assertClose, fixtureCase, fromJson, type Tolerance } from '../harness/fixtures.js';

export interface ModuleNote {
  keys: string[];
  nx: number;
  buffers: string[];
  train: boolean;
  /** PyTorch's repr(module). */
  repr: string;
}

export function noteOf(name: string): ModuleNote {
  return JSON.parse(fixtureCase('nn', name).note!) as ModuleNote;
}

export function moduleCase(name: string, make: () => Module, tol: Tolerance = { rtol: 1e-4, atol: 1e-5 }): void {
  test(`${name}: matches PyTorch (state-dict keys, output, buffers, grads)`, () => {
    const fx = fixtureCase('nn', name);
    const note = noteOf(name);
    const mod = make().train(note.train);
    assert.equal(mod.toString(), note.repr, 'toString() is PyTorch\'s repr');
    const torchState = note.keys.map((k, i) => [k, fx.inputs[note.nx + i]!.shape] as const);
    assert.deepEqual([...mod.stateDict()].map(([k, v]) => [k, v.shape]), torchState, 'state-dict keys and shapes');
    mod.loadStateDict(new Map(note.keys.map((k, i) => [k, fromJson(fx.inputs[note.nx + i]!)])));
    const xs = fx.inputs.slice(0, note.nx).map((j, i) => (fx.grads?.[i] ? fromJson(j).requiresGrad_() : fromJson(j)));
    const y = mod.call(...xs);
    assertClose(y, fx.outputs[0]!, tol, `${name} output`);
    const state = mod.stateDict();
    note.buffers.forEach((k, i) => assertClose(state.get(k)!, fx.outputs[1 + i]!, tol, `${name} buffer ${k}`));
    if (!fx.cotangents?.length) return;
    sum(mul(y, fromJson(fx.cotangents[0]!))).backward();
    const zero = (t: Tensor): Tensor => noGrad(() => mul(t, 0));
    xs.forEach((x, i) => {
      if (fx.grads?.[i]) assertClose(x.grad ?? zero(x), fx.grads[i]!, tol, `${name} grad of input ${i}`);
    });
    for (const [k, p] of mod.namedParameters()) {
      const g = fx.grads?.[note.nx + note.keys.indexOf(k)];
      assert.ok(g, `${name}: no recorded grad for ${k}`);
      assertClose(p.grad ?? zero(p), g, tol, `${name} grad of ${k}`);
    }
  });
}
