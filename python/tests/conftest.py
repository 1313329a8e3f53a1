"""Where the tests find the module, the rules and the modfilter binary.

CTest sets MODFILTER_SOURCE_DIR and MODFILTER_BINARY and puts the build's
python/ directory on PYTHONPATH; run by hand:
    PYTHONPATH=build/python MODFILTER_BINARY=build/cli/modfilter \
        python3 -m pytest python/tests
"""

import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("MODFILTER_SOURCE_DIR",
                   pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


@pytest.fixture(scope="session")
def modfilter_binary():
    binary = os.environ.get("MODFILTER_BINARY")
    if not binary:
        pytest.skip("MODFILTER_BINARY is not set (CTest sets it)")
    return binary


@pytest.fixture(scope="session")
def small_engine():
    import modfilter
    return modfilter.Engine.load(SOURCE_DIR / "tests/data/cli/rules.yaml")


@pytest.fixture(scope="session")
def default_engine():
    import modfilter
    return modfilter.Engine.load(SOURCE_DIR / "rules")
