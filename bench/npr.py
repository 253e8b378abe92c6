"""Benchmark: neural parameter regression (NPR) vs DeepONet on the 1-D heat (or viscous Burgers) equation (SYNTHETIC random initial conditions).

Both models are trained physics-informed with the same budget (steps, ICs and collocation points per step), then
evaluated by relative L2 error against the reference solver (exact spectral for heat, fine-grid FD for Burgers) on held-out in-distribution ICs and two
out-of-distribution families; finally each is fine-tuned for 100 steps on OOD ICs (error vs steps, time to adapt).

    OMP_NUM_THREADS=1 python bench/npr.py            # full (a few minutes on a shared 2-core CPU)
    OMP_NUM_THREADS=1 python bench/npr.py --quick    # smoke run (~1-2 minutes)
    OMP_NUM_THREADS=1 python bench/npr.py --pde burgers --steps 1000   # Burgers, saved as bench/results/npr_burgers.json
"""
import argparse, time
import numpy as np
import torch

from zlwork.core import Result, count_params, seed_everything, resolve_device
from zlwork.npr import (NPR, DeepONet, PDES, IN_DIST, OOD_HIGH_FREQ, OOD_LARGE, train_operator, evaluate_operator,
                        predict_grid, finetune)

ap = argparse.ArgumentParser()
ap.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
ap.add_argument("--steps", type=int, default=None, help="training steps for each model (default 2000, quick 300)")
ap.add_argument("--device", default=None)
ap.add_argument("--pde", choices=["heat", "burgers"], default="heat", help="heat (default; exact reference) or viscous Burgers (FD reference)")
args = ap.parse_args()
steps = args.steps or (300 if args.quick else 2000)
n_test, n_ood, ft_steps = (8, 2, 50) if args.quick else (32, 4, 100)
device = resolve_device(args.device)
pde = PDES[args.pde]()
T0 = time.perf_counter()

def ics(smp, n, seed):
    return smp.grid(smp.sample(n, torch.Generator().manual_seed(seed), dtype=torch.float64), 65).numpy()
sets = {"in": ics(IN_DIST, n_test, 1000), "ood_hf": ics(OOD_HIGH_FREQ, n_ood, 2000), "ood_large": ics(OOD_LARGE, n_ood, 3000)}
t0 = time.perf_counter(); refs = {k: [pde.reference(u) for u in v] for k, v in sets.items()}
ref_ms = 1e3 * (time.perf_counter() - t0) / sum(len(v) for v in sets.values())

models, train_s = {}, {}
for name, cls in (("NPR", NPR), ("DeepONet", DeepONet)):
    seed_everything(0); m = cls()
    t0 = time.perf_counter(); train_operator(m, pde, steps=steps, lr=2e-3, device=device)
    train_s[name] = time.perf_counter() - t0; models[name] = m.cpu().eval()

metrics, rows = {}, []
for name, m in models.items():
    errs = {k: evaluate_operator(m, pde, v, refs=refs[k]) for k, v in sets.items()}
    one = torch.as_tensor(sets["in"][:1], dtype=torch.float32)
    predict_grid(m, one[0], pde)
    t0 = time.perf_counter(); reps = 20
    for _ in range(reps): predict_grid(m, one[0], pde)
    inf_ms = 1e3 * (time.perf_counter() - t0) / reps
    # fine-tuning on OOD ICs
    ft = {}
    for k in ("ood_hf", "ood_large"):
        recs = [finetune(m.solution_net(u), pde, u, steps=ft_steps, ref=r, eval_every=ft_steps // 4) for u, r in zip(sets[k], refs[k])]
        ft[k] = dict(before=float(np.mean([r["rel_l2"][0] for r in recs])), after=float(np.mean([r["rel_l2"][-1] for r in recs])),
                     curve=np.mean([r["rel_l2"] for r in recs], 0).round(4).tolist(), steps=recs[0]["step"],
                     seconds=float(np.mean([r["seconds"][-1] for r in recs])),
                     halved=int(sum(r["rel_l2"][-1] <= r["rel_l2"][0] / 2 for r in recs)), n=len(recs))
    n_par = count_params(m, trainable_only=True)
    metrics[name] = dict(params=n_par, train_s=round(train_s[name], 1), inference_ms=round(inf_ms, 2),
                         rel_l2_in=float(errs["in"].mean()), rel_l2_ood_hf=float(errs["ood_hf"].mean()),
                         rel_l2_ood_large=float(errs["ood_large"].mean()), finetune=ft)
    if name == "NPR": metrics[name]["generated_params_per_solution"] = m.n_generated

print(f"\nNPR vs DeepONet, {pde.name} equation nu={pde.nu}, {steps} physics-informed training steps each, device={device}")
print(f"held-out ICs: {n_test} in-distribution, {n_ood} per OOD family; fine-tune {ft_steps} steps; reference solver {ref_ms:.2f} ms/solution\n")
hdr = f"{'model':9s} {'params':>8s} {'train s':>8s} {'infer ms':>9s} {'L2 in':>7s} {'L2 OOD-hf':>10s} {'L2 OOD-x3':>10s} | {'FT hf: before→after':>20s} {'FT x3: before→after':>21s} {'FT s':>6s}"
print(hdr); print("-" * len(hdr))
for name, d in metrics.items():
    f1, f2 = d["finetune"]["ood_hf"], d["finetune"]["ood_large"]
    print(f"{name:9s} {d['params']:8,d} {d['train_s']:8.1f} {d['inference_ms']:9.2f} {d['rel_l2_in']:7.4f} {d['rel_l2_ood_hf']:10.4f} {d['rel_l2_ood_large']:10.4f} | "
          f"{f1['before']:9.4f}→{f1['after']:.4f} {f2['before']:10.4f}→{f2['after']:.4f} {(f1['seconds'] + f2['seconds']) / 2:6.2f}")
for name, d in metrics.items():
    for k in ("ood_hf", "ood_large"):
        f = d["finetune"][k]
        print(f"{name} fine-tune {k}: rel L2 at steps {f['steps']}: {f['curve']}  (halved on {f['halved']}/{f['n']} ICs)")

flat = {f"{n}_{k}": v for n, d in metrics.items() for k, v in d.items() if k != "finetune"}
for n, d in metrics.items():
    for k, f in d["finetune"].items():
        flat[f"{n}_ft_{k}_before"], flat[f"{n}_ft_{k}_after"], flat[f"{n}_ft_{k}_seconds"] = f["before"], f["after"], f["seconds"]
flat["reference_ms"] = ref_ms
res = Result("npr" + ("" if args.pde == "heat" else f"_{args.pde}") + ("_quick" if args.quick else ""), flat,
             config=dict(pde=pde.name, nu=pde.nu, steps=steps, n_test=n_test, n_ood=n_ood, finetune_steps=ft_steps,
                         npr=models["NPR"].config, deeponet=models["DeepONet"].config, details=metrics),
             seconds=time.perf_counter() - T0,
             notes="SYNTHETIC sine-series initial conditions; shared 2-core CPU (timings rough, machine loaded by other jobs)")
print("\nsaved", res.save("bench/results"), f"total {time.perf_counter() - T0:.0f}s")
