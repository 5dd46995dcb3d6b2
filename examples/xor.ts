/**
 * XOR, Keras-style: 1,000 points in [-1, 1]², labelled 1 where the coordinates have opposite
 * signs; a 2-16-2 tanh network learns the four quadrants with compile/fit/evaluate/predict.
 * XOR is the classic problem a single neuron cannot solve: its classes are not linearly separable.
 *
 * Run: node --import tsx examples/xor.ts          (about 2 s)
 * Same thing from the shell: npx myelin train xor
 */
import { Linear, Sequential, Tanh, manualSeed, softmax, tensor, xor } from '../src/index.js';

manualSeed(0);
const train = xor(1000, { seed: 0 });
const test = xor(500, { seed: 1 });

const model = new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 2));
model.summary([2]);
model.compile({ optimizer: 'adam', lr: 0.02, loss: 'crossEntropy', metrics: ['accuracy'] });
await model.fit(train.x, train.y, { epochs: 30, batchSize: 32, validationData: [test.x, test.y], verbose: 2 });

const { loss, accuracy } = model.evaluate(test.x, test.y);
console.log(`test accuracy ${(100 * accuracy!).toFixed(1)}% (loss ${loss!.toFixed(4)})`);

// one point in each quadrant: XOR says 0, 1, 0, 1
const points = [[0.5, 0.5], [-0.5, 0.5], [-0.5, -0.5], [0.5, -0.5]];
const probs = softmax(model.predict(tensor(points)), 1).toArray() as number[][];
probs.forEach((p, i) => console.log(`(${points[i]}) -> class ${p[1]! > 0.5 ? 1 : 0} (p(1) = ${p[1]!.toFixed(3)})`));
