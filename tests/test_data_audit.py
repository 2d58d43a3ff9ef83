"""Audit of the bundled data's sources (the data added on 2 December 2026 and the files it touched).

A reader must be able to tell an authoritative page from a copy. Sources hosted on document-sharing
sites, forums, blogs, Q&A sites or bare IP addresses are kept only where no better page was found,
and their titles then say what they are a copy of. Links are to the page itself, never through a
web proxy.
"""

from urllib.parse import urlsplit

import pytest

from alliances.loading import load

# Hosts that only ever hold copies of documents published elsewhere, or forum, blog and Q&A posts.
COPY_HOSTS = (
    "issuhub.com", "docslib.org", "doczz.fr", "cyprus-forum.com", "azkurs.org", "bluemount.ca",
    "tamilnation.org", "1library.co", "1library.net", "123dok.net", "fdocuments.in",
    "fdocuments.co", "slideserve.com", "paperzz.com", "dokumen.pub", "readkong.com",
    "mathsgee.com", "testbig.com", "keyanhelp.cn", "blog4ever.com", "scribd.com",
    "thepearldream.com", "bibliboba.online", "20.210.105.67",
)
# Words a title uses to say that the page is a copy of something else, or what kind of page it is.
COPY_WORDS = ("mirror", "copy", "scan of", "blog", "q&a", "slide-sharing")
PROXY_HOSTS = ("oszar.com", "uplink7.com")


def host(url):
    return (urlsplit(url).hostname or "").lower()


def on_copy_host(url):
    h = host(url)
    return any(h == c or h.endswith("." + c) for c in COPY_HOSTS)


@pytest.fixture(scope="module")
def sources():
    """Every (where, source) pair of the bundled data: treaties, their events, and states."""
    ds = load(env=False, cache=False)
    found = []
    for tid, treaty in ds.treaties.items():
        found.extend((tid, s) for s in treaty.sources)
        for state, events in treaty.members.items():
            for e in events:
                found.extend((f"{tid}/{state}/{e.date}", s) for s in e.sources)
    for code, state in ds.states.items():
        found.extend((code, s) for s in state.sources)
    return found


def test_the_audit_sees_the_copy_hosts_it_checks(sources):
    # guards the test itself: the bundled data does cite Gibler through issuhub
    assert any(host(s.url) == "issuhub.com" for _, s in sources)


def test_copies_say_in_their_title_that_they_are_copies(sources):
    unlabelled = [
        (where, s.url) for where, s in sources
        if on_copy_host(s.url) and not any(w in (s.title or "").lower() for w in COPY_WORDS)
    ]
    assert unlabelled == []


def test_gibler_is_cited_as_the_book_with_issuhub_named_as_the_mirror(sources):
    titles = [s.title or "" for _, s in sources if host(s.url) == "issuhub.com"]
    assert titles and all("issuhub mirror" in t for t in titles)
    assert sum("Gibler" in t for t in titles) > len(titles) / 2  # the book most of them mirror


def test_no_source_is_linked_through_a_web_proxy(sources):
    proxied = [
        (where, s.url) for where, s in sources
        if any(host(s.url).endswith(p) for p in PROXY_HOSTS) or "index.php?url=" in s.url
    ]
    assert proxied == []


def test_the_falepili_and_nancy_treaties_cite_the_governments_own_pages(sources):
    urls = {s.url for _, s in sources}
    assert ("https://web.archive.org/web/20231112015202/"
            "https://www.dfat.gov.au/geo/tuvalu/australia-tuvalu-falepili-union-treaty") in urls
    assert any(host(u) == "www.diplomatie.gouv.fr" and "traite-de-nancy" in u for u in urls)
