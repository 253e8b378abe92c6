"""Bad-input table for `zlwork.core` checkpoints and `zlwork.data` readers (issue 16): every case writes a small
file, corrupts it one way, and expects a zlwork error class whose message names the file (or the field)."""
import gzip, hashlib, io, json, os, struct
from pathlib import Path

import numpy as np
import pytest
import torch

from zlwork.core import CheckpointError, save_checkpoint, load_checkpoint, cached
from zlwork.data import DataFormatError, read_idx, load_mnist_idx


class _Evil:
    def __init__(self, marker): self.marker = marker
    def __reduce__(self): return (os.system, (f"touch {self.marker}",))


def _good(p: Path) -> Path:
    return save_checkpoint({"state": {"w": torch.arange(4.0)}, "config": {"bands": ["B2"]}}, p, kind="canopy-model")


def _raw_header(p: Path, header: dict, payload: bytes):
    hb = json.dumps(header).encode()
    p.write_bytes(len(hb).to_bytes(8, "little") + hb + payload)


def _forge(p: Path, fmt="zlwork-checkpoint-v2", obj=None, **over):
    buf = io.BytesIO()
    torch.save(obj if obj is not None else {"x": _Evil(p.parent / "pwned")}, buf)
    payload = buf.getvalue()
    h = dict(format=fmt, kind="canopy-model", meta={}, size=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    h.update(over)
    _raw_header(p, h, payload)


def _flip_last(p):
    _good(p)
    raw = bytearray(p.read_bytes())
    raw[-5] ^= 0xFF
    p.write_bytes(bytes(raw))


CKPT_CASES = {
    "missing file": (lambda p: None, "does not exist"),
    "empty file": (lambda p: p.write_bytes(b""), "truncated"),
    "7-byte file": (lambda p: p.write_bytes(b"\x01" * 7), "truncated"),
    "huge header length": (lambda p: p.write_bytes((10**9).to_bytes(8, "little") + b"{}"), "bad header length"),
    "header not JSON": (lambda p: p.write_bytes((5).to_bytes(8, "little") + b"{nope"), "corrupt header"),
    "header is a list": (lambda p: _raw_header(p, [], b""), "not a zlwork checkpoint"),
    "foreign format": (lambda p: _raw_header(p, {"format": "safetensors"}, b""), "not a zlwork checkpoint"),
    "old v1 pickle": (lambda p: _forge(p, fmt="zlwork-checkpoint-v1"), "old format"),
    "header field size not int": (lambda p: _forge(p, size="12"), "'size'"),
    "header without kind": (lambda p: _forge(p, kind=None), "'kind'"),
    "flipped payload byte": (_flip_last, "checksum mismatch"),
    "truncated payload": (lambda p: p.write_bytes(_good(p).read_bytes()[:-10]), "checksum mismatch"),
    "malicious pickle, valid header": (lambda p: _forge(p), "nothing was run"),
    "plain pickle body with a module object": (lambda p: _forge(p, obj={"m": torch.nn.Linear(1, 1)}), "refused"),
    "wrong kind": (lambda p: save_checkpoint({"w": torch.zeros(1)}, p, kind="dunia"), "expected a 'canopy-model'"),
}


@pytest.mark.parametrize("case", list(CKPT_CASES))
def test_bad_checkpoint(tmp_path, case):
    make, msg = CKPT_CASES[case]
    p = tmp_path / "model.zlw"
    make(p)
    with pytest.raises(CheckpointError, match=msg) as e:
        load_checkpoint(p, kind="canopy-model")
    assert "model.zlw" in str(e.value)
    assert not (tmp_path / "pwned").exists(), "a payload ran"


@pytest.mark.parametrize("obj", [{"f": print}, {"x": object()}, {"m": torch.nn.Linear(1, 1)}, {(1, 2): 3},
                                 {"a": np.array(["s"], dtype=object)}])
def test_save_refuses_what_is_not_plain_data(tmp_path, obj):
    with pytest.raises(TypeError, match="checkpoint"):
        save_checkpoint(obj, tmp_path / "x.zlw")
    assert not (tmp_path / "x.zlw").exists()


def test_cached_rebuilds_a_forged_cache_without_running_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ZLWORK_HOME", str(tmp_path))
    from zlwork.core import cache_path
    p = cache_path("demo", {"a": 1})
    _forge(p, kind="demo", meta={"key": {"a": 1}})
    with pytest.warns(UserWarning, match="nothing was run"):
        out = cached("demo", {"a": 1}, lambda: {"w": torch.ones(2)})
    assert torch.equal(out["w"], torch.ones(2)) and not (p.parent / "pwned").exists()


def _idx(arr: np.ndarray, code: int = 0x08) -> bytes:
    return bytes([0, 0, code, arr.ndim]) + struct.pack(f">{arr.ndim}I", *arr.shape) + arr.tobytes()


LABELS = np.array([1, 2, 3, 4], dtype=np.uint8)
IDX_CASES = {
    "bad magic": (b"\x01\x02\x08\x01" + b"\x00" * 8, "bad magic"),
    "unknown element type": (bytes([0, 0, 0x07, 1]) + struct.pack(">I", 1) + b"\x00", "unknown IDX element type"),
    "zero dimensions": (bytes([0, 0, 0x08, 0]), "0 dimensions"),
    "nine dimensions": (bytes([0, 0, 0x08, 9]) + b"\x00" * 36, "9 dimensions"),
    "short header": (_idx(LABELS)[:6], "header is short"),
    "truncated body": (_idx(LABELS)[:-1], "truncated"),
    "body too long": (_idx(LABELS) + b"\x00\x00", "2 bytes more"),
    "odd body for int32": (_idx(np.arange(2, dtype=">i4"), 0x0C)[:-2], "truncated"),
    "three bytes": (b"\x00\x00\x08", "bad magic"),
}


@pytest.mark.parametrize("case", list(IDX_CASES))
def test_bad_idx_file(tmp_path, case):
    raw, msg = IDX_CASES[case]
    p = tmp_path / "labels-idx1-ubyte"
    p.write_bytes(raw)
    with pytest.raises(DataFormatError, match=msg) as e:
        read_idx(p)
    assert "labels-idx1-ubyte" in str(e.value)


def test_corrupt_gzip_names_the_file(tmp_path):
    p = tmp_path / "train-labels-idx1-ubyte.gz"
    p.write_bytes(gzip.compress(_idx(LABELS))[:-8])
    with pytest.raises(DataFormatError, match="train-labels-idx1-ubyte.gz"):
        read_idx(p)


def _mnist(d: Path, **over):
    rng = np.random.default_rng(0)
    files = {"train-images-idx3-ubyte": rng.integers(0, 256, (6, 28, 28), dtype=np.uint8),
             "train-labels-idx1-ubyte": rng.integers(0, 10, 6, dtype=np.uint8),
             "t10k-images-idx3-ubyte": rng.integers(0, 256, (4, 28, 28), dtype=np.uint8),
             "t10k-labels-idx1-ubyte": rng.integers(0, 10, 4, dtype=np.uint8)}
    files.update(over)
    for k, (arr) in files.items():
        code = 0x0D if arr.dtype == np.dtype(">f4") else 0x08
        (d / k).write_bytes(_idx(arr, code))


MNIST_CASES = {
    "4 images, 3 labels": (dict(t10k_labels=np.array([1, 2, 3], np.uint8)), "3 labels for 4 images"),
    "label 200": (dict(t10k_labels=np.array([1, 2, 3, 200], np.uint8)), "labels must lie in 0..9"),
    "2-D test images": (dict(t10k_images=np.zeros((4, 784), np.uint8)), "must be N×H×W"),
    "float images": (dict(t10k_images=np.zeros((4, 28, 28), ">f4")), "must be uint8"),
    "train 28x28, test 32x32": (dict(t10k_images=np.zeros((4, 32, 32), np.uint8)), "train images are"),
    "labels as a matrix": (dict(train_labels=np.zeros((6, 1), np.uint8)), "labels must be a vector"),
}


@pytest.mark.parametrize("case", list(MNIST_CASES))
def test_bad_mnist_folder(tmp_path, case):
    over, msg = MNIST_CASES[case]
    names = {"t10k_labels": "t10k-labels-idx1-ubyte", "t10k_images": "t10k-images-idx3-ubyte",
             "train_labels": "train-labels-idx1-ubyte"}
    _mnist(tmp_path, **{names[k]: v for k, v in over.items()})
    with pytest.raises(DataFormatError, match=msg) as e:
        load_mnist_idx(tmp_path)
    assert str(tmp_path) in str(e.value)


def test_good_mnist_folder_reads(tmp_path):
    _mnist(tmp_path)
    s = load_mnist_idx(tmp_path)
    assert s.X_train.shape == (6, 1, 28, 28) and s.y_test.shape == (4,) and float(s.X_train.max()) <= 1
