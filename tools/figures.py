"""One figure per capability, drawn from its saved benchmark result `bench/results/<name>.json` and written next to it
as `bench/results/<name>.png` (the README shows them, the docs site's Results pages too).

Nothing is typed by hand: every number comes from the JSON. Each panel looks for the metric keys it needs; when a
benchmark is rewritten and the keys change, the panel says so in place of the plot instead of failing (and the other
panels still draw). Titles say when the data are SYNTHETIC.

Run: python tools/figures.py [NAME ...]   (all capabilities by default)."""

import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def _fig(n: int, title: str, width: float = 5.2, height: float = 3.6):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width * n, height), layout="constrained")
    axes = fig.subplots(1, n, squeeze=False)[0]
    fig.suptitle(title, fontsize=11)
    return fig, axes


def _missing(ax, what: str):
    "A panel whose keys are not in the result: say so instead of plotting."
    ax.set_axis_off()
    ax.text(0.5, 0.5, f"not in this result:\n{what}\n(benchmark keys changed or not run yet)", ha="center",
            va="center", fontsize=8, color="0.4", wrap=True, transform=ax.transAxes)


def _num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# ------------------------------------------------------------------------------------------------------ capabilities
def pruning(m: dict, notes: str = ""):
    "Pruning / PERP / soups: accuracy over sparsity (image model) and perplexity per method (language model)."
    real = ("Fashion-MNIST" if any(k.startswith("soups_") for k in m) else "digits") + (
        ", SmolLM2-135M on CPython docs text" if any(k.startswith("llm_") for k in m) else ", text")
    fig, (a1, a2) = _fig(2, f"Pruning, PERP and sparse soups (real data: {real})")
    soups = {k: v for k, v in m.items() if re.fullmatch(r"soups_\d+_\w+_acc_mean", k)}
    cnn = {k: v for k, v in m.items() if k.startswith("SmallCNN/") and _num(v)}
    if soups:  # issue 20's keys: soups_{s}_{variant}_acc_{mean,std}
        shown = ("best_ingredient", "uniform", "greedy", "imp_equal_budget")  # accuracies (the barrier is a loss)
        variants = [v for v in shown if any(re.fullmatch(rf"soups_\d+_{v}_acc_mean", k) for k in soups)]
        levels = sorted({int(k.split("_")[1]) for k in soups})
        for j, v in enumerate(variants):
            xs = [s for s in levels if f"soups_{s}_{v}_acc_mean" in m]
            a1.errorbar([x + 0.4 * (j - 1.5) for x in xs], [100 * m[f"soups_{s}_{v}_acc_mean"] for s in xs],
                        [100 * m.get(f"soups_{s}_{v}_acc_std", 0) for s in xs], marker="o", capsize=3,
                        label=v.replace("_", " "))
        a1.set(xlabel="sparsity (%)", ylabel="test accuracy (%)",
               title="soups on Fashion-MNIST (mean ± std, 3 seeds)")
        a1.legend(fontsize=7)
    elif cnn:  # the keys of the first benchmark: SmallCNN/<method>/<sparsity>
        dense = m.get("SmallCNN/dense/0.00")
        methods = sorted({k.split("/")[1] for k in cnn} - {"dense"})
        for meth in methods:
            pts = sorted((float(k.split("/")[2]), v) for k, v in cnn.items() if k.split("/")[1] == meth)
            a1.plot([100 * p for p, _ in pts], [v for _, v in pts], marker="o", label=meth)
        if dense is not None:
            a1.axhline(dense, color="k", ls="--", lw=1, label="dense")
        a1.set(xlabel="sparsity (%)", ylabel="test accuracy (fraction)", title="SmallCNN on sklearn digits")
        a1.legend(fontsize=6, ncol=2)
    else:
        _missing(a1, "soups_{70,80,90}_*_acc_mean or SmallCNN/<method>/<sparsity>")
    llm = {k: v for k, v in m.items() if re.fullmatch(r"llm_\w+_(50|2:4)_\w+_ppl", k) and _num(v)}
    gpt = {k: v for k, v in m.items() if k.startswith("CharGPT/") and _num(v)}
    if llm or gpt:
        items = sorted(llm.items()) if llm else sorted(gpt.items(), key=lambda kv: kv[1])
        labels = [k.removeprefix("llm_").removesuffix("_ppl") if llm else k.split("/")[1] for k, _ in items]
        a2.barh(range(len(items)), [v for _, v in items], color="tab:blue")
        a2.set_yticks(range(len(items)), labels, fontsize=6)
        ref = m.get("llm_dense_ppl") if llm else m.get("CharGPT/dense/0.00")
        if ref is not None:
            a2.axvline(ref, color="k", ls="--", lw=1, label=f"dense {ref:.2f}")
            a2.legend(fontsize=7)
        vals = [v for _, v in items] + ([ref] if ref is not None else [])
        if llm:
            a2.set_xscale("log")
            a2.set_xlim(0.8 * min(vals), 1.25 * max(vals))
        else:
            a2.set_xlim(0.95 * min(vals), 1.02 * max(vals))
        a2.set(xlabel="validation perplexity (lower is better" + (", log scale)" if llm else ")"),
               title="SmolLM2-135M, 50 % and 2:4" if llm else "char-level GPT, 50 % sparsity")
    else:
        _missing(a2, "llm_*_ppl or CharGPT/<method>/<sparsity>")
    return fig


