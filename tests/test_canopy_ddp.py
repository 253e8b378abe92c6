"""`train_canopy` under `torchrun --nproc-per-node 2` (DistributedDataParallel, gloo on CPU) follows the
single-process loss curve at the same global batch (issue 21).

Both runs see the same global batches (`GlobalBatchSampler`); they differ only by BatchNorm statistics (per rank)
and by the loss being averaged per rank, hence a tolerance rather than equality.
"""
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import json, sys
    import torch
    from torch.utils.data import TensorDataset
    from zlwork.canopy import train_canopy, init_distributed

    def dataset():
        g = torch.Generator().manual_seed(0)
        X = torch.rand(48, 10, 16, 16, generator=g)
        h = 30 * X[:, 6] - 10 * X[:, 2]                         # a learnable height signal
        lab = torch.rand(48, 16, 16, generator=g) < 0.15
        y = torch.where(lab, h, torch.tensor(float("nan")))
        grp = torch.where(lab, torch.randint(0, 3, (48, 16, 16), generator=g).float(), torch.tensor(-1.0))
        return TensorDataset(X, torch.stack([y, grp], 1))

    if __name__ == "__main__":
        rank, world = init_distributed()
        _, hist = train_canopy(dataset(), epochs=4, batch_size=8, lr=1e-2, shifted=False, base=4, depth=1,
                               progress=False, seed=0, device="cpu")
        if rank == 0:
            json.dump(dict(world=world, loss=[r["train_loss"] for r in hist.rows]), open(sys.argv[1], "w"))
""")


@pytest.mark.skipif(shutil.which("torchrun") is None, reason="torchrun is not installed")
def test_torchrun_two_processes_match_single_process(tmp_path):
    script = tmp_path / "train_ddp.py"
    script.write_text(SCRIPT)
    env = dict(os.environ, OMP_NUM_THREADS="1")
    env.pop("WORLD_SIZE", None)
    single = subprocess.run([sys.executable, str(script), str(tmp_path / "single.json")], env=env,
                            capture_output=True, text=True, timeout=300)
    assert single.returncode == 0, single.stderr[-3000:]
    ddp = subprocess.run(["torchrun", "--standalone", "--nproc-per-node", "2", str(script), str(tmp_path / "ddp.json")],
                         env=env, capture_output=True, text=True, timeout=300)
    assert ddp.returncode == 0, ddp.stderr[-3000:]
    s, d = (json.loads((tmp_path / f).read_text()) for f in ("single.json", "ddp.json"))
    assert s["world"] == 1 and d["world"] == 2
    print("single:", [round(v, 3) for v in s["loss"]], "2 processes:", [round(v, 3) for v in d["loss"]])
    assert d["loss"][-1] < 0.95 * d["loss"][0], "the distributed run must learn"
    for a, b in zip(s["loss"], d["loss"]):
        assert abs(a - b) <= 0.15 * a + 0.05, (s["loss"], d["loss"])
