import subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_matches_index_notebook():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "readme.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_readme_has_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    install = 'pip install -e ".[dev]" -c constraints-cpu.txt && zlwork serve'
    test_cmd = "nbdev-test --n-workers 2 --timing && pytest"
    assert install in readme and test_cmd in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_cmd in ci and 'pip install -e ".[dev]" -c constraints-cpu.txt' in ci


def test_readme_is_short_and_has_a_figure_and_an_anchor_table_per_capability():
    sys.path.insert(0, str(ROOT / "tools"))
    import readme

    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) <= 250, len(text.splitlines())
    assert "## Design choices" in text and "Quarto" in text and "leafmap" in text and "pyproject.toml" in text
    for title, name, *_ in readme.CAPABILITIES:
        block = text.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]
        if (ROOT / "bench" / "results" / f"{name}.json").exists():
            assert f"![{title}](bench/results/{name}.png)" in block, f"{name}: no figure"
            assert (ROOT / "bench" / "results" / f"{name}.png").exists(), f"{name}: figure file missing"
        assert "| | paper | zlwork" in block, f"{name}: no anchor table"


def test_figures_degrade_when_result_keys_change():
    "A figure whose keys are missing draws a note in the panel instead of failing (benchmarks get rewritten)."
    sys.path.insert(0, str(ROOT / "tools"))
    import figures

    for name, fn in figures.FIGURES.items():
        fig = fn({"some_new_key": 1.0})
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert any("not in this result" in t for t in texts), name