def sfw(m: dict, notes: str = ""):
    "Compression-aware training: accuracy without retraining after filter pruning and after low-rank truncation."
    fig, axes = _fig(2, "Stochastic Frank-Wolfe vs SGD: compression without retraining (real data)")
    for ax, kind, xlabel in ((axes[0], "prune", "filters removed (fraction)"), (axes[1], "rank", "rank kept (fraction)")):
        new = [k for k in m if re.fullmatch(rf"\w+_{kind}[\d.]+_acc_mean", k)]
        old = [k for k in m if re.fullmatch(rf"\w+_acc_{kind}[\d.]+", k)]
        pat = rf"(\w+)_{kind}([\d.]+)_acc_mean" if new else rf"(\w+)_acc_{kind}([\d.]+)"
        keys = new or old
        if not keys:
            _missing(ax, f"<method>_{kind}<level>_acc_mean or <method>_acc_{kind}<level>")
            continue
        series: dict = {}
        for k in keys:
            meth, lvl = re.fullmatch(pat, k).groups()
            if meth.startswith("lrsweep"):
                continue
            x = float(lvl) / 100 if float(lvl) > 1 else float(lvl)  # levels in % (prune50) or as fractions (0.5)
            series.setdefault(meth, []).append((x, m[k], m.get(k.replace("_mean", "_std"), 0) if new else 0))
        for meth, pts in sorted(series.items()):
            dense = m.get(f"{meth}_dense_acc_mean", m.get(f"{meth}_dense_acc"))
            if kind == "prune" and _num(dense):  # the dense model as the 0 % point
                pts.append((0.0, dense, m.get(f"{meth}_dense_acc_std", 0)))
            pts.sort()
            ax.errorbar([p[0] for p in pts], [p[1] for p in pts], [p[2] for p in pts], marker="o", capsize=2,
                        label=meth, lw=1.2)
        ax.set(xlabel=xlabel, ylabel="test accuracy (fraction)", ylim=(0, 1.02))
        ax.legend(fontsize=6)
    return fig


