"""WeasyPrint itself, imported only by `reports.pdf.html_to_pdf` once the PDF engine is known to
load (`config.system.pdf_engine_problem`): nothing imports this module at start-up."""

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .pdf import fetch_static_only


class StaticOnlyFetcher(URLFetcher):
    """Serves `data:` URLs and files under static/; refuses every other URL
    (reports.pdf.fetch_static_only decides)."""

    def fetch(self, url, headers=None):
        found = fetch_static_only(url)
        if found is None:
            return super().fetch(url, headers)
        body, content_type = found
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def write_pdf(html: str, *, base_url: str, pdf_variant: str) -> bytes:
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(font_config=fonts, pdf_variant=pdf_variant)
