"""A notebook-first research workbench: pruning, sparse soups, Frank-Wolfe compression, vanishing ideals, plane colorings, byzantine federated distillation, neural parameter regression, canopy height and pixel embeddings.

Modules:

- `zlwork.apps.canopy`: The `canopy` app: a SYNTHETIC scene's canopy height map on a web map, GEDI footprints coloured by the model's error, year / layer / opacity / basemap controls and histograms.
- `zlwork.apps.canopy_time`: The `canopy_time` app: per-year canopy height maps of a SYNTHETIC 3-year scene (Year slider) with a loss/gain change layer, scored against the generated disturbances.
- `zlwork.apps.compression`: The "compression" app: accuracy against filter pruning and against low rank for SGD and Stochastic Frank-Wolfe training, without retraining, and a layer's spectrum.
- `zlwork.apps.embeddings`: The `embeddings` app: DUNIA pixel embeddings of a SYNTHETIC scene; click a pixel → its retrieved LiDAR waveforms and zero-shot height / cover / PAI.
- `zlwork.apps.sparsity`: The "sparsity" app: sparsity–accuracy curves of every pruning method on the digits CNN, and the per-layer sparsity of a pruned model.
- `zlwork.canopy`: Canopy height at scale: a compact U-Net mapping Sentinel-2 composites to 10 m canopy height, trained on sparse GEDI RH98 footprints with the **geolocation-robust shifted loss**, **DEM-slope label filtering**, MAE/RMSE overall and for trees > 5 m, and **tiled, resumable, Dask-parallel inference** over rasters larger than memory.
- `zlwork.canopy_temporal`: Temporal canopy height: per-year 10 m canopy height maps from a year's Sentinel-2 **time series** (12 monthly composites with validity masks), change maps (loss/gain), their evaluation against generated clear-cuts and storms, and tiled per-year inference to GeoTIFFs.
- `zlwork.coloring`: Neural colourings of the plane (Hadwiger–Nelson): a network colours R² with k colours so that points at a forbidden distance get different colours; the learned colouring is discretised and verified exactly.
- `zlwork.core`: Shared helpers every zlwork capability builds on: device selection, seeding, the zlwork home, atomic checkpoints, a small training loop with a progress bar, input validation and benchmark records.
- `zlwork.data`: Small **real** datasets that ship inside installed packages (no download at run time), as torch tensors and DataLoaders, plus readers for larger real datasets a user may have on disk.
- `zlwork.dunia`: Pixel-sized embeddings by image–waveform alignment (DUNIA): a per-pixel image encoder and a full-waveform LiDAR encoder trained contrastively, then used zero-shot (k-NN in the shared space) for canopy height, cover and PAI, and with light fine-tuning.
- `zlwork.fedkd`: Byzantine-resilient distillation-based federated learning: FedDistill clients share *predictions on a public set* instead of weights; some clients are byzantine. Attacks (random, label flipping, LMA, CPA, HIPS obfuscation), robust aggregators (mean, median, trimmed mean, geometric median, Krum, Filter, Cronus, ExpGuard) and a FedAvg reference.
- `zlwork.gedi`: GEDI readers and writers: L1B waveforms, L2A footprints (HDF5 granules and GeoParquet/CSV tables), L2B canopy cover and PAI — each reader validates what it returns and names the file and the field when it cannot.
- `zlwork.geo`: The geodata layer: Sentinel-2 L2A rasters (named bands, scale/offset, nodata, SCL cloud mask), cloud-free composites, DEM → slope, GEDI L2A footprints (HDF5 and GeoParquet/CSV) with the standard quality filters, reprojection into the raster's CRS, patch sampling around footprints — and a clearly labelled **SYNTHETIC** scene generator that writes the same real file formats.
- `zlwork.index`: Exact and approximate k-nearest-neighbour search over unit embeddings: batched exact search in torch, a pure-torch inverted-file (IVF) index, and FAISS when it is installed.
- `zlwork.npr`: Neural parameter regression: a hypernetwork maps a PDE's initial condition to the (low-rank) parameters of a small solution network u(t, x), trained physics-informed; fine-tuned in a few steps on new initial conditions; compared with DeepONet.
- `zlwork.perp`: PERP: parameter-efficient retraining after pruning — train only biases, normalization layers, the head, or masked low-rank adapters, and keep the sparsity exact when the adapters are merged.
- `zlwork.sfw`: Compression-aware training with Stochastic Frank-Wolfe: one dense training run whose result survives filter pruning and low-rank decomposition without retraining.
- `zlwork.soups`: Sparse Model Soups: average several retrainings of one pruned model that share its mask — the average keeps the sparsity exactly and usually beats its ingredients; the sparsity–accuracy sweep and the pruning benchmark."""

__version__ = "0.1.0"
