"""Benchmark for zlwork.coloring (Hadwiger–Nelson): training speed and the conflict rate reached in a fixed step budget.

Runs: k=7 diagonal on the hexagon period lattice (D=0.95) and on a square torus, k=6 off-diagonal (last colour avoids
d=0.45, inside the range where the paper reports 6-colourings) on a square torus, and k=4 diagonal (a sanity check:
every 4-colouring has a conflict rate >= 1.2%). Conflict rate = area fraction of points in conflict, exact per-point
test on the extracted grid colouring, estimated from uniform sample points (95% Clopper-Pearson interval).

    python bench/coloring.py            # full (a few minutes on a shared 2-core CPU)
    python bench/coloring.py --quick    # smoke run
"""
import argparse, os, time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch

from zlwork.core import Result, resolve_device, machine_info
from zlwork.coloring import train_coloring, hex_basis, square_basis


def steps_per_second(device, batch_size: int, steps: int) -> float:
    "Training steps per second (default ColoringNet, k=7) measured over `steps` steps after a short warm-up."
    train_coloring(7, basis=hex_basis(0.95), steps=10, batch_size=batch_size, device=device, progress=False)
    t0 = time.perf_counter()
    train_coloring(7, basis=hex_basis(0.95), steps=steps, batch_size=batch_size, device=device, progress=False)
    if resolve_device(device).type == "cuda": torch.cuda.synchronize()
    return steps / (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="tiny budget (smoke test)")
    ap.add_argument("--device", default=None)
    ap.add_argument("--out", default="bench/results")
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    dev = resolve_device(a.device)
    steps, bs, res, n_eval = (300, 512, 64, 500) if a.quick else (2000, 1024, 128, 2000)
    t_all = time.perf_counter()
    metrics = {}
    devs = ["cpu"] + (["cuda"] if dev.type == "cuda" else [])
    for d in devs:
        metrics[f"steps_per_s_{d}_batch{bs}"] = round(steps_per_second(d, bs, 50 if a.quick else 200), 1)
    runs = [("k7_hex_lattice", dict(k=7, basis=hex_basis(0.95))),
            ("k7_square_torus", dict(k=7, basis=square_basis(3.0), n_freq=5)),
            ("k6_offdiag_d0.45_square_torus", dict(k=6, d=0.45, basis=square_basis(3.0), n_freq=5)),
            ("k4_square_torus", dict(k=4, basis=square_basis(2.5)))]
    rows = []
    for name, kw in runs:
        run = train_coloring(steps=steps, batch_size=bs, lr=5e-3, seed=0, device=dev, progress=False, **kw)
        g = run.extract(res); cr = g.conflict_rate(n_eval, seed=0); pr = g.pair_conflict_rate(50000)
        metrics[f"{name}_conflict_rate"] = round(cr["rate"], 4)
        metrics[f"{name}_conflict_rate_95ci"] = [round(cr["lo"], 4), round(cr["hi"], 4)]
        metrics[f"{name}_pair_rate"] = round(pr, 5)
        metrics[f"{name}_train_s"] = round(run.seconds, 1)
        rows.append((name, cr, pr, run.seconds))
    total = time.perf_counter() - t_all
    print(f"zlwork.coloring benchmark ({'quick' if a.quick else 'full'}; {steps} steps x batch {bs}, grid {res}x{res}, "
          f"{n_eval} verification points; device {dev}; shared CPU, timings rough)")
    for k, v in metrics.items():
        if k.startswith("steps_per_s"): print(f"  {k}: {v}")
    print(f"  {'run':32s} {'conflict rate':>13s} {'95% CI':>17s} {'pair rate':>10s} {'train s':>8s}")
    for name, cr, pr, s in rows:
        print(f"  {name:32s} {cr['rate']:13.2%} {cr['lo']:7.2%}-{cr['hi']:7.2%} {pr:10.3%} {s:8.1f}")
    print(f"  total {total:.0f}s")
    r = Result("coloring", metrics, config=dict(steps=steps, batch_size=bs, grid=res, n_eval=n_eval, lr=5e-3, quick=a.quick,
                                                 runs={n: {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in kw.items()} for n, kw in runs}),
               machine=machine_info(dev), seconds=round(total, 1),
               notes="conflict rate = area fraction of points p with a same-coloured point at p's forbidden distance "
                     "(exact per-point test on the extracted grid colouring, sampled; 95% Clopper-Pearson CI). "
                     "Shared 2-core CPU: timings are rough.")
    print("saved", r.save(a.out))


if __name__ == "__main__":
    main()
