"Tests of what notebook cells cannot test: the installed `zlwork` command and its server, as a user runs them."

import os, socket, subprocess, time, urllib.request
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_list_prints_registered_apps():
    out = subprocess.run(["zlwork", "list"], capture_output=True, text=True, check=True, timeout=300).stdout
    assert "about" in out and "About zlwork" in out


def test_bad_app_name_is_a_clear_error():
    r = subprocess.run(
        ["zlwork", "serve", "no_such_app", "--port", str(free_port())], capture_output=True, text=True, timeout=300
    )
    assert r.returncode != 0 and "unknown app" in r.stderr


def test_serve_landing_page_lists_apps(tmp_path):
    port = free_port()
    env = {**os.environ, "ZLWORK_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        ["zlwork", "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        html, t0 = None, time.time()
        while time.time() - t0 < 240:
            try:
                html = urllib.request.urlopen(f"http://localhost:{port}/", timeout=10).read().decode()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"server exited early: {proc.stdout.read()}")
                time.sleep(1)
        assert html is not None, "server did not answer within 240 s"
        from zlwork.apps.base import discover_apps

        for name, spec in discover_apps().items():
            assert f'href="./{name}"' in html and spec.title in html
        about = urllib.request.urlopen(f"http://localhost:{port}/about", timeout=60)
        assert about.status == 200 and "bokeh" in about.read().decode().lower()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
