"""Benchmark: DUNIA pixel embeddings on SYNTHETIC scenes (`zlwork.dunia.benchmark`).

1. Align a pixel encoder and a waveform encoder on a synthetic 128×128 scene (seed 0) and report top-1 retrieval of
   the matching waveform among 256 candidates on a held-out scene (seed 1).
2. Label-budget curve: zero-shot k-NN (database = training-scene waveforms with their *derived* RH98/cover/PAI) vs
   a ridge head on the frozen embeddings vs the same U-Net trained from scratch on `budget` labelled footprints;
   MAE against the simulator's truth at the held-out scene's footprints.
3. Retrieval throughput (queries/s) of exact batched torch search vs the pure-torch IVF index vs FAISS IVF (if the
   optional faiss-cpu is installed), with recall@10 against exact search, on a database of simulated waveforms.

    OMP_NUM_THREADS=1 python bench/dunia.py                                 # full (bench/results/dunia.json)
    OMP_NUM_THREADS=1 python bench/dunia.py --quick --out /tmp/benchq       # smoke run
    python bench/dunia.py --align-steps 1000 --budgets 10 50 --device cuda  # any key of BENCH_DEFAULTS
"""
from zlwork.core import bench_cli
from zlwork.dunia import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
