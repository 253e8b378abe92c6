"""Benchmark: compression-aware training with Stochastic Frank-Wolfe (zlwork.sfw).

Trains SmallCNN (no BatchNorm, width 16) on the real scikit-learn digits with SGD(+wd), SGD + group-lasso /
nuclear-norm proximal steps, SFW over group k-support balls and SFW over spectral k-support balls; prints test
accuracy dense, after filter pruning at several ratios and after truncated SVD at several ranks (no retraining),
and the time per epoch of SFW vs SGD; two extra rows train SFW-group without the paper's gradient
rescaling of the step size (plain `lr`, and `lr/diameter`) to show what the rescaling buys.  Usage: python bench/sfw.py [--quick]
"""
import argparse, os, time
os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch
from zlwork.core import Result
from zlwork.data import load_digits_data
from zlwork.sfw import run_comparison, METHODS

# the paper's gradient rescaling switched off / replaced by 1/diameter (lrs tuned by hand on the digits)
VARIANTS = [("sfw_group_norescale", "sfw_group", dict(rescale=None, lr=0.002)),
            ("sfw_group_diameter", "sfw_group", dict(rescale="diameter", lr=0.5))]

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--quick", action="store_true"); ap.add_argument("--device", default=None)
    a = ap.parse_args()
    epochs, width = (6, 16) if a.quick else (20, 16)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    t0 = time.perf_counter()
    res = run_comparison(load_digits_data(), list(METHODS) + VARIANTS, epochs=epochs, width=width, device=a.device, progress=False)
    total = time.perf_counter() - t0
    ratios = [r["ratio"] for r in next(iter(res.values()))["curves"]["prune"]]
    ranks = [r["rank_frac"] for r in next(iter(res.values()))["curves"]["rank"]]
    print(f"digits (real, 1347 train / 450 test), SmallCNN width {width} w/o BatchNorm, {epochs} epochs, test accuracy, no retraining")
    print(f"{'method':20s} " + " ".join(f"prune{r:<6.3g}" for r in ratios) + " | " + " ".join(f"rank{r:<6.3g}" for r in ranks) + " | s/epoch")
    metrics = {}
    for m, r in res.items():
        pa = [x["accuracy"] for x in r["curves"]["prune"]]; ra = [x["accuracy"] for x in r["curves"]["rank"]]
        print(f"{m:20s} " + " ".join(f"{v:<11.3f}" for v in pa) + " | " + " ".join(f"{v:<10.3f}" for v in ra) + f" | {r['sec_per_epoch']:.2f}")
        metrics[f"{m}_dense_acc"] = pa[0]
        for rr, v in zip(ratios[1:], pa[1:]): metrics[f"{m}_acc_prune{rr:g}"] = v
        for rk, v in zip(ranks[1:], ra[1:]): metrics[f"{m}_acc_rank{rk:g}"] = v
        metrics[f"{m}_sec_per_epoch"] = r["sec_per_epoch"]
    def verdict(a, b): return "SFW keeps more" if a > b + 0.02 else ("tie (within 0.02)" if a >= b - 0.02 else "SFW keeps LESS")
    acc = lambda m, k, x: next(e["accuracy"] for e in res[m]["curves"][k] if e["ratio" if k == "prune" else "rank_frac"] == x)
    print("\nchecks (issue 4, 'Done means'):")
    for x in [r for r in ratios if r >= 0.5]:
        print(f"  filters pruned {x:.3g}: sfw_group {acc('sfw_group','prune',x):.3f} vs sgd {acc('sgd','prune',x):.3f} -> " +
              verdict(acc('sfw_group','prune',x), acc('sgd','prune',x)))
    for x in [r for r in ranks if r <= 0.25]:
        print(f"  rank kept {x:.3g}: sfw_nuclear {acc('sfw_nuclear','rank',x):.3f} vs sgd {acc('sgd','rank',x):.3f} -> " +
              verdict(acc('sfw_nuclear','rank',x), acc('sgd','rank',x)))
    ratio = res["sfw_group"]["sec_per_epoch"] / res["sgd"]["sec_per_epoch"]
    print(f"time per epoch: sgd {res['sgd']['sec_per_epoch']:.2f}s, sfw_group {res['sfw_group']['sec_per_epoch']:.2f}s, "
          f"sfw_nuclear {res['sfw_nuclear']['sec_per_epoch']:.2f}s (sfw_group/sgd = {ratio:.2f}); total {total:.0f}s (shared CPU, rough)")
    metrics["sfw_group_over_sgd_time"] = ratio
    name = "sfw_quick" if a.quick else "sfw"
    p = Result(name, metrics, dict(epochs=epochs, width=width, data="sklearn digits", methods={m: r["config"] for m, r in res.items()}),
               seconds=total, notes="no retraining after compression; shared 2-core CPU, timings rough").save("bench/results")
    print("saved", p)

if __name__ == "__main__":
    main()
