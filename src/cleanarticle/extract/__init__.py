"""Main-text candidates from more than one extractor, and the vote that judges their lines.

trafilatura alone keeps about as much as it loses against other extractors: readability-lxml
finds the article on pages whose markup trafilatura misreads (old layout tables, one-page
reports), Resiliparse keeps what both cut. Each module here wraps one extractor and gives its
text one paragraph per line; ``vote`` merges the candidates and judges each line.
"""
