"""Haystack engines that understand Chinese words.

* Tantivy (the embedded default; Rust, through its maintained Python bindings): jieba cuts
  every text into words (search mode: 华为手机 gives 华为, 手机 and 华为手机), at indexing and
  at query time alike, so 手机 matches 华为手机 and 小米手机; a hit must contain every word
  of the query, ranked by BM25. One search per page at its exact offsets, with the total
  counted alongside; each process keeps its reader open and reloads it when the index's
  meta.json changes (a commit by any process: the worker re-indexing a saved SKU). Writers
  of several processes take turns on the index's lock. It replaced Whoosh, unmaintained
  since 2016, whose pure-Python scoring took ~140 ms per search at 50 000 SKUs (README).
* Elasticsearch 7 (production): the IK plugin's analyzers (ik_max_word to index,
  ik_smart to search); the cluster must have elasticsearch-analysis-ik installed.
"""

import json
import logging
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jieba
import tantivy
from django.core.exceptions import ImproperlyConfigured
from django.utils.encoding import force_str
from haystack import connections
from haystack.backends import BaseEngine, BaseSearchBackend, BaseSearchQuery, log_query
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchEngine
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from haystack.utils.app_loading import haystack_get_model

from meiduo_mall.utils.outages import SearchIndexUnavailableError

jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG on its own handler

# What a search may be given besides the query, the slice, the models and the class of its
# results: none of it is supported (nothing in the mall asks for it); asked for, it is an error.
_UNSUPPORTED = ("sort_by", "fields", "highlight", "facets", "date_facets", "query_facets", "narrow_queries",
                "spelling_query", "within", "dwithin", "distance_point", "boost")  # fmt: skip
_WORD = re.compile(r"\w")
_OPERATORS = frozenset({"AND", "OR", "NOT"})  # what Haystack joins several filters with
_KEY, _WORDS, _STORED = "key", "words", "stored"
_STORE_ONLY = frozenset({ID, DJANGO_CT, DJANGO_ID, "boost"})


