"""A notebook-first research workbench: pruning, sparse soups, Frank-Wolfe compression, vanishing ideals, plane colorings, byzantine federated distillation, neural parameter regression, canopy height and pixel embeddings.

Modules:

- `zlwork.core`: Shared helpers every zlwork capability builds on: device selection, seeding, the zlwork home, atomic checkpoints, a small training loop with a progress bar, input validation and benchmark records.
- `zlwork.data`: Small **real** datasets that ship inside installed packages (no download at run time), as torch tensors and DataLoaders, plus readers for larger real datasets a user may have on disk."""

__version__ = "0.1.0"
