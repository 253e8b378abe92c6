"""Embedding search beside the peers (issue 24): zlwork's exact and IVF indexes vs FAISS (IndexFlatIP, IndexIVFFlat
with the same nlist/nprobe; `pip install -e ".[search]"`) and scikit-learn's brute-force NearestNeighbors, at 10⁴…10⁶
clustered unit vectors: queries/s, recall@10 against exact search, and ours/peer ratios → bench/results/perf_search.json.

    python bench/perf_search.py --threads 1          # full (about 10 minutes on 2 cores)
    python bench/perf_search.py --quick
"""
from zlwork.core import bench_cli
from zlwork.index import BENCH_DEFAULTS, BENCH_QUICK, benchmark

if __name__ == "__main__":
    bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
