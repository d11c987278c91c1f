from tests.assessment.test_evidence import HTMX, PNG, add_url, legal_data, document_data, add_document, media_root, draft, answer  # noqa

def test_peek(client, contributor_a, answer):
    client.force_login(contributor_a)
    client.post(add_url(answer), legal_data(url="https://example.org/code"), headers=HTMX)
    add_document(client, contributor_a, answer)
    page = client.post(add_url(answer), document_data(name="x.pdf", content=PNG), headers=HTMX)
    print(page.content.decode())
