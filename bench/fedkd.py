"""Benchmark: byzantine-resilient federated distillation (zlwork.fedkd) on the real scikit-learn digits.

Grid of attack × aggregator × byzantine fraction → final server test accuracy (printed and saved to
bench/results/fedkd.json), the centralised reference, HIPS obfuscation vs. detection, and rounds per second.

    python bench/fedkd.py            # full grid (~8 minutes on a shared 2-core CPU)
    python bench/fedkd.py --quick    # a few cells (~1 minute)
    python bench/fedkd.py --alpha 0.5   # non-IID clients (Dirichlet label skew) → bench/results/fedkd_alpha0.5.json
    python bench/fedkd.py --alpha 0.5 --expguard-base geomedian   # ExpGuard only, another reference aggregate
"""
from __future__ import annotations
import argparse, os, sys, time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import pandas as pd
import torch

from zlwork.core import Result, resolve_device
from zlwork.fedkd import (FedConfig, AGGREGATORS, make_federation_data, run_federation, run_grid, train_centralised)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a few cells only")
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--alpha", type=float, default=None, help="Dirichlet alpha (default: IID)")
    ap.add_argument("--expguard-base", default="median", help="ExpGuard's reference aggregate; other than median: "
                    "only ExpGuard runs (the other aggregators do not depend on it)")
    ap.add_argument("--device", default=None)
    ap.add_argument("--out", default="bench/results")
    a = ap.parse_args(argv)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    device = resolve_device(a.device)
    rounds = a.rounds or (3 if a.quick else 5)
    attacks = ["lma", "cpa"] if a.quick else ["random", "label_flip", "lma", "cpa"]
    aggs = ["mean", "median", "expguard"] if a.quick else list(AGGREGATORS)
    if a.expguard_base != "median": aggs = ["expguard"]
    fracs = [0.1, 0.3] if a.quick else [0.1, 0.2, 0.3]
    cfg = FedConfig(rounds=rounds, alpha=a.alpha, expguard_base=a.expguard_base)
    data = make_federation_data(cfg)
    t0 = time.perf_counter()

    central = train_centralised(cfg, data, device=device)
    clean = run_grid(["none"], aggs if "mean" in aggs else ["mean", *aggs], [0.0], cfg, data, device=device)   # the mean: clean reference
    grid = run_grid(attacks, aggs, fracs, cfg, data, device=device)
    hips = run_grid(["lma"], aggs, [0.3], cfg, data, device=device, obfuscate=True).assign(attack="lma+HIPS")
    df = pd.concat([clean.assign(attack="none"), grid, hips], ignore_index=True)

    # detection statistic: plain vs obfuscated LMA, 30 % byzantine, mean aggregation
    det = {}
    for name, kw in [("lma", {}), ("lma+HIPS", dict(obfuscate=True))]:
        r = run_federation(cfg, data, attack="lma", aggregator="mean", byzantine_frac=0.3, progress=False, device=device, **kw)
        det[name] = float(np.mean([h["detected"] for h in r.history]))
    seconds = time.perf_counter() - t0

    clean_mean = float(clean.query("aggregator == 'mean'").accuracy.item())
    print(f"\nFedDistill on digits (real): {cfg.n_clients} clients, {cfg.n_public} public, {rounds} rounds, "
          f"{'IID' if a.alpha is None else f'alpha={a.alpha}'}, MLP, device {device}")
    print(f"centralised (same MLP, union of private data): {central:.3f}   federated, no byzantine (mean): {clean_mean:.3f}\n")
    table = df.pivot_table(index=["byzantine_frac", "attack"], columns="aggregator", values="accuracy")[aggs]
    print("final server test accuracy")
    print(table.round(3).to_string())
    rps = float(df.rounds_per_s.mean())
    print(f"\ndetection rate of byzantine clients (robust z > 3), 30% LMA, mean: plain {det['lma']:.2f}  HIPS {det['lma+HIPS']:.2f}")
    print(f"rounds per second (mean over {len(df)} runs): {rps:.2f}   total {seconds:.0f} s")

    metrics = {"centralised_acc": central, "clean_fed_acc_mean": clean_mean, "rounds_per_s": rps,
               "detect_lma": det["lma"], "detect_lma_hips": det["lma+HIPS"]}
    for r in df.itertuples():
        metrics[f"acc/{r.attack}/{r.aggregator}/{r.byzantine_frac:g}"] = float(r.accuracy)
    for r in df[(df.byzantine_frac == 0.3) & df.attack.isin(["lma", "lma+HIPS"]) & df.byz_weight.notna()].itertuples():
        # the final weight a weighting aggregator gives the byzantine clients (their share of clients: 0.3)
        metrics[f"byz_weight/{r.attack}/{r.aggregator}/0.3"] = float(r.byz_weight)
    name = ("fedkd" + ("" if a.alpha is None else f"_alpha{a.alpha:g}") + ("" if a.expguard_base == "median" else f"_expguard_{a.expguard_base}")
            + ("_quick" if a.quick else ""))
    res = Result(name, metrics,
                 config=dict(rounds=rounds, attacks=attacks, aggregators=aggs, fracs=fracs, alpha=a.alpha, expguard_base=a.expguard_base,
                             n_clients=cfg.n_clients, n_public=cfg.n_public, local_epochs=cfg.local_epochs,
                             distill_epochs=cfg.distill_epochs, model=cfg.model, device=str(device)),
                 seconds=seconds, notes=("IID split" if a.alpha is None else f"non-IID: Dirichlet(alpha={a.alpha:g}) label skew over clients")
                       + "; shared CPU: timings are rough")
    print("saved", res.save(a.out))


if __name__ == "__main__":
    main()
