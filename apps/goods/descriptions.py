"""The HTML of product descriptions (SPU.desc_detail, desc_pack, desc_service), which
operators write in the admin and the detail pages show as HTML.

The detail pages are served from the storefront's origin, where shoppers' tokens live, so a
description may hold only formatting, pictures and links: no script, no event handler, no
style that could overlay the page, no javascript: or data: URL. It is cleaned (nh3, the
maintained Rust sanitiser) when an operator saves it and again when a page is generated, so
rows written any other way are safe too."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "div", "span", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "small", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "img", "a", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "img": {"src", "alt", "width", "height"},
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https"}


def description_clean(html: str) -> str:
    """The description reduced to the safe subset; links get rel="noopener noreferrer nofollow"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
