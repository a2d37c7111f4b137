"""Packaging glue: the span reader in ``models/reader/`` ships inside the wheel.

The reader lives in the repository's ``models/`` beside its model card (where the team
keeps the models it trains); a wheel must carry it inside the package, so the build
copies it to ``assistant/_reader/``. ``assistant/answering/reader.py`` looks there first,
then in the checkout's ``models/reader/``. Everything else is in ``pyproject.toml``.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

READER = Path(__file__).parent / "models" / "reader"
FILES = ("model.onnx", "tokenizer.json", "reader.json", "README.md")


class BuildWithReader(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "assistant" / "_reader"
        target.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            self.copy_file(str(READER / name), str(target / name))


setup(cmdclass={"build_py": BuildWithReader})
