"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does, without needing Quarto).

Markdown cells are copied; code cells become python code blocks with their text outputs. The markdown cell holding
`<!-- capabilities -->` is replaced by one short block per capability, generated here: one sentence, the figure
`bench/results/<name>.png` (drawn by `tools/figures.py` from the result JSON) and one small table with the paper's
number beside zlwork's measured one. The paper column is copied from the anchor table of the capability's notebook
("could not retrieve" where the notebook says so); zlwork's column is read from `bench/results/<name>.json`, so
nothing measured is typed by hand. The full metric dumps are on the docs site's Results pages
(`python tools/build_docs.py`).

Run: python tools/figures.py && python tools/readme.py    (`--check`: exit 1 when README.md is out of date;
tests/test_readme.py runs it and checks the README stays within 250 lines)."""

import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
MARKER = "<!-- capabilities -->"
NOT_YET = "not in the notebook's anchor table yet"


def _m(name: str) -> dict:
    f = RESULTS / f"{name}.json"
    return json.loads(f.read_text()).get("metrics", {}) if f.exists() else {}


def _pm(m: dict, key: str, digits: int = 3, scale: float = 1.0, unit: str = "") -> str:
    "`key_mean ± key_std` (or `key` alone) from the metrics; 'not measured' when absent."
    mean = m.get(f"{key}_mean", m.get(key))
    if not isinstance(mean, (int, float)) or isinstance(mean, bool):
        return "not measured"
    sd = m.get(f"{key}_std")
    s = f"{scale * mean:.{digits}f}"
    return s + (f" ± {scale * sd:.{digits}f}" if isinstance(sd, (int, float)) else "") + unit


def _first(m: dict, *keys, **kw) -> str:
    "The first of `keys` that the result has (new keys first, then the keys of older benchmark versions)."
    for k in keys:
        if f"{k}_mean" in m or k in m:
            return _pm(m, k, **kw)
    return "not measured"


# ------------------------------------------------------------------------------------------ one block per capability
def _pruning():
    m = _m("pruning")
    llm = any(k.startswith("llm_") for k in m)
    model = " (SmolLM2-135M, 128-token windows)" if llm else " (char-level GPT; SmolLM2 not run yet)"

    def ppl(new, old):
        return _first(m, new, digits=1) if llm else _first(m, old, digits=2)
    perp = " / ".join([ppl("llm_magnitude_50_perp_bn_ppl", "CharGPT/PERP norm+bias/0.50"),
                       ppl("llm_magnitude_50_perp_lora_ppl", "CharGPT/PERP norm+bias+lora/0.50"),
                       ppl("llm_magnitude_50_full_ppl", "CharGPT/full retrain/0.50")])
    frac = m.get("llm_perp_lora_trainable_frac")
    if isinstance(frac, (int, float)):
        perp += f"; MaskLoRA trains {100 * frac:.2f} % of the parameters"
    rows = [("dense / magnitude 50 %, one-shot: perplexity", "LLaMA-2-7B 5.12 / 14.89 (Wanda README)",
             f"{ppl('llm_dense_ppl', 'CharGPT/dense/0.00')} / {ppl('llm_magnitude_50_oneshot_ppl', 'CharGPT/one-shot/0.50')}"
             + model),
            ("Wanda / SparseGPT 50 %, one-shot: perplexity", "LLaMA-2-7B 6.42 / 6.51 (Wanda README)",
             f"{ppl('llm_wanda_50_oneshot_ppl', 'CharGPT/one-shot wanda/0.50')} / "
             f"{_first(m, 'llm_sparsegpt_50_oneshot_ppl', digits=1)}"),
            ("magnitude 50 % + PERP: norms+biases / + MaskLoRA / full retraining, same steps",
             "could not retrieve (PERP tables)", perp)]
    if any(k.startswith("soups_") for k in m):
        for s in (70, 90):
            soup = " / ".join(_first(m, f"soups_{s}_{k}_acc", scale=100, digits=1)
                              for k in ("best_ingredient", "uniform", "greedy", "imp_equal_budget"))
            rows.append((f"{s} %: best ingredient / uniform / greedy soup / IMP at equal budget (accuracy, %)",
                         "could not retrieve", soup + " (Fashion-MNIST, 3 seeds)"))
        rows.append(("measured verdict, 70/80/90 %",
                     "the soup beats its best ingredient and IMP (qualitative claim; numbers: could not retrieve)",
                     _soup_verdict(m)))
    return rows


def _soup_verdict(m: dict) -> str:
    "Whether the better soup beats the best ingredient (beyond one std of either) and IMP at equal budget, per sparsity."
    out = []
    for s in (70, 80, 90):
        g = lambda k: (m.get(f"soups_{s}_{k}_acc_mean"), m.get(f"soups_{s}_{k}_acc_std") or 0.0)  # noqa: E731
        (b, bs), (i, is_) = g("best_ingredient"), g("imp_equal_budget")
        soups = [g("uniform"), g("greedy")]
        if b is None or i is None or any(x is None for x, _ in soups):
            continue
        sm, ss = max(soups)
        d_b, d_i = 100 * (sm - b), 100 * (sm - i)
        vs_b = "ties" if abs(d_b) <= 100 * max(ss, bs) else ("beats" if d_b > 0 else "loses to")
        vs_i = "ties" if abs(d_i) <= 100 * max(ss, is_) else ("beats" if d_i > 0 else "loses to")
        out.append(f"{s} %: soup {vs_b} best ingredient ({d_b:+.1f} pp), {vs_i} IMP ({d_i:+.1f} pp)")
    return "; ".join(out) or "not measured"


def _sfw():
    m = _m("sfw")
    meths = (("sfw_group", "SFW group ball"), ("sfw_l2", "SFW L2 ball"), ("sgd", "SGD + magnitude"),
             ("sgd_grouplasso", "SGD + group lasso"))
    acc = lambda k: " / ".join(_first(m, f"{meth}_{k}", f"{meth}_{k.replace('_recal', '')}") for meth, _ in meths)  # noqa: E731
    names = " / ".join(lab for _, lab in meths)
    rows = [(f"accuracy, dense: {names}", "could not retrieve", acc("dense_acc")),
            ("50 % of the filters physically removed, no retraining, BN statistics recomputed (same order)",
             "could not retrieve", acc("prune50_recal_acc") + " (Fashion-MNIST, 3 seeds)")]
    p0, p1, f0, f1 = (m.get(k) for k in ("sgd_dense_params", "sgd_prune50_params", "sgd_dense_flops",
                                         "sgd_prune50_flops"))
    if all(isinstance(x, (int, float)) for x in (p0, p1, f0, f1)):
        lat = ", ".join(f"{lab} {m.get(f'{meth}_dense_latency_ms', float('nan')):.0f} → "
                        f"{m.get(f'{meth}_prune50_latency_ms', float('nan')):.0f} ms" for meth, lab in meths[::2])
        rows.append(("size and speed, dense → 50 % filters removed", "could not retrieve",
                     f"{p0:.0f} → {p1:.0f} parameters, {f0 / 1e6:.2f} → {f1 / 1e6:.2f} MFLOPs per image; CPU latency "
                     f"per batch of 128: {lat} (noisy shared CPU: compare within a method)"))
    share = m.get("group_structure_share_prune50_recal")
    if isinstance(share, (int, float)):
        rows.append(("share of SFW's gain over SGD due to the group structure (vs the L2 ball), 50 %",
                     "could not retrieve", f"{share:.2f}"))
    return rows


def _vanishing():
    m = _m("vanishing").get("block3", {})
    return [("accuracy, full network → cut + OAVI polynomial layer", "could not retrieve",
             f"{_pm(m, 'full_acc', 4)} → {_pm(m, 'cut_poly_oavi_acc', 4)} (Fashion-MNIST, SmallCNN, block3)"),
            ("parameters, full → cut + OAVI layer", "could not retrieve",
             f"{m.get('full_params', 'not measured')} → {m.get('cut_poly_oavi_params', 'not measured')}")]


def _coloring():
    m = _m("coloring")
    proper = [d for d, ok in (m.get("hoffman_soifer_proper") or {}).items() if ok]
    curve = [p for p in m.get("k6_offdiag_curve") or [] if isinstance(p, dict) and "conflict_rate" in p]
    best = m.get("k6_offdiag_best_rate_in_paper_range")
    k6 = ((f"best inside [0.354, 0.657]: {100 * best:.1f} %; " if isinstance(best, (int, float)) else "") +
          f"{100 * min(p['conflict_rate'] for p in curve):.1f}–"
          f"{100 * max(p['conflict_rate'] for p in curve):.1f} % "
          f"over d = {curve[0]['d']}–{curve[-1]['d']}") if curve else "not measured"
    return [("d with a six-colouring of type (1,1,1,1,1,d)", "[0.354, 0.657]: one colouring parameterised by d for "
             "[0.354, 0.553], one for [0.418, 0.657]; known before: [√2 − 1, 1/√5] ≈ [0.414, 0.447]",
             f"known construction checked exactly: proper at d = {', '.join(proper)}" if proper else "not measured"),
            ("k = 6 off-diagonal, conflict rate over d", "0 (proved) on [0.354, 0.657]; the networks' rates: could "
             "not retrieve", k6),
            ("k = 7, conflict rate, lattice not given", "could not retrieve a number",
             _first(m, "k7_learned_conflict_rate", digits=2, scale=100, unit=" %"))]


def _fedkd():
    m = _m("fedkd")

    def acc(a, g, f, s="iid"):
        k = f"{a}/{g}/{f:g}/{s}"
        return _pm({"x_mean": m.get(f"acc_mean/{k}"), "x_std": m.get(f"acc_std/{k}")}, "x")
    return [("clean, mean aggregation (IID)", "could not retrieve", acc("none", "mean", 0)),
            ("30 % LMA: mean → ExpGuard-Filter (IID)", "could not retrieve",
             f"{acc('lma', 'mean', 0.3)} → {acc('lma', 'expguard-filter', 0.3)}"),
            ("30 % HIPS-LMA, Dirichlet 0.5: mean / ExpGuard-median / ExpGuard-Filter", "could not retrieve",
             f"{acc('lma+HIPS', 'mean', 0.3, 'dir0.5')} / {acc('lma+HIPS', 'expguard-median', 0.3, 'dir0.5')} / "
             f"{acc('lma+HIPS', 'expguard-filter', 0.3, 'dir0.5')}")]


def _npr():
    h, b = _m("npr"), _m("npr_burgers")
    return [("heat, rel. L2 in distribution: NPR / PI-DeepONet / FNO", "could not retrieve",
             " / ".join(_pm(h, f"{k}_rel_l2_in", 4) for k in ("NPR", "PI_DeepONet", "FNO"))),
            ("Burgers, rel. L2 in distribution: NPR / PI-DeepONet / FNO", "could not retrieve",
             " / ".join(_pm(b, f"{k}_rel_l2_in", 4) for k in ("NPR", "PI_DeepONet", "FNO"))),
            ("heat, NPR out of distribution (high frequency)", "could not retrieve",
             _pm(h, "NPR_rel_l2_ood_hf", 3) + " (worse than predicting zero)")]


def _canopy():
    m = _m("canopy")
    return [("MAE / RMSE, all pixels", "2.43 / 4.73 m",
             f"{_pm(m, 'shifted_slope_filter_mae', 2)} / {_pm(m, 'shifted_slope_filter_rmse', 2)} m (SYNTHETIC)"),
            ("MAE / RMSE, trees > 5 m", "4.45 / 6.72 m",
             f"{_pm(m, 'shifted_slope_filter_mae_gt5', 2)} / {_pm(m, 'shifted_slope_filter_rmse_gt5', 2)} m "
             "(SYNTHETIC)"),
            ("shifted-loss gain vs GEDI error size (MAE, 10 m error)", "could not retrieve",
             _pm(m, "shift_gain_mae_10m", 2, unit=" m (SYNTHETIC)"))]


def _canopy_temporal():
    m = _m("canopy_temporal")
    return [("MAE / RMSE, temporal 3-D U-Net", "4.76 / 6.75 m", _pm(m, "mae_unet3d", 2, unit=" m MAE (SYNTHETIC)")),
            ("MAE / RMSE, single composite", "5.46 / 7.40 m", _pm(m, "mae_single", 2, unit=" m MAE (SYNTHETIC)")),
            ("stand-replacing loss: precision / recall", NOT_YET,
             f"{_pm(m, 'loss_precision', 2)} / {_pm(m, 'loss_recall', 2)} (random map: "
             f"{_pm(m, 'random_precision', 2)} / {_pm(m, 'random_recall', 2)})")]


def _dunia():
    m = _m("dunia")
    return [("height RMSE (m): zero-shot / supervised, 1000 labels", "could not retrieve",
             f"{_pm(m, 'height_zeroshot', 2)} / {_pm(m, 'height_supervised_1000', 2)} (SYNTHETIC, held-out scene)"),
            ("waveform retrieval (paper: Pearson r; zlwork: top-1 of 256)", "could not retrieve",
             f"{_pm(m, 'heldout_top1_retrieval', 4)} (chance {_pm(m, 'chance', 4)})")]


def _r(x, digits=2) -> str:
    return f"{x:.{digits}f}" if isinstance(x, (int, float)) and not isinstance(x, bool) else "—"


def _q(x) -> str:
    "A throughput in engineering notation (1.2k, 3.4M)."
    if not isinstance(x, (int, float)):
        return "—"
    return f"{x / 1e6:.2f}M" if x >= 1e6 else f"{x / 1e3:.1f}k" if x >= 1e3 else f"{x:.0f}"


def performance() -> str:
    "Ratio tables from bench/results/perf.json: zlwork over the peer a user would pick instead, and over the bound."
    m = _m("perf")
    if not m:
        return ""
    out = ["### Performance beside the peers",
           "Both sides run in the same process and run (`python bench/perf_search.py`, `bench/perf_tiles.py`, "
           "`bench/app_ready.py`, assembled by `bench/perf.py` into `bench/results/perf.json`); ratios > 1 mean zlwork "
           "is faster. Notebooks [`05_knn_index`](nbs/05_knn_index.ipynb), [`73_tiles`](nbs/73_tiles.ipynb).", ""]
    if (RESULTS / "perf_search.png").exists():
        out += ["![k-NN search: queries/s and recall@10 against the number of vectors](bench/results/perf_search.png)", ""]
    out += [
           "| k-NN search, vectors | zlwork exact / FAISS flat | zlwork exact / scikit-learn | "
           "zlwork IVF / FAISS IVF (recall@10 ours, theirs) |", "|---|---|---|---|"]
    for n in (10_000, 100_000, 1_000_000):
        ivf = (f"{_r(m.get(f'search_ratio_zlwork_ivf_over_faiss_ivf_{n}'))} "
               f"({_r(m.get(f'search_zlwork_ivf_{n}_recall10'), 3)}, {_r(m.get(f'search_faiss_ivf_{n}_recall10'), 3)})")
        out.append(f"| {n:,} | {_r(m.get(f'search_ratio_zlwork_exact_over_faiss_flat_{n}'))} | "
                   f"{_r(m.get(f'search_ratio_zlwork_exact_over_sklearn_brute_{n}'))} | {ivf} |")
    out += ["", "| tiled inference, workers | zlwork px/s | rioxarray + dask.map_overlap px/s | zlwork / peer | "
            "forward bound px/s | zlwork / bound |", "|---|---|---|---|---|---|"]
    for w in (1, 2):
        out.append(f"| {w} | {_q(m.get(f'tiles_zlwork_{w}_px_per_s'))} | {_q(m.get(f'tiles_rioxarray_dask_{w}_px_per_s'))}"
                   f" | {_r(m.get(f'tiles_ratio_zlwork_over_peer_{w}'))} | "
                   f"{_q(m.get(f'tiles_forward_bound_{w}_px_per_s', m.get('tiles_forward_bound_px_per_s')))} | "
                   f"{_r(m.get(f'tiles_ratio_zlwork_over_bound_{w}'))} |")
    out.append(f"| LocalCluster, 2 processes | {_q(m.get('tiles_zlwork_localcluster_2_px_per_s'))} | "
               f"{_q(m.get('tiles_rioxarray_localcluster_2_px_per_s'))} | "
               f"{_r(m.get('tiles_ratio_zlwork_over_peer_localcluster_2'))} | — | — |")
    apps = sorted(k[len("app_ready_s_"):] for k in m if k.startswith("app_ready_s_"))
    if apps:
        out += ["", "| app ready (s), empty `ZLWORK_HOME` | " + " | ".join(apps) + " |",
                "|---" * (len(apps) + 1) + "|",
                "| first use, shipped default weights | " + " | ".join(_r(m[f"app_ready_s_{a}"], 1) for a in apps) + " |"]
    return "\n".join(out)


CAPABILITIES = [
    # (title, result name, notebooks, app, one sentence, rows)
    ("Pruning, PERP and sparse model soups", "pruning", "10_prune, 11_perp, 12_soups", "sparsity",
     "Magnitude, N:M and Wanda masks, parameter-efficient retraining after pruning (PERP) and sparse model soups, "
     "on real data.", _pruning),
    ("Compression-aware training with Stochastic Frank-Wolfe", "sfw", "20_sfw", "compression",
     "Training inside norm balls (group, k-support, nuclear, …) so that filters or ranks can be removed without "
     "retraining.", _sfw),
    ("Approximate vanishing ideals", "vanishing", "30_vanishing", "vanishing",
     "OAVI, ABM and VCA generators, and a polynomial layer that replaces the tail of a truncated network.",
     _vanishing),
    ("Neural colourings of the plane", "coloring", "40_coloring", "coloring",
     "Networks that colour the plane avoiding forbidden distances (Hadwiger–Nelson), with exact conflict checks.",
     _coloring),
    ("Byzantine-resilient federated distillation", "fedkd", "50_fedkd, 51_fedkd_flower", "byzantine",
     "LMA/CPA attacks with HIPS obfuscation against mean, median, Filter, Cronus and ExpGuard, in process or on "
     "Flower.", _fedkd),
    ("Neural parameter regression for PDEs", "npr", "60_npr", "pde",
     "A hypernetwork that maps an initial condition to a low-rank PINN satisfying it exactly, against PI-DeepONet "
     "and FNO.", _npr),
    ("Canopy height at scale", "canopy", "65_gedi, 70_geo, 71_canopy", "canopy",
     "A U-Net trained on GEDI heights with a geolocation-robust loss and slope filtering, tiled inference to "
     "GeoTIFF.", _canopy),
    ("Temporal canopy height and change", "canopy_temporal", "72_canopy_temporal", "canopy_time",
     "Monthly composites through a 3-D U-Net versus one annual composite, and loss/gain change maps.",
     _canopy_temporal),
    ("DUNIA pixel embeddings", "dunia", "80_dunia", "embeddings",
     "Pixel embeddings aligned with LiDAR waveforms, used zero-shot by k-NN retrieval against few-label "
     "training.", _dunia),
]


def capability_block(title, name, nbs, app, sentence, rows) -> str:
    nb_links = ", ".join(f"[`{n}`](nbs/{n}.ipynb)" for n in nbs.split(", "))
    lines = [f"### {title}", f"{sentence} Notebook{'s' if ',' in nbs else ''} {nb_links}; app `{app}`.", ""]
    if (RESULTS / f"{name}.png").exists():
        lines += [f"![{title}](bench/results/{name}.png)", ""]
    lines += [f"| | paper | zlwork (`bench/results/{name}.json`) |", "|---|---|---|"]
    lines += [f"| {q} | {p} | {o} |" for q, p, o in rows()]
    return "\n".join(lines)


def capabilities() -> str:
    return "\n\n".join([capability_block(*c) for c in CAPABILITIES] + [performance()]).rstrip()


def render(nb_path: Path = ROOT / "nbs" / "index.ipynb") -> str:
    nb = json.loads(nb_path.read_text())
    out = []
    for c in nb["cells"]:
        src = "".join(c["source"]).strip()
        if not src or src.startswith("#| hide"):
            continue
        if c["cell_type"] == "markdown":
            out.append(src.replace(MARKER, capabilities()) if MARKER in src else src)
        elif c["cell_type"] == "code":
            out.append(f"```python\n{src}\n```")
            for o in c.get("outputs", []):
                txt = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", ""))
                if txt.strip():
                    out.append(f"```\n{txt.rstrip()}\n```")
    head = "<!-- generated from nbs/index.ipynb by tools/readme.py: edit the notebook, not this file -->\n\n"
    return head + "\n\n".join(out) + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        ok = (ROOT / "README.md").read_text() == text
        sys.exit(0 if ok else "README.md is out of date: run python tools/readme.py")
    (ROOT / "README.md").write_text(text)