def vanishing(m: dict, notes: str = ""):
    "Truncated networks: accuracy and parameters of each replacement of the cut-off layers, per cut."
    fig, (a1, a2) = _fig(2, "Vanishing-ideal layers replacing a network's tail (real Fashion-MNIST)")
    cuts = [c for c, v in m.items() if isinstance(v, dict) and any(k.endswith("_acc_mean") for k in v)]
    if not cuts:
        _missing(a1, "<cut>: {<variant>_acc_mean, ...}")
        _missing(a2, "<cut>: {<variant>_params, ...}")
        return fig
    variants = [k.removesuffix("_acc_mean") for k in m[cuts[0]] if k.endswith("_acc_mean")]
    w = 0.8 / len(variants)
    for i, v in enumerate(variants):
        xs = [j + i * w for j in range(len(cuts))]
        a1.bar(xs, [m[c].get(f"{v}_acc_mean", 0) for c in cuts], w, yerr=[m[c].get(f"{v}_acc_std", 0) for c in cuts],
               capsize=2, label=v)
        a2.bar(xs, [m[c].get(f"{v}_params", 0) for c in cuts], w, label=v)
    for ax in (a1, a2):
        ax.set_xticks([j + 0.4 - w / 2 for j in range(len(cuts))], cuts)
        ax.set_xlabel("where the network is cut")
    lo = min(m[c].get(f"{v}_acc_mean", 1) for c in cuts for v in variants)
    a1.set(ylabel="test accuracy (fraction, mean ± std)", ylim=(max(0, lo - 0.1), None))
    a2.set(ylabel="parameters", yscale="log")
    a1.legend(fontsize=6)
    return fig


def coloring(m: dict, notes: str = ""):
    "Colourings of the plane: conflict rate of the learned 5- and 6-colourings over d, and the known construction."
    fig, (a1, a2) = _fig(2, "Neural colourings of the plane (mathematics: no data)")
    drawn = False
    for k, c in (("k6_offdiag_curve", "tab:blue"), ("k5_offdiag_curve", "tab:orange")):
        curve = m.get(k)
        if isinstance(curve, list) and curve and isinstance(curve[0], dict) and "d" in curve[0]:
            d = [p["d"] for p in curve]
            r = [p["conflict_rate"] for p in curve]
            lo = [p["conflict_rate"] - p.get("ci95", [p["conflict_rate"]] * 2)[0] for p in curve]
            hi = [p.get("ci95", [p["conflict_rate"]] * 2)[1] - p["conflict_rate"] for p in curve]
            a1.errorbar(d, [100 * x for x in r], [[100 * x for x in lo], [100 * x for x in hi]], marker="o",
                        capsize=3, color=c, label=f"{k[1]} colours (learned, best seed, 95 % CI)")
            drawn = True
    if drawn:
        a1.axvspan(0.354, 0.657, color="tab:green", alpha=0.12, label="paper: proper 6-colourings (0 %)")
        a1.set(xlabel="d (second forbidden distance)", ylabel="conflict rate (% of the plane)", ylim=(0, None))
        a1.legend(fontsize=6)
    else:
        _missing(a1, "k6_offdiag_curve / k5_offdiag_curve")
    hs = m.get("hoffman_soifer_conflicts")
    if isinstance(hs, dict) and hs:
        d = sorted(hs, key=float)
        a2.bar([float(x) for x in d], [100 * hs[x] for x in d], width=0.01, color="tab:purple")
        a2.axvspan(2 ** 0.5 - 1, 1 / 5 ** 0.5, color="tab:green", alpha=0.12, label="[√2 − 1, 1/√5]: proper")
        a2.set(xlabel="d", ylabel="conflict rate (%)", title="Hoffman–Soifer construction, exact check")
        a2.legend(fontsize=7)
    else:
        _missing(a2, "hoffman_soifer_conflicts")
    return fig


