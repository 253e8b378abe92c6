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
