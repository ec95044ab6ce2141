"""A writable copy of the project's articles (with their question files) per test."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def corpus(tmp_path, articles):
    d = tmp_path / "articles"
    shutil.copytree(articles, d)
    return d
