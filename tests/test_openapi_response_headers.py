"""The response headers a client acts on are in /openapi.json (integrator i36): the .docx
report's Content-Disposition (the file name to save it under), Vary on the operations that
negotiate, Retry-After on a 503 and WWW-Authenticate on a 401 were sent but not described, so a
generated client (openapi-generator) had no field for them. What the document says is what the
service sends."""

import re

PROBLEM_HEADERS = {"401": "WWW-Authenticate", "503": "Retry-After"}


def test_every_401_and_503_describes_the_header_it_sends(client):
    doc = client.get("/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            for status, header in PROBLEM_HEADERS.items():
                if status in op["responses"]:
                    assert header in op["responses"][status].get("headers", {}), (method, path, status)


def test_the_reports_200_describes_its_file_name_and_vary(client, body):
    doc = client.get("/openapi.json").json()
    for path in ("/v1/reports/{month}", "/v1/yearend"):
        headers = doc["paths"][path]["post"]["responses"]["200"]["headers"]
        assert "Vary" in headers, path
    disposition = doc["paths"]["/v1/reports/{month}"]["post"]["responses"]["200"]["headers"]["Content-Disposition"]
    pattern = disposition["schema"]["pattern"]
    assert "docx" in disposition["description"]
    answer = client.post(
        "/v1/reports/2025-03?audience=public&format=docx",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 200
    assert re.fullmatch(pattern, answer.headers["content-disposition"]), answer.headers["content-disposition"]
    assert answer.headers["vary"] == "Accept"
