def test_owner_sees_own_company_only(api_as, tenant, company, other_company):
    response = api_as(tenant).get("/companies")
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["items"]] == [company.pk]
    assert api_as(tenant).get(f"/companies/{other_company.pk}").status_code == 404
