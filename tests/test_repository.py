"""The repository carries only files the project made: the Leicester pack and what its own scripts typeset."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                                reason="not a git checkout")


def test_only_project_made_pdfs_and_no_xml_are_committed():
    listed = subprocess.run(["git", "ls-files", "*.pdf", "*.xml"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    assert listed, "the Leicester pack should be listed"
    for path in listed:
        if path == "corpus/leicester/leicester-phhi-2026-04-28-pack.pdf":
            continue
        # Otherwise a PDF typeset by corpus/typeset/build.py from an HTML source beside it.
        assert path.startswith("corpus/typeset/") and path.endswith(".pdf"), path
        assert (ROOT / path).with_suffix(".html").exists(), f"{path} has no source it was typeset from"


def test_no_copy_of_the_shared_scoring_tool():
    assert not (ROOT / "tests" / "score.py").exists()
