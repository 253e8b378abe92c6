"""Benchmark for zlwork.vanishing (psi = mean squared error, each algorithm at its default):

1. ablation on the real Fashion-MNIST, 5 seeds, mean ± std: the full SmallCNN vs the network cut at block2/3/4 +
   a linear probe (full latent, PCA-8) or + per-class OAVI / ABM / VCA generators and a linear head on |g|;
   accuracy, nonzero parameters and samples/s per variant (keys per cut);
2. recovery of known varieties (SYNTHETIC circle, sphere, two circles, twisted cubic; noise 0.003/0.01/0.02);
3. fit seconds of OAVI / ABM / VCA as the samples m (n = 4) and the features n (m = 10^4) grow (SYNTHETIC curve).

    python bench/vanishing.py            # full run (about 10-15 minutes on a shared 2-core CPU)
    python bench/vanishing.py --quick    # smaller sizes
    python bench/vanishing.py --seeds 0 1 --cuts block3   # any key of BENCH_DEFAULTS
"""
from zlwork.core import bench_cli
from zlwork.vanishing import benchmark, BENCH_DEFAULTS, BENCH_QUICK

if __name__ == "__main__": bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
