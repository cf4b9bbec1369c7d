"""The read API: data, filters like the pages, and RFC 9457 problem details for bad input."""

import pytest

from yukemuri.ideas.services import idea_support
from yukemuri.moderation.services import post_hide

PROBLEM = "application/problem+json"


def problem(response, status=400):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    return body


def test_municipalities_of_gunma_with_codes(client, gunma):
    for key in ("10", "100005"):
        data = client.get("/api/v1/municipalities", {"prefecture": key}).json()
        assert len(data) == 35
    maebashi = data[0]
    assert maebashi == {
        "code": "102016", "name": "前橋市", "kana": "まえばしし", "romaji": "Maebashi", "kind": "city",
        "prefecture_code": "100005", "area_id": maebashi["area_id"], "area_name": "前橋・佐波伊勢崎",
        "latitude": 36.389, "longitude": 139.063,
    }


@pytest.mark.parametrize(("value", "code"), [("13", "unknown"), ("1", "format"), ("abc", "format")])
def test_municipalities_bad_prefecture(client, gunma, value, code):
    body = problem(client.get("/api/v1/municipalities", {"prefecture": value}))
    assert body["errors"][0]["parameter"] == "prefecture" and body["errors"][0]["code"] == code


def test_prefectures_and_sdgs(client, gunma):
    prefecture = client.get("/api/v1/prefectures").json()[0]
    assert prefecture["jis_code"] == "10" and len(prefecture["areas"]) == 9
    assert sum(len(a["municipality_codes"]) for a in prefecture["areas"]) == 35
    sdgs = client.get("/api/v1/sdgs").json()
    assert len(sdgs) == 17 and sdgs[16]["name_en"] == "Partnerships for the Goals"


@pytest.fixture
def data(person, other_person, make_issue, make_idea):
    issue = make_issue(person, title="空き家の増加", sdg_numbers=[11], theme_names=["空き家"])
    other = make_issue(person, title="交通が不便", body="バス", code="104434", sdg_numbers=[9])
    idea = make_idea(person, title="空き家活用", sdg_numbers=[11, 8], issue_ids=[issue.pk])
    idea2 = make_idea(person, title="村の会議", body="月例会", code="104434", sdg_numbers=[17], issue_ids=[other.pk])
    idea_support(idea=idea2, person=other_person)
    return {"issue": issue, "other": other, "idea": idea, "idea2": idea2}


def test_ideas_list_and_detail(client, data):
    body = client.get("/api/v1/ideas").json()
    assert body["count"] == 2 and body["page"] == 1 and body["pages"] == 1 and body["next"] is None
    first = body["results"][0]
    assert first["title"] == "村の会議" and first["municipality"]["code"] == "104434"
    assert first["support_count"] == 1 and first["stage"] == "seed" and first["sdgs"] == [17]
    assert first["issue_ids"] == [data["other"].pk]
    assert first["url"].endswith(f"/ideas/{data['idea2'].pk}/")
    detail = client.get(f"/api/v1/ideas/{data['idea'].pk}").json()
    assert detail["themes"] == [] and sorted(detail["sdgs"]) == [8, 11] and detail["author"]


def test_same_filters_as_the_pages(client, data):
    def ids(path, **params):
        return [r["id"] for r in client.get(path, params).json()["results"]]

    assert ids("/api/v1/ideas", municipality="104434") == [data["idea2"].pk]
    assert ids("/api/v1/ideas", q="空き家") == [data["idea"].pk]
    assert ids("/api/v1/ideas", sdg=11) == [data["idea"].pk]
    assert ids("/api/v1/ideas", issue=data["issue"].pk) == [data["idea"].pk]
    assert ids("/api/v1/ideas", sort="supported")[0] == data["idea2"].pk
    assert ids("/api/v1/issues", status="open", sdg=9) == [data["other"].pk]
    issue = client.get(f"/api/v1/issues/{data['issue'].pk}").json()
    assert issue["idea_ids"] == [data["idea"].pk] and issue["themes"] == ["空き家"]


def test_pagination_links(client, person, make_idea):
    for n in range(5):
        make_idea(person, title=f"案{n}")
    body = client.get("/api/v1/ideas", {"page_size": 2, "page": 2}).json()
    assert body["pages"] == 3 and len(body["results"]) == 2
    assert "page=3" in body["next"] and "page_size=2" in body["next"] and "page=1" in body["previous"]


