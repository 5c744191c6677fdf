"""The Word report is Chinese only (GB/T 9704); each face refuses another language in its own
words (integrator i36). The library raised the command's text, `--format docx is the Chinese
official document; use --lang zh`, to a Python caller and, after the report had been made, to
an HTTP client as the 422's problem on query.lang; neither has a --format or a --lang."""

from pathlib import Path

import pytest

import softenv_core as se

pytest.importorskip("docx")

from softenv_core.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "small-dataset.json"


def test_the_library_names_its_lang_argument(tmp_path):
    report = se.monitoring_report(se.load_dataset(EXAMPLE), "2025-03", audience="public")
    with pytest.raises(se.FieldInvalid) as info:
        se.write_report_docx(report, tmp_path / "r.docx", "en")
    assert info.value.name == "lang"
    assert (
        info.value.message == "the Word report is the Chinese official document (GB/T 9704): give lang='zh', got 'en'"
    )
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("body", [b"{", None])
def test_the_service_refuses_it_on_the_query_before_reading_the_body(client, body, request):
    content = body if body is not None else request.getfixturevalue("body")
    answer = client.post(
        "/v1/reports/2025-03?audience=public&format=docx&lang=en",
        content=content,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["type"] == "urn:softenv:problem:format-unavailable"
    assert problem["problems"] == [
        "query.lang: format=docx is the Chinese official document (GB/T 9704): give lang=zh or leave lang out"
    ]
    assert problem["details"][0]["zh"] == "Word 文件是中文公文（GB/T 9704）：请用 lang=zh 或不写 lang"
    assert "--" not in problem["detail"]


def test_the_command_still_says_it_in_its_options(tmp_path, capsys):
    out = tmp_path / "r.docx"
    args = ["report", str(EXAMPLE), "--month", "2025-03", "--format", "docx", "--lang", "en", "--out", str(out)]
    assert main(args) == 1
    assert "--format docx is the Chinese official document; use --lang zh" in capsys.readouterr().err
    assert not out.exists()
