"""Make the process offline before any model or telemetry library is imported, and set
the other variables those libraries only read at import.

Imported first by ``assistant/__init__.py``: the Hugging Face, Chroma and Gradio
libraries read these variables at import time, so setting them later is too late. A
value the user set is kept.
"""

import os

_OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "LANGSMITH_TRACING": "false",
    "RAY_USAGE_STATS_ENABLED": "0",  # the cluster extra: no usage report to Anyscale
}

for _key, _value in _OFFLINE.items():
    os.environ.setdefault(_key, _value)
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
# oneDNN (PyTorch on the CPU) keeps compiled kernels per input shape; chunks of every
# length make hundreds of shapes, and the cache held about 250 MB more at the peak of an
# ingest, for no speed (benchmarks/README.md, section 6).
os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "0")