def fedkd(m: dict, notes: str = ""):
    "Byzantine federated distillation: accuracy vs byzantine fraction (IID) and under HIPS with label skew."
    fig, axes = _fig(3, "Byzantine-resilient federated distillation (real Fashion-MNIST, 10 clients, 3 seeds)", 4.4)
    pat = re.compile(r"acc_mean/(\w+)/([\w-]+)/([\d.]+)/iid")
    for ax, atk in zip(axes[:2], ("lma", "cpa")):
        series: dict = {}
        for k, v in m.items():
            g = pat.fullmatch(k)
            if g and g.group(1) in (atk, "none") and g.group(2) not in ("centralised", "fedavg"):
                series.setdefault(g.group(2), []).append((100 * float(g.group(3)), v, m.get(k.replace("acc_mean", "acc_std"), 0)))
        if not series:
            _missing(ax, f"acc_mean/{atk}/<aggregator>/<fraction>/iid")
            continue
        for agg, pts in sorted(series.items()):
            pts.sort()
            ax.errorbar([p[0] for p in pts], [p[1] for p in pts], [p[2] for p in pts], marker="o", capsize=2, label=agg)
        ax.set(xlabel="byzantine clients (%)", ylabel="server test accuracy (fraction)", ylim=(0, 1),
               title=f"{atk.upper()}, IID")
    if axes[1].get_legend_handles_labels()[0]:
        axes[1].legend(fontsize=6)
    ax = axes[2]
    rows = [(g, m.get(f"acc_mean/lma+HIPS/{g}/0.3/dir0.5"), m.get(f"acc_std/lma+HIPS/{g}/0.3/dir0.5"))
            for g in ("mean", "median", "filter", "cronus", "expguard-median", "expguard-filter", "expguard-cronus")]
    rows = [r for r in rows if r[1] is not None]
    if rows:
        ax.barh(range(len(rows)), [r[1] for r in rows], xerr=[r[2] or 0 for r in rows], capsize=2,
                color=["tab:red" if r[0].startswith("expguard") else "tab:gray" for r in rows])
        ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=7)
        clean = m.get("acc_mean/none/mean/0/dir0.5")
        if clean is not None:
            ax.axvline(clean, color="k", ls="--", lw=1, label=f"clean mean {clean:.3f}")
            ax.legend(fontsize=6)
        ax.set(xlabel="server test accuracy (fraction)", title="30 % HIPS-LMA, non-IID (Dirichlet 0.5)")
    else:
        _missing(ax, "acc_mean/lma+HIPS/<aggregator>/0.3/dir0.5")
    return fig


def _npr_panel(ax, m: dict, title: str):
    models = sorted({k.removesuffix("_rel_l2_in_mean") for k in m if k.endswith("_rel_l2_in_mean")})
    if not models:
        _missing(ax, "<model>_rel_l2_{in,ood_hf,ood_large}_mean")
        return
    splits = [("in", "in distribution"), ("ood_large", "OOD 3× amplitude"), ("ood_hf", "OOD high frequency")]
    w = 0.8 / len(splits)
    for i, (s, lab) in enumerate(splits):
        ax.bar([j + i * w for j in range(len(models))], [m.get(f"{mo}_rel_l2_{s}_mean", float("nan")) for mo in models],
               w, yerr=[m.get(f"{mo}_rel_l2_{s}_std", 0) for mo in models], capsize=2, label=lab)
    ax.axhline(1, color="k", ls="--", lw=1, label="predicting zero (1.0)")
    ax.set_xticks([j + 0.4 - w / 2 for j in range(len(models))], models, rotation=30, ha="right", fontsize=7)
    ax.set(yscale="log", ylabel="relative L2 error (mean ± std)", title=title)
    ax.legend(fontsize=6)


def npr(m: dict, notes: str = "", burgers: dict | None = None):
    "Neural parameter regression: relative L2 error per model, in and out of distribution, heat and Burgers."
    fig, (a1, a2) = _fig(2, "Neural parameter regression, SYNTHETIC initial conditions (heat, Burgers)")
    _npr_panel(a1, m, "heat equation")
    if burgers is None:
        f = RESULTS / "npr_burgers.json"
        burgers = json.loads(f.read_text())["metrics"] if f.exists() else {}
    _npr_panel(a2, burgers, "Burgers equation")
    return fig


