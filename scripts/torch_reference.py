"""PyTorch reference for `npm run bench`: the same base model's weights, the same certificate's work.

Loads a shipped TF.js layers model (models/<id>/model.json + weights.bin: Conv2D, MaxPooling2D,
Flatten, Dense; channels-last, 'valid' padding), rebuilds it in PyTorch on the CPU, and times the
votes of randomized smoothing on one digit: n0 + n noisy copies x + sigma * z in batches, argmax
per copy, counted. Prints one JSON line: samples/s, the counts, torch's version and thread count.

It checks itself first: its class probabilities on a fixed input must match the ones the caller
passes from TF.js (--check), so the timing is of the same network.

Usage: /usr/bin/python3 scripts/torch_reference.py --model cnn-0.25 --samples 10000 [--batch 250] [--threads 2]
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import torch


def load_layers(model_dir):
    with open(os.path.join(model_dir, "model.json")) as f:
        spec = json.load(f)
    manifest = spec["weightsManifest"][0]
    blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in manifest["paths"])
    weights, offset = {}, 0
    for w in manifest["weights"]:
        if w["dtype"] != "float32":
            raise SystemExit(f"unsupported weight dtype {w['dtype']} for {w['name']}")
        size = int(np.prod(w["shape"])) if w["shape"] else 1
        weights[w["name"]] = np.frombuffer(blob, dtype="<f4", count=size, offset=offset).reshape(w["shape"])
        offset += 4 * size
    layers = spec["modelTopology"]["config"]["layers"]
    return layers, weights


class ChannelsLastFlatten(torch.nn.Module):
    """Flattens NCHW activations in TF.js's NHWC order, so the next Dense kernel applies unchanged."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)


def build(model_dir):
    layers, weights = load_layers(model_dir)
    mods = []
    seen_conv = False
    for layer in layers:
        kind, cfg = layer["class_name"], layer["config"]
        name = cfg["name"]
        if kind == "Conv2D":
            if cfg["padding"] != "valid" or cfg["data_format"] != "channels_last":
                raise SystemExit(f"unsupported Conv2D settings in {name}")
            k = weights[f"{name}/kernel"]  # [kh, kw, in, out]
            conv = torch.nn.Conv2d(k.shape[2], k.shape[3], kernel_size=k.shape[:2], stride=cfg["strides"])
            conv.weight.data = torch.from_numpy(np.ascontiguousarray(k.transpose(3, 2, 0, 1)))
            conv.bias.data = torch.from_numpy(weights[f"{name}/bias"].copy())
            mods.append(conv)
            seen_conv = True
        elif kind == "MaxPooling2D":
            mods.append(torch.nn.MaxPool2d(cfg["pool_size"], stride=cfg["strides"]))
            continue
        elif kind == "Flatten":
            # After convolutions (NCHW here) flatten in NHWC order; a flat input is already in it.
            mods.append(ChannelsLastFlatten() if seen_conv else torch.nn.Flatten())
            continue
        elif kind == "Dense":
            k = weights[f"{name}/kernel"]  # [in, out]
            dense = torch.nn.Linear(k.shape[0], k.shape[1])
            dense.weight.data = torch.from_numpy(np.ascontiguousarray(k.T))
            dense.bias.data = torch.from_numpy(weights[f"{name}/bias"].copy())
            mods.append(dense)
        else:
            raise SystemExit(f"unsupported layer {kind}")
        act = cfg.get("activation")
        if act == "relu":
            mods.append(torch.nn.ReLU())
        elif act == "softmax":
            mods.append(torch.nn.Softmax(dim=1))
        elif act not in (None, "linear"):
            raise SystemExit(f"unsupported activation {act}")
    return torch.nn.Sequential(*mods).eval(), layers[0]["class_name"] == "Conv2D"



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="models")
    ap.add_argument("--model", default="cnn-0.25")
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--n0", type=int, default=100)
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--sigma", type=float, default=0.25)
    ap.add_argument("--digit", default=None, help="784 comma-separated intensities in [0, 1]")
    ap.add_argument("--check", default=None, help="10 comma-separated probabilities TF.js gives for the digit")
    ap.add_argument("--threads", type=int, default=0, help="torch's intra-op threads (0: its default)")
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)

    torch.manual_seed(0)
    model, conv = build(os.path.join(a.models, a.model))
    x = (
        torch.tensor([float(v) for v in a.digit.split(",")], dtype=torch.float32)
        if a.digit
        else torch.full((784,), 0.5)
    )
    # NCHW for a convolutional first layer, else the flat row-major layout TF.js flattens.
    x_in = x.reshape(1, 1, 28, 28) if conv else x.reshape(1, 784)

    with torch.no_grad():
        if a.check:
            ref = np.array([float(v) for v in a.check.split(",")])
            probs = model(x_in).numpy()[0]
            diff = float(np.abs(probs - ref).max())
            if diff > 1e-4:
                raise SystemExit(f"the PyTorch rebuild disagrees with TF.js: max |p diff| = {diff}")

        def votes(num):
            counts = torch.zeros(10, dtype=torch.long)
            done = 0
            while done < num:
                size = min(a.batch, num - done)
                noisy = x_in + a.sigma * torch.randn((size,) + tuple(x_in.shape[1:]))
                out = model(noisy)
                counts += torch.bincount(out.argmax(1), minlength=10)
                done += size
            return counts

        votes(a.batch)  # warm-up
        t0 = time.perf_counter()
        sel = votes(a.n0)
        est = votes(a.samples)
        seconds = time.perf_counter() - t0
    total = a.n0 + a.samples
    print(
        json.dumps(
            {
                "model": a.model,
                "samples": total,
                "seconds": seconds,
                "samplesPerSecond": total / seconds,
                "selectionCounts": sel.tolist(),
                "counts": est.tolist(),
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "batch": a.batch,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
