"""Which hardware runs the models: ``ASSISTANT_DEVICE`` as PyTorch and ONNX Runtime see it.

``auto`` takes a CUDA GPU when one is visible and the CPU otherwise; ``cuda`` insists and
says so when there is none. The reader runs on ONNX Runtime, whose default package has no
GPU provider: it uses CUDA only where ``onnxruntime-gpu`` is installed, else the CPU.
"""

from __future__ import annotations

import logging

from assistant.config import Device
from assistant.errors import InvalidInput

log = logging.getLogger(__name__)
GPU_BATCH = 128  # chunks per embedding batch on a GPU (16 on the CPU: ASSISTANT_BATCH_SIZE)


def torch_device(device: Device) -> str:
    """``"cuda"`` or ``"cpu"`` for PyTorch; ``InvalidInput`` when CUDA is asked for and absent."""
    if device is Device.CPU:
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if device is Device.CUDA:
        raise InvalidInput(
            "ASSISTANT_DEVICE=cuda, but PyTorch sees no CUDA GPU here (a CPU build of torch, "
            "or no driver); use ASSISTANT_DEVICE=auto or cpu."
        )
    return "cpu"


def onnx_providers(device: Device) -> list[str]:
    """ONNX Runtime's execution providers for the reader, best first."""
    if device is Device.CPU:
        return ["CPUExecutionProvider"]
    import onnxruntime as ort

    if "CUDAExecutionProvider" in ort.get_available_providers():
        return ["CUDAExecutionProvider", "CPUExecutionProvider"]
    if device is Device.CUDA:
        log.warning("the reader runs on the CPU: this onnxruntime has no CUDA provider")
    return ["CPUExecutionProvider"]