def words(text: str) -> list[str]:
    """The words of `text` as the index holds them: jieba's search-mode cut, lowercased,
    without spaces and punctuation, each once."""
    seen: dict[str, None] = {}
    for word in jieba.cut_for_search(text):
        if _WORD.search(word) and word not in _OPERATORS:
            seen.setdefault(word.lower(), None)
    return list(seen)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(_KEY, tokenizer_name="raw", index_option="basic")  # get_identifier(obj)
    builder.add_text_field(DJANGO_CT, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(DJANGO_ID, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(_WORDS, tokenizer_name="whitespace", index_option="freq")  # cut by words()
    builder.add_bytes_field(_STORED, stored=True, indexed=False)  # the prepared fields, as JSON
    return builder.build()


SCHEMA = _schema()


class TantivySearchBackend(BaseSearchBackend):
    # Memory of a writer: for one SKU's update, and for indexing everything at once.
    UPDATE_HEAP, BULK_HEAP = 15_000_000, 64_000_000
    # How long a writer waits for another process's writer to finish.
    LOCK_WAIT_SECONDS = 30.0

    def __init__(self, connection_alias: str, **options: Any) -> None:
        super().__init__(connection_alias, **options)
        if not options.get("PATH"):
            raise ImproperlyConfigured(f"The search connection {connection_alias!r} needs a PATH for its index.")
        self.path = str(options["PATH"])
        self._index: tantivy.Index | None = None
        self._version: tuple[int, int, int] | None = None  # of the meta.json the reader reads

    @staticmethod
    def preload() -> None:
        """Load jieba's dictionary now (meiduo_mall.wsgi.preload), not on the first search."""
        jieba.initialize()

    # --- the index -------------------------------------------------------------------------------

    def _open(self) -> tantivy.Index:
        if self._index is None:
            os.makedirs(self.path, exist_ok=True)
            try:
                index = tantivy.Index(SCHEMA, path=self.path, reuse=True)
            except ValueError as error:
                raise SearchIndexUnavailableError(
                    f"The search index in {self.path} was not written by this version of the mall ({error}): "
                    "run `manage.py rebuild_index`."
                ) from error
            index.config_reader("Manual", 0)  # reloaded when meta.json changes (_searcher)
            self._index = index
        return self._index

    def _meta_version(self) -> tuple[int, int, int] | None:
        try:
            meta = os.stat(os.path.join(self.path, "meta.json"))
        except FileNotFoundError:
            return None
        return meta.st_ino, meta.st_mtime_ns, meta.st_size  # a commit replaces the file

    def _searcher(self) -> tantivy.Searcher:
        index = self._open()
        version = self._meta_version()
        if version != self._version:
            index.reload()
            self._version = version
        return index.searcher()

    @contextmanager
    def _writer(self, heap: int) -> Iterator[tantivy.IndexWriter]:
        """The index's one writer (waiting for another process's), committed on success and
        rolled back on any error."""
        index = self._open()
        deadline = time.monotonic() + self.LOCK_WAIT_SECONDS
        while True:
            try:
                writer = index.writer(heap, 1)
                break
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
                if time.monotonic() > deadline:
                    waited = f"{self.LOCK_WAIT_SECONDS:.0f} s"
                    raise SearchIndexUnavailableError(
                        f"Another process kept the search index locked {waited}"
                    ) from error
                time.sleep(0.05)
        try:
            yield writer
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # ends the writer: its lock is released at once

    def _document(self, prepared: dict[str, Any], content: str) -> tantivy.Document:
        """The index's document for Haystack's prepared fields; `content` names the field whose
        words are searched (the unified index's document field)."""
        stored = {name: value for name, value in prepared.items() if name not in _STORE_ONLY}
        return tantivy.Document(
            key=prepared[ID],
            django_ct=prepared[DJANGO_CT],
            django_id=str(prepared[DJANGO_ID]),
            words=" ".join(words(force_str(prepared.get(content, "")))),
            stored=json.dumps(stored, ensure_ascii=False, default=str).encode(),
        )

    def _content_field(self) -> str:
        return str(connections[self.connection_alias].get_unified_index().document_field)

    # --- Haystack's backend API ---------------------------------------------------------------------

    def update(self, index: Any, iterable: Any, commit: bool = True) -> None:
        content, documents = self._content_field(), []
        for obj in iterable:
            try:
                prepared = index.full_prepare(obj)
            except SkipDocument:
                continue
            documents.append((prepared[ID], self._document(prepared, content)))
        if not documents:
            return
        with self._writer(self.UPDATE_HEAP) as writer:
            for key, document in documents:
                writer.delete_documents_by_term(_KEY, key)  # the old version, if indexed
                writer.add_document(document)

    def index_all(self, index: Any, queryset: Any, *, batch_size: int, progress: Any) -> int:
        """Index every object of `queryset` with one writer and one commit (update_index's
        path; an index emptied by rebuild_index is only added to). `progress(n)` after each
        batch. Returns the count."""
        content = self._content_field()
        empty = self._searcher().num_docs == 0
        written, last_pk = 0, None
        with self._writer(self.BULK_HEAP) as writer:
            while True:
                batch = queryset.order_by("pk")
                batch = list((batch.filter(pk__gt=last_pk) if last_pk is not None else batch)[:batch_size])
                if not batch:
                    break
                for obj in batch:
                    try:
                        prepared = index.full_prepare(obj)
                    except SkipDocument:
                        continue
                    if not empty:
                        writer.delete_documents_by_term(_KEY, prepared[ID])
                    writer.add_document(self._document(prepared, content))
                    written += 1
                last_pk = batch[-1].pk
                progress(len(batch))
        return written

    def remove(self, obj_or_string: Any, commit: bool = True) -> None:
        with self._writer(self.UPDATE_HEAP) as writer:
            writer.delete_documents_by_term(_KEY, get_identifier(obj_or_string))

    def clear(self, models: Any = None, commit: bool = True) -> None:
        if not models and self._schema_mismatch():
            self._start_afresh()
            return
        with self._writer(self.UPDATE_HEAP) as writer:
            if models:
                for model in models:
                    writer.delete_documents_by_term(DJANGO_CT, get_model_ct(model))
            else:
                writer.delete_all_documents()

    def _schema_mismatch(self) -> bool:
        try:
            self._open()
        except SearchIndexUnavailableError:
            return True
        return False

    def _start_afresh(self) -> None:
        """An index of another schema (an older version of the mall): replaced by an empty one."""
        for entry in os.scandir(self.path):
            if entry.is_file():
                os.remove(entry.path)
        self._index, self._version = None, None
        self._open()

    @log_query  # as Haystack's backends: listed in connections[...].queries when DEBUG is on
    def search(
        self,
        query_string: str,
        start_offset: int = 0,
        end_offset: int | None = None,
        models: Any = None,
        result_class: type[SearchResult] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        asked = [name for name in _UNSUPPORTED if options.get(name)]
        if asked:
            raise NotImplementedError(f"The Tantivy search backend does not support {', '.join(asked)}.")
        nothing: dict[str, Any] = {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        query_string = force_str(query_string).strip()
        if query_string == "*":
            query = tantivy.Query.all_query()
        else:
            terms = words(query_string)
            if not terms:
                return nothing
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, _WORDS, term)) for term in terms]
            )
        if models:
            kinds = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(SCHEMA, DJANGO_CT, get_model_ct(m))) for m in models]
            )
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, kinds)])
        searcher = self._searcher()
        limit = (end_offset if end_offset is not None else max(searcher.num_docs, 1)) - start_offset
        found: Any = searcher.search(query, limit=max(limit, 1), count=True, offset=start_offset)
        hits = found.hits if limit > 0 else []
        return {
            "results": [
                self._result(searcher.doc(address), score, result_class or SearchResult) for score, address in hits
            ],
            "hits": found.count,  # every match, not only those collected
            "facets": {},
            "spelling_suggestion": None,
        }

    def _result(self, document: tantivy.Document, score: float, result_class: type[SearchResult]) -> SearchResult:
        app_label, model_name = document[DJANGO_CT][0].split(".")
        model = haystack_get_model(app_label, model_name)
        index = connections[self.connection_alias].get_unified_index().get_index(model)
        stored = json.loads(bytes(document[_STORED][0]))
        fields = {name: index.fields[name].convert(value) if name in index.fields else value
                  for name, value in stored.items()}  # fmt: skip
        return result_class(app_label, model_name, document[DJANGO_ID][0], score, **fields)


class TantivySearchQuery(BaseSearchQuery):
    """Queries as the backend reads them: the text of each filter on the content field (an
    auto_query's text as the shopper typed it), joined; the backend cuts it into words."""

    def matching_all_fragment(self) -> str:
        return "*"

    def build_query_fragment(self, field: str, filter_type: str, value: Any) -> str:
        if field != "content" or filter_type not in ("content", "contains"):
            raise NotImplementedError(
                f"The Tantivy search backend searches the content only, not {field}__{filter_type}."
            )
        return force_str(getattr(value, "query_string", value))


class TantivyEngine(BaseEngine):
    backend = TantivySearchBackend
    query = TantivySearchQuery


class IKElasticsearchSearchBackend(Elasticsearch7SearchBackend):
    DEFAULT_FIELD_MAPPING = {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}


class IKElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = IKElasticsearchSearchBackend
