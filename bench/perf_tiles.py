"""Tiled raster inference beside the peers (issue 24): `zlwork.tiles.benchmark`.

zlwork's `canopy.predict_raster` vs a plain `rioxarray.open_rasterio(chunks=…)` + `dask.array.map_overlap` pipeline
with the same model, and vs the model's forward throughput on in-memory batches of the same tiles (the compute
bound), on 1 and 2 threads and on a 2-process `dask.distributed.LocalCluster` (`pip install -e ".[distributed]"`);
output px/s, ours/peer and ours/bound ratios and the read / forward / blend / write breakdown
→ bench/results/perf_tiles.json (`bench/perf.py` copies the keys into perf.json).

    OMP_NUM_THREADS=1 python bench/perf_tiles.py --threads 1      # full (1536² px, about 2 minutes on 2 cores)
    python bench/perf_tiles.py --quick --out /tmp/q
"""
from zlwork.core import bench_cli
from zlwork.tiles import BENCH_DEFAULTS, BENCH_QUICK, benchmark

if __name__ == "__main__":
    bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
