"""Benchmark: DUNIA pixel embeddings on SYNTHETIC scenes with controls (`zlwork.dunia.benchmark`).

Training scene (seed 0) and a HELD-OUT scene (seed 1), GEDI-like footprints along tracks at 0.6 % of the pixels.

1. DUNIA (dual-decoder pixel model + waveform AE + multi-temporal AE; InfoNCE pixel–waveform, hierarchical VICReg,
   reconstructions), one alignment per seed: held-out top-1 retrieval among 256 candidates (chance 1/256), zero-shot
   height / cover / PAI (k-NN in a database of the training waveforms' derived metrics) and land cover (k-NN in a
   database of labelled training pixels) on the held-out scene, vs supervised U-Nets and frozen-embedding heads
   trained on 10/50/200/1000 labels (mean and std over the seeds).
2. The shuffled-pair control (waveforms assigned to the wrong pixels during alignment): must fall to chance.
3. The same DUNIA with the paper's Zero-CL loss, and the plain contrastive pair (baseline).
4. Retrieval throughput of exact search vs the pure-torch IVF index vs FAISS IVF (if faiss-cpu is installed).

    OMP_NUM_THREADS=1 nice -n 5 python bench/dunia.py                      # full (bench/results/dunia.json)
    OMP_NUM_THREADS=1 python bench/dunia.py --quick --out /tmp/benchq      # smoke run
    python bench/dunia.py --align-steps 1000 --seeds 0 1 2 3 --device cuda  # any key of BENCH_DEFAULTS
"""
from zlwork.core import bench_cli
from zlwork.dunia import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
