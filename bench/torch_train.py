"""PyTorch peer for `npm run bench` (bench/peers.ts): the same MLP and LeNet-5 as
bench/myelin_worker.ts, synthetic random data of MNIST shape, timed the same way (warm-up, then
best of 3 rounds). Usage: python3 bench/torch_train.py THREADS ROUND_MS [ONNX_DIR]
Prints one JSON line: {"threads", "results": [{"key", "samples_per_s"}], "onnx": {name: path}}.
With ONNX_DIR, also exports mlp.onnx and lenet.onnx there (dynamic batch) for onnxruntime-node.
The caller sets the environment (OPENBLAS_*, OMP_WAIT_POLICY); this script only sets threads.
BENCH_ONLY=sub1,sub2 keeps only the rows whose key contains one of the substrings.
"""
import json
import os
import sys
import time

import torch
from torch import nn

SGD_LR, SGD_MOMENTUM, ADAM_LR = 0.01, 0.9, 1e-3
TRAIN = [("mlp", 64, "sgd"), ("mlp", 64, "adam"), ("mlp", 256, "sgd"), ("mlp", 256, "adam"),
         ("lenet", 64, "sgd"), ("lenet", 64, "adam")]
INFER = [("mlp", 1), ("mlp", 256), ("lenet", 1), ("lenet", 256)]


def make_model(name):
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def input_of(name, batch):
    return torch.randn(batch, 784) if name == "mlp" else torch.randn(batch, 1, 28, 28)


def samples_per_s(step, batch, warm_ms, round_ms):
    t0, n = time.perf_counter(), 0
    while n < 2 or (time.perf_counter() - t0) * 1000 < warm_ms:
        step()
        n += 1
    best = float("inf")
    for _ in range(3):
        reps, t0 = 0, time.perf_counter()
        t = t0
        while reps < 2 or (t - t0) * 1000 < round_ms:
            step()
            reps += 1
            t = time.perf_counter()
        best = min(best, (t - t0) / reps)
    return batch / best


def train_rate(name, batch, opt_name, round_ms):
    model = make_model(name)
    x, y = input_of(name, batch), torch.randint(0, 10, (batch,))
    opt = (torch.optim.SGD(model.parameters(), lr=SGD_LR, momentum=SGD_MOMENTUM) if opt_name == "sgd"
           else torch.optim.Adam(model.parameters(), lr=ADAM_LR))
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()
    return samples_per_s(step, batch, round_ms / 2, round_ms)


def infer_rate(name, batch, round_ms):
    model = make_model(name).eval()
    x = input_of(name, batch)

    def step():
        with torch.no_grad():
            model(x)
    return samples_per_s(step, batch, round_ms / 2, round_ms)


def export_onnx(out_dir):
    paths = {}
    for name in ("mlp", "lenet"):
        path = os.path.join(out_dir, name + ".onnx")
        torch.onnx.export(make_model(name).eval(), input_of(name, 1), path, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "n"}, "y": {0: "n"}}, opset_version=13)
        paths[name] = path
    return paths


def wanted(key):
    only = [s for s in os.environ.get("BENCH_ONLY", "").split(",") if s]
    return not only or any(s in key for s in only)


def main():
    threads, round_ms = int(sys.argv[1]), float(sys.argv[2])
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    results = [{"key": k, "samples_per_s": train_rate(m, b, o, round_ms)}
               for m, b, o in TRAIN if wanted(k := f"train {m} b{b} {o}")]
    results += [{"key": k, "samples_per_s": infer_rate(m, b, round_ms)} for m, b in INFER if wanted(k := f"infer {m} b{b}")]
    onnx = export_onnx(sys.argv[3]) if len(sys.argv) > 3 else {}
    print(json.dumps({"threads": torch.get_num_threads(), "torch": torch.__version__, "results": results, "onnx": onnx}))


if __name__ == "__main__":
    main()