def canopy(m: dict, notes: str = ""):
    "Canopy height: error of the plain and shifted losses with and without the slope filter; gain vs GEDI error."
    fig, (a1, a2) = _fig(2, "Canopy height U-Net on SYNTHETIC scenes (not comparable to the paper's real data)")
    arms = [a for a in ("plain_no_filter", "shifted_no_filter", "plain_slope_filter", "shifted_slope_filter")
            if f"{a}_mae" in m]
    if arms:
        qs = [("mae", "MAE"), ("rmse", "RMSE"), ("mae_gt5", "MAE > 5 m"), ("rmse_gt5", "RMSE > 5 m")]
        w = 0.8 / len(arms)
        for i, a in enumerate(arms):
            a1.bar([j + i * w for j in range(len(qs))], [m.get(f"{a}_{q}", float("nan")) for q, _ in qs], w,
                   label=a.replace("_", " "))
        a1.set_xticks([j + 0.4 - w / 2 for j in range(len(qs))], [lab for _, lab in qs])
        a1.set(ylabel="error (m)", title="held-out tiles")
        a1.legend(fontsize=6)
    else:
        _missing(a1, "<loss>_<filter>_{mae,rmse,...}")
    errs = sorted(int(k.removeprefix("shift_gain_mae_").removesuffix("m")) for k in m if re.fullmatch(r"shift_gain_mae_\d+m", k))
    if errs:
        a2.plot(errs, [m[f"mae_plain_{e}m"] for e in errs], marker="o", label="plain loss")
        a2.plot(errs, [m[f"mae_shifted_{e}m"] for e in errs], marker="o", label="shifted loss")
        a2.set(xlabel="simulated GEDI geolocation error (m)", ylabel="MAE (m)", title="geolocation-robust loss")
        a2.legend(fontsize=7)
    else:
        _missing(a2, "shift_gain_mae_<e>m, mae_plain_<e>m, mae_shifted_<e>m")
    return fig


def canopy_temporal(m: dict, notes: str = ""):
    "Temporal canopy height: MAE and tall-tree bias of the temporal models vs the single composite; change detection."
    fig, (a1, a2) = _fig(2, "Temporal canopy height on SYNTHETIC multi-year scenes")
    arms = [a for a in ("unet3d", "early_fusion", "single") if f"mae_{a}_mean" in m]
    if arms:
        a1.bar(range(len(arms)), [m[f"mae_{a}_mean"] for a in arms], yerr=[m.get(f"mae_{a}_std", 0) for a in arms],
               capsize=3, color="tab:green", label="MAE")
        a1.bar([i + 0.35 for i in range(len(arms))], [-m.get(f"bias_30_40m_{a}", float("nan")) for a in arms], 0.35,
               yerr=[m.get(f"bias_30_40m_{a}_std", 0) for a in arms], capsize=3, color="tab:brown",
               label="underestimate of 30–40 m trees")
        a1.set_xticks([i + 0.17 for i in range(len(arms))], [a.replace("_", " ") for a in arms])
        a1.set(ylabel="m (mean ± std over seeds)", title="temporal vs single composite")
        a1.legend(fontsize=7)
    else:
        _missing(a1, "mae_{unet3d,early_fusion,single}_mean")
    ks = [("loss_precision", "random_precision", "precision"), ("loss_recall", "random_recall", "recall")]
    if all(k in m for k, _, _ in ks):
        a2.bar([0, 1], [m[k] for k, _, _ in ks], 0.35, label="change map")
        a2.bar([0.35, 1.35], [m.get(r, float("nan")) for _, r, _ in ks], 0.35, label="random map, same area")
        a2.set_xticks([0.17, 1.17], [lab for _, _, lab in ks])
        a2.set(ylim=(0, 1), ylabel="fraction", title="stand-replacing loss detection")
        a2.legend(fontsize=7)
    else:
        _missing(a2, "loss_precision, loss_recall, random_*")
    return fig


