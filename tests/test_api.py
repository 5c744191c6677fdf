import softenv_core


def test_public_api_is_sorted_and_importable():
    names = softenv_core.__all__
    assert len(set(names)) == len(names)  # ruff's RUF022 keeps the order sorted
    for name in names:
        assert hasattr(softenv_core, name), name


def test_core_never_imports_the_testing_kit():
    import subprocess
    import sys

    code = (
        "import sys, softenv_core, softenv_core.cli.main; print('hypothesis' in sys.modules, 'pytest' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"
