"""Benchmark for zlwork.vanishing: fit time of OAVI / ABM / VCA as the number of samples m and features n grow
(SYNTHETIC points on a 2-D quadratic manifold embedded in [0,1]^n), and the cut-layer pipeline table
(SmallCNN on the real scikit-learn digits vs truncated network + per-class vanishing polynomials + linear head).

    python bench/vanishing.py            # full run (a few minutes on a shared 2-core CPU)
    python bench/vanishing.py --quick    # smaller sizes
"""
from __future__ import annotations
import argparse, os, sys, time

os.environ.setdefault("OMP_NUM_THREADS", "1"); os.environ.setdefault("MKL_NUM_THREADS", "1")
import torch
import pandas as pd
from zlwork.core import Result, seed_everything, resolve_device
from zlwork.data import load_digits_data
from zlwork.vanishing import fit_generators, UnitCubeScaler, train_reference_cnn, compare_cuts


def manifold_points(m: int, n: int, seed: int = 0) -> torch.Tensor:
    "SYNTHETIC: m points on a random linear image in R^n of the curve (cos a, sin a, cos 2a, sin 2a), scaled into [0,1]^n."
    g = torch.Generator().manual_seed(seed)
    a = 2 * torch.pi * torch.rand(m, generator=g, dtype=torch.float64)
    feats = torch.stack([a.cos(), a.sin(), (2 * a).cos(), (2 * a).sin()], 1)
    M = torch.randn(4, n, generator=g, dtype=torch.float64)
    X = feats @ M + 0.001 * torch.randn(m, n, generator=g, dtype=torch.float64)
    return UnitCubeScaler().fit_transform(X)


def time_fits(ms, ns, psi: float, degree: int) -> pd.DataFrame:
    rows = []
    for m, n in [(m, ns[0]) for m in ms] + [(ms[1], n) for n in ns[1:]]:
        X = manifold_points(m, n)
        for method in ("oavi", "oavi-ls", "abm", "vca"):
            p = psi * (5 if method == "vca" else 1)      # VCA's generators are normalised differently (unit-RMS components)
            t0 = time.perf_counter(); G = fit_generators(X, method, p, degree); dt = time.perf_counter() - t0
            rows.append(dict(m=m, n=n, method=method, psi=p, seconds=dt, generators=len(G),
                             max_mean_abs_g=float(G.mean_abs(X).max()) if len(G) else 0.0))
            print(f"  m={m:5d} n={n:2d} {method:8s} {dt:7.3f} s  {len(G):4d} generators", flush=True)
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (about a minute)")
    ap.add_argument("--device", default=None)
    args = ap.parse_args(argv)
    seed_everything(0); device = resolve_device(args.device); t_all = time.perf_counter()
    ms, ns = ((100, 200, 400), (3, 5)) if args.quick else ((250, 1000, 4000, 16000), (3, 6, 12, 24))
    degree, psi = 3 if not args.quick else 2, 0.01
    print(f"== fit time vs m (n={ns[0]}) and vs n (m={ms[1]}), max degree {degree}, psi {psi} (VCA {5 * psi:g}) (SYNTHETIC manifold data)")
    fits = time_fits(ms, ns, psi, degree)
    piv = fits.pivot_table(index=["m", "n"], columns="method", values="seconds").round(3)
    print(piv.to_string())

    print("\n== pipeline: SmallCNN on real digits vs cut + per-class OAVI polynomials (psi 0.02, 8 PCA components, degree 2)")
    width, epochs = (16, 8) if args.quick else (32, 12)
    model = train_reference_cnn(width=width, hidden=2 * width, epochs=epochs, device=device, progress=False)
    df = compare_cuts(model, load_digits_data(), device=device, method="oavi", psi=0.02, n_components=8,
                      max_degree=2, keep_per_class=20, progress=False, rounds=4)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(df.round(4).to_string(index=False))
    full = df.iloc[0]
    metrics = {"full_accuracy": float(full.accuracy), "full_params": int(full.params), "full_samples_per_s": float(full.samples_per_s)}
    for _, r in df.iloc[1:].iterrows():
        k = r.model.split()[1]
        metrics.update({f"{k}_accuracy": float(r.accuracy), f"{k}_params": int(r.params),
                        f"{k}_samples_per_s": float(r.samples_per_s), f"{k}_speedup": float(r.speedup),
                        f"{k}_generators": int(r.generators)})
    big = fits[(fits.m == ms[-1]) & (fits.n == ns[0])]
    metrics.update({f"fit_seconds_m{ms[-1]}_n{ns[0]}_{r.method}": float(r.seconds) for _, r in big.iterrows()})
    res = Result("vanishing", metrics,
                 config=dict(quick=args.quick, ms=ms, ns=ns, degree=degree, psi=psi, cnn_width=width, cnn_epochs=epochs,
                             pipeline=dict(method="oavi", psi=0.02, n_components=8, max_degree=2, keep_per_class=20)),
                 seconds=time.perf_counter() - t_all,
                 notes="fit times on SYNTHETIC manifold points; pipeline on real sklearn digits; shared 2-core CPU, "
                       "timings rough. fit_table: " + fits.round(4).to_json(orient="records"))
    print(f"\nsaved {res.save(os.path.join(os.path.dirname(__file__), 'results'))}  ({res.seconds:.0f} s total)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
