"""Pruning benchmark: sparsity → quality for one-shot pruning, PERP variants, full retraining, IMP and sparse
model soups, on a CNN (SmallCNN, real sklearn digits, test accuracy) and a char-level GPT (real CPython docs text,
validation perplexity). Prints a table and writes bench/results/pruning.json.

    python bench/pruning.py            # default sizes (a few minutes on a shared 2-core CPU)
    python bench/pruning.py --quick    # smoke-size run

Timings are wall-clock seconds on whatever machine runs it (rough on a shared CPU)."""
import argparse, copy, os, time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import pandas as pd
import torch

from zlwork.core import Result, evaluate, machine_info
from zlwork.prune import pretrained_cnn, prune, imp, Mask
from zlwork.perp import pretrained_char_gpt, lm_data, perplexity, perp_retrain, lm_loss
from zlwork.soups import sparsity_sweep, sparse_model_soup


def lm_rows(quick: bool, device, steps: int, sparsity: float = 0.5):
    cfg = dict(d_model=48, n_layer=2, n_head=4, seq_len=32, steps=150, max_chars=120_000) if quick else \
          dict(d_model=64, n_layer=2, n_head=4, seq_len=64, steps=500, max_chars=None)
    lm, tok, info = pretrained_char_gpt(device=device, **cfg)
    _, dl, va = lm_data(cfg["seq_len"], 32, cfg["max_chars"])
    ppl = lambda m: perplexity(m, va)
    n = sum(p.numel() for p in lm.parameters())
    rows = [dict(model="CharGPT", method="dense", sparsity=0.0, metric=ppl(lm), trained_fraction=0.0, steps=info["steps"],
                 seconds=info["seconds"])]
    for meth in ("one-shot", "one-shot wanda", "PERP norm+bias", "PERP norm+bias+lora", "full retrain", "IMP", "uniform soup"):
        m = copy.deepcopy(lm); t0 = time.perf_counter(); frac, st = 0.0, 0
        if meth == "one-shot": mk = prune(m, sparsity, scope="layer")
        elif meth == "one-shot wanda": mk = prune(m, sparsity, method="wanda", scope="row", calib=dl, max_batches=8)
        elif meth.startswith("PERP"):
            mk = prune(m, sparsity, scope="layer")
            frac = perp_retrain(m, mk, dl, meth.split()[1], steps, 3e-3, rank=4, loss_fn=lm_loss, device=device,
                                progress=False)["trained_fraction"]; st = steps
        elif meth == "full retrain":
            mk = prune(m, sparsity, scope="layer")
            frac = perp_retrain(m, mk, dl, "full", steps, 1e-3, loss_fn=lm_loss, device=device, progress=False)["trained_fraction"]; st = steps
        elif meth == "IMP":
            mk, _ = imp(m, dl, sparsity, 2, steps, 1e-3, scope="layer", loss_fn=lm_loss, device=device, progress=False)
            frac, st = 1.0, 2 * steps
        else:
            m, mk, _ = sparse_model_soup(lm, dl.dataset.tensors, sparsity, phases=1, k=3, steps=steps, lr=1e-3, batch_size=32,
                                         scope="layer", loss_fn=lm_loss, device=device, progress=False)
            frac, st = 1.0, 3 * steps
        rows.append(dict(model="CharGPT", method=meth, sparsity=round(mk.sparsity, 4), metric=ppl(m), trained_fraction=frac,
                         steps=st, seconds=time.perf_counter() - t0, violations=mk.count_violations(m)))
    return rows, dict(lm=cfg, lm_params=n, lm_valid_tokens=int(va[:, 1:].numel()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    ap.add_argument("--device", default=None, help="torch device (default: zlwork's default)")
    ap.add_argument("--out", default="bench/results", help="folder for pruning.json")
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    t0 = time.perf_counter()
    sps, steps, phases, k = ((0.8,), 20, 2, 2) if a.quick else ((0.7, 0.8, 0.9), 40, 2, 3)
    dense, info = pretrained_cnn(device=a.device)
    sw = sparsity_sweep(dense, sps, steps=steps, phases=phases, k=k, device=a.device, progress=False)
    sw = sw.rename(columns={"accuracy": "metric"}).assign(model="SmallCNN")
    cnn_rows = [dict(model="SmallCNN", method="dense", sparsity=0.0, metric=info["test_acc"], trained_fraction=0.0,
                     steps=info["steps"], seconds=info["seconds"])] + sw.to_dict("records")
    lrows, lcfg = lm_rows(a.quick, a.device, 20 if a.quick else 50)
    df = pd.DataFrame(cnn_rows + lrows)[["model", "method", "sparsity", "metric", "trained_fraction", "steps", "seconds", "violations"]]
    total = time.perf_counter() - t0
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print("metric: SmallCNN = test accuracy on real sklearn digits (450 images); CharGPT = validation perplexity on CPython docs text")
        print(df.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    print(f"total {total:.0f} s on {machine_info(a.device)}")
    metrics = {f"{r['model']}/{r['method']}/{r['sparsity']:.2f}": float(r["metric"]) for r in df.to_dict("records")}
    res = Result("pruning", metrics, config=dict(quick=a.quick, cnn=dict(sparsities=sps, steps=steps, phases=phases, k=k,
                 dense=info), rows=df.to_dict("records"), **lcfg), seconds=total,
                 notes="SmallCNN metric: test accuracy (higher is better); CharGPT metric: validation perplexity (lower is "
                       "better). Trained fraction = trained parameters / model parameters. Wall times on a shared CPU are rough.")
    print("wrote", res.save(a.out))


if __name__ == "__main__":
    main()
