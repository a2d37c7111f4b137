"""ASSISTANT_DEVICE: parsed, resolved for PyTorch and ONNX Runtime, refused with a message.

No GPU is lent to this project's machines: the CUDA branches are exercised where CUDA is
absent (the refusal, the CPU fallback); the tests that need a GPU skip without one.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import torch

from assistant.answering.answerer import shared_reader
from assistant.config import Device, Settings
from assistant.errors import InvalidInput
from assistant.index.devices import onnx_providers, torch_device

NO_GPU = not torch.cuda.is_available()


def test_the_setting_is_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().device is Device.AUTO
    monkeypatch.setenv("ASSISTANT_DEVICE", "cpu")
    assert Settings.from_env().device is Device.CPU
    monkeypatch.setenv("ASSISTANT_DEVICE", "gpu")
    with pytest.raises(InvalidInput, match=r"\(ASSISTANT_DEVICE\)='gpu' is not one of: auto, cpu"):
        Settings.from_env()
    assert Settings().with_overrides(device="cuda").device is Device.CUDA


def test_cpu_is_always_the_cpu() -> None:
    assert torch_device(Device.CPU) == "cpu"
    assert onnx_providers(Device.CPU) == ["CPUExecutionProvider"]


@pytest.mark.skipif(not NO_GPU, reason="a CUDA GPU is visible here")
def test_without_a_gpu_auto_is_the_cpu_and_cuda_is_refused() -> None:
    assert torch_device(Device.AUTO) == "cpu"
    with pytest.raises(InvalidInput, match=r"sees no CUDA GPU here.*ASSISTANT_DEVICE=auto or cpu"):
        torch_device(Device.CUDA)
    assert onnx_providers(Device.CUDA) == ["CPUExecutionProvider"]  # the reader still runs


def test_the_reader_loads_for_each_device() -> None:
    reader = shared_reader(None, Device.CPU)
    spans = reader.read("Who won?", ["The Broncos won the game 24-10."])
    assert spans[0].spans[0].text == "The Broncos"
    assert shared_reader(None, Device.AUTO) is shared_reader(None, Device.AUTO)


@pytest.mark.integration  # another process
@pytest.mark.skipif(not NO_GPU, reason="a CUDA GPU is visible here")
def test_the_cli_says_what_to_do_when_cuda_is_missing(fake_seed_settings: Settings) -> None:
    env = {
        **os.environ,
        "ASSISTANT_DEVICE": "cuda",
        "ASSISTANT_INDEX_DIR": str(fake_seed_settings.index_dir),
        "ASSISTANT_EMBEDDING_MODEL": fake_seed_settings.embedding_model,
    }
    command = [sys.executable, "-m", "assistant", "ask", "Who claimed the Lere attack?"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error: ASSISTANT_DEVICE=cuda, but PyTorch sees no")


@pytest.mark.skipif(NO_GPU, reason="needs a CUDA GPU")
def test_on_a_gpu_auto_is_cuda() -> None:
    assert torch_device(Device.AUTO) == "cuda"
