/** The models of the 'model/…' fixtures (tools/fixtures/cases/nn.py), built with Myelin layers. */
import * as m from '../../src/index.js';

/** The fixture's small CNN: Sequential(Conv2d, BatchNorm2d, ReLU, MaxPool2d, Flatten, Linear). */
export const cnn = (): m.Sequential =>
  new m.Sequential(new m.Conv2d(1, 4, 3, { padding: 1 }), new m.BatchNorm2d(4), new m.ReLU(), new m.MaxPool2d(2), new m.Flatten(), new m.Linear(64, 10));

/** Named and nested children: features.0.weight, head.fc1.bias, … */
export const namedCnn = (): m.Sequential =>
  new m.Sequential({
    features: new m.Sequential(new m.Conv2d(2, 4, 3), new m.GroupNorm(2, 4), new m.GELU(), new m.AvgPool2d(2)),
    flatten: new m.Flatten(),
    head: new m.Sequential({ fc1: new m.Linear(16, 8), act: new m.Tanh(), fc2: new m.Linear(8, 3) }),
  });