@pytest.mark.parametrize(
    ("params", "parameter", "fragment"),
    [
        ({"municipality": "102084"}, "municipality", "check digit should be 3"),
        ({"municipality": "092011"}, "municipality", "No municipality"),
        ({"sdg": "18"}, "sdg", "less than or equal to 17"),
        ({"sdg": "x"}, "sdg", "whole number"),
        ({"status": "maybe"}, "status", "maybe"),
        ({"sort": "random"}, "sort", "random"),
        ({"area": "9999"}, "area", "no area"),
        ({"page": "99"}, "page", "Out of range"),
        ({"page": "0"}, "page", "greater than or equal to 1"),
        ({"page_size": "1000"}, "page_size", "Out of range"),
        ({"municipalty": "102016"}, "municipalty", "Unknown parameter"),
    ],
)
def test_bad_input_gets_problem_details(client, data, params, parameter, fragment):
    body = problem(client.get("/api/v1/issues", params, HTTP_ACCEPT_LANGUAGE="en"))
    error = next(e for e in body["errors"] if e["parameter"] == parameter)
    assert fragment.lower() in (error["detail"] + " " + body.get("detail", "")).lower()


def test_problem_details_in_japanese_by_default(client, data):
    body = problem(client.get("/api/v1/ideas", {"municipality": "102084"}))
    assert "チェックディジット" in body["errors"][0]["detail"] or "検査数字" in body["errors"][0]["detail"]


def test_unknown_ids_are_404_problems(client, data):
    body = problem(client.get("/api/v1/ideas/999999"), 404)
    assert "999999" in body["detail"]
    problem(client.get("/api/v1/nothing-here"), 404)


def test_no_such_address_is_a_404_problem_even_with_debug(client, data, settings):
    settings.DEBUG = True  # Django's own 404 page is HTML then; the API's is still problem details
    for path in ("/api/v1/ideas/abc", "/api/v1/issues/null,null", "/api/v1/nothing-here", "/api/v1/ideas/1/x"):
        problem(client.get(path), 404)
    problem(client.post("/api/v1/nothing-here"), 404)
    problem(client.post("/api/v1/ideas"), 405)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_a_method_an_address_does_not_serve_is_a_405_problem(client, data, method, english):
    for path, allowed in (("/api/v1/ideas", "GET"), (f"/api/v1/ideas/{data['idea'].pk}", "GET"),
                          ("/api/v1/openapi.json", "GET, HEAD"), ("/api/v1/docs", "GET, HEAD")):
        response = getattr(client, method)(path, HTTP_ACCEPT_LANGUAGE="en")
        body = problem(response, 405)
        assert response["Allow"] == allowed and body["title"] == "Method not allowed" and allowed in body["detail"]
    assert client.get("/api/v1/ideas").status_code == 200
    assert client.head("/api/v1/openapi.json").status_code == 200


def test_hidden_content_is_not_in_the_api(client, data, moderator):
    post_hide(target=data["idea"], moderator=moderator, reason="spam")
    assert [r["id"] for r in client.get("/api/v1/ideas").json()["results"]] == [data["idea2"].pk]
    assert client.get(f"/api/v1/issues/{data['issue'].pk}").json()["idea_ids"] == []


def test_author_names_follow_consent(client, person, make_idea):
    from yukemuri.people.models import ConsentPurpose
    from yukemuri.people.services import consent_withdraw

    idea = make_idea(person)
    assert client.get(f"/api/v1/ideas/{idea.pk}").json()["author"] == person.display_name
    consent_withdraw(person=person, purpose=ConsentPurpose.PUBLIC_PROFILE)
    assert client.get(f"/api/v1/ideas/{idea.pk}").json()["author"] != person.display_name


def test_openapi_documents_every_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/ideas", "/api/v1/issues", "/api/v1/municipalities", "/api/v1/ideas/{idea_id}",
            "/api/v1/issues/{issue_id}", "/api/v1/prefectures", "/api/v1/sdgs"} <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/v1/ideas"]["get"]["parameters"]}
    assert {"q", "area", "municipality", "sdg", "stage", "sort", "page", "page_size"} <= params