def dunia(m: dict, notes: str = ""):
    "DUNIA: zero-shot retrieval error vs supervised models trained on few labels, held-out scene."
    tasks = [t for t in ("height", "cover", "pai", "landcover") if f"{t}_zeroshot_mean" in m]
    fig, axes = _fig(max(1, len(tasks)), "DUNIA pixel embeddings on SYNTHETIC scenes: zero-shot vs few labels", 3.6)
    if not tasks:
        _missing(axes[0], "<task>_zeroshot_mean, <task>_supervised_<n>_mean")
        return fig
    units = {"height": "RMSE (m)", "cover": "RMSE (fraction)", "pai": "RMSE", "landcover": "weighted F1"}
    for ax, t in zip(axes, tasks):
        for arm, c in (("supervised", "tab:blue"), ("frozen_head", "tab:orange")):
            ns = sorted(int(re.fullmatch(rf"{t}_{arm}_(\d+)_mean", k).group(1)) for k in m
                        if re.fullmatch(rf"{t}_{arm}_(\d+)_mean", k))
            if ns:
                ax.errorbar(ns, [m[f"{t}_{arm}_{n}_mean"] for n in ns], [m.get(f"{t}_{arm}_{n}_std", 0) for n in ns],
                            marker="o", capsize=2, color=c, label=arm.replace("_", " "))
        z, zs = m[f"{t}_zeroshot_mean"], m.get(f"{t}_zeroshot_std", 0)
        ax.axhline(z, color="tab:red", lw=1.5, label="zero-shot k-NN")
        ax.axhspan(z - zs, z + zs, color="tab:red", alpha=0.15)
        ax.set(xscale="log", xlabel="labelled pixels", ylabel=units[t], title=t)
    axes[0].legend(fontsize=6)
    return fig


def perf_search(m: dict, notes: str = ""):
    "k-NN search: queries per second and recall@10 of zlwork's indexes beside FAISS and scikit-learn."
    fig, (a1, a2) = _fig(2, "k-NN search speed (clustered SYNTHETIC unit vectors)")
    keys = [re.fullmatch(r"search_(\w+?)_(\d+)_qps", k) for k in m]
    keys = [g for g in keys if g]
    if not keys:
        _missing(a1, "search_<backend>_<n>_qps")
        _missing(a2, "search_<backend>_<n>_recall10")
        return fig
    for b in sorted({g.group(1) for g in keys}):
        ns = sorted(int(g.group(2)) for g in keys if g.group(1) == b)
        a1.plot(ns, [m[f"search_{b}_{n}_qps"] for n in ns], marker="o", label=b)
        a2.plot(ns, [m.get(f"search_{b}_{n}_recall10", float("nan")) for n in ns], marker="o", label=b)
    a1.set(xscale="log", yscale="log", xlabel="indexed vectors", ylabel="queries per second")
    a2.set(xscale="log", xlabel="indexed vectors", ylabel="recall@10 vs exact", ylim=(0, 1.05))
    a1.legend(fontsize=7)
    return fig


FIGURES = {"pruning": pruning, "sfw": sfw, "vanishing": vanishing, "coloring": coloring, "fedkd": fedkd, "npr": npr,
           "canopy": canopy, "canopy_temporal": canopy_temporal, "dunia": dunia, "perf_search": perf_search}
"benchmark result name → figure function(metrics, notes) returning a matplotlib Figure."


def write(name: str, folder: Path = RESULTS) -> Path | None:
    "Draw the figure of `folder/<name>.json` into `folder/<name>.png`; None when there is no result."
    f = folder / f"{name}.json"
    if not f.exists():
        return None
    r = json.loads(f.read_text())
    fig = FIGURES[name](r.get("metrics", {}), r.get("notes", ""))
    out = f.with_suffix(".png")
    fig.savefig(out, dpi=90)
    return out


if __name__ == "__main__":
    for n in sys.argv[1:] or FIGURES:
        p = write(n)
        print(f"{n}: {p.relative_to(ROOT) if p else 'no result json'}")
