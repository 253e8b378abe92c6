"""Benchmark: DUNIA pixel embeddings on SYNTHETIC scenes (zlwork.dunia).

1. Align a pixel encoder and a waveform encoder on a synthetic 128×128 scene (seed 0) and report top-1 retrieval of the
   matching waveform among 256 candidates on a held-out scene (seed 1).
2. Label-budget curve: zero-shot k-NN (database = training-scene waveforms with their *derived* RH98/cover/PAI) vs
   a ridge head on the frozen embeddings vs the same U-Net trained from scratch on `budget` labelled footprints;
   MAE against the simulator's truth at the held-out scene's footprints.
3. Retrieval throughput (queries/s) of exact batched torch search vs the pure-torch IVF index vs FAISS IVF (if the
   optional faiss-cpu is installed), with recall@10 against exact search, on a database of simulated waveforms.

    OMP_NUM_THREADS=1 python bench/dunia.py            # full (~6-8 minutes on a shared 2-core CPU)
    OMP_NUM_THREADS=1 python bench/dunia.py --quick    # smoke run
"""
import argparse, time
import numpy as np
import torch

from zlwork.core import Result, resolve_device, throughput
from zlwork.dunia import (AlignConfig, synthetic_scene, simulate_waveforms, align, embed_image, embed_waveforms,
                          retrieval_accuracy, label_budget_curve, build_index, faiss_available, pixel_embeddings)

ap = argparse.ArgumentParser()
ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
ap.add_argument("--steps", type=int, default=None, help="alignment steps (default 500, quick 200)")
ap.add_argument("--device", default=None)
args = ap.parse_args()
steps = args.steps or (200 if args.quick else 500)
budgets = (50, 200) if args.quick else (10, 50, 200, 1000)
n_db = 20_000 if args.quick else 50_000
device = resolve_device(args.device)
T0 = time.perf_counter()

train, test = synthetic_scene(128, seed=0), synthetic_scene(128, seed=1)
t0 = time.perf_counter(); model = align(train, AlignConfig(steps=steps), device=device, progress=False)
model.pixel.cpu(); model.wave.cpu(); align_s = time.perf_counter() - t0
E = embed_image(model.pixel, test.image)
zp = pixel_embeddings(E, test.footprints); zw = embed_waveforms(model.wave, test.shots.waveforms)
top1 = retrieval_accuracy(zp, zw, batch=256)
print(f"alignment: {steps} steps in {align_s:.0f}s; held-out top-1 retrieval among 256 = {top1:.3f} (chance {1/256:.4f})")

t0 = time.perf_counter()
curve = label_budget_curve(model, train, test, budgets=budgets, steps=200, progress=False)
curve_s = time.perf_counter() - t0
print("\nMAE on held-out footprints (truth = simulator), by label budget:")
print(curve.round(3).to_string(index=False))

# retrieval throughput on a database of simulated waveforms (random canopies)
rng = np.random.default_rng(5)
h = np.where(rng.random(n_db) < 0.3, 0.0, rng.uniform(1, 40, n_db))
sim = simulate_waveforms(h, np.where(h > 0, rng.uniform(0.3, 6, n_db), 0.0), rng.uniform(1.5, 3.5, n_db),
                         rng.uniform(1.5, 3.5, n_db), rng.uniform(0.1, 0.4, n_db), rng.uniform(-0.5, 0.5, n_db),
                         rng.uniform(0.7, 1.3, n_db), seed=6)
db = embed_waveforms(model.wave, sim.waveforms)
q = E.reshape(E.shape[0], -1).T[:4096].contiguous()
k = 10
kinds = ["exact", "ivf"] + (["faiss"] if faiss_available() else [])
tp, recall, build_s = {}, {}, {}
_, ref = build_index(db, "exact").search(q, k)
for kind in kinds:
    t0 = time.perf_counter(); idx = build_index(db, kind, **({} if kind == "exact" else dict(nprobe=8)))
    build_s[kind] = time.perf_counter() - t0
    tp[kind] = throughput(lambda: idx.search(q, k), len(q), repeats=3, device="cpu")
    _, got = idx.search(q, k)
    recall[kind] = float(np.mean([len(set(a) & set(b)) / k for a, b in zip(ref.tolist(), got.tolist())]))
print(f"\nretrieval over {n_db} embedded waveforms, {len(q)} queries, k={k}:")
print(f"{'index':8s} {'queries/s':>10s} {'recall@10':>10s} {'build s':>8s}")
for kind in kinds: print(f"{kind:8s} {tp[kind]:10.0f} {recall[kind]:10.3f} {build_s[kind]:8.1f}")

metrics = dict(top1_retrieval_at_256=top1, chance=1 / 256, align_seconds=align_s)
for _, r in curve.iterrows():
    tag = {"zero-shot kNN": "zeroshot", "frozen DUNIA + ridge head": "frozen_head", "supervised U-Net (scratch)": "supervised",
           "fine-tuned DUNIA": "finetuned"}[r["method"]]
    for a in ("rh98", "cover", "pai"):
        if tag == "zeroshot" and r["budget"] != budgets[0]: continue
        metrics[f"mae_{a}_{tag}" + ("" if tag == "zeroshot" else f"_{r['budget']}")] = float(r[f"mae_{a}"])
for kind in kinds: metrics[f"qps_{kind}"] = tp[kind]; metrics[f"recall10_{kind}"] = recall[kind]
res = Result("dunia", metrics, dict(align_steps=steps, budgets=budgets, scene=128, db_size=n_db, queries=len(q),
                                    quick=args.quick, supervised_steps=200),
             seconds=time.perf_counter() - T0,
             notes="SYNTHETIC scenes and waveforms; shared 2-core CPU under load from other jobs, timings rough")
print(f"\nsaved {res.save('bench/results')}  ({res.seconds:.0f}s total)")
