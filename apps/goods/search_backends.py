"""Haystack engines that understand Chinese words.

* Whoosh (the embedded default): jieba's ChineseAnalyzer for every text field, so 手机
  matches 华为手机 and 小米手机, at indexing and at query time alike. A plain search (what G4
  asks: one model, ranked by relevance, a slice of the hits) runs once on a searcher each
  process keeps open until the index changes, collects only the hits up to the slice's end,
  and takes the slice at its exact offsets; Haystack's own Whoosh search turns offsets into
  page numbers (so a last page shorter than the others repeated hits of the page before and
  hid the rest) and reopened the index and scanned every document to narrow to the model on
  each call. Anything else (sorting, facets, highlighting, narrowing) is left to Haystack.
* Elasticsearch 7 (production): the IK plugin's analyzers (ik_max_word to index,
  ik_smart to search); the cluster must have elasticsearch-analysis-ik installed.
"""

import logging
import os
import threading
from typing import Any

import jieba
from django.utils.encoding import force_str
from haystack import connections
from haystack.backends import log_query
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchEngine
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID
from haystack.exceptions import SkipDocument
from haystack.models import SearchResult
from haystack.utils.app_loading import haystack_get_model
from jieba.analyse import ChineseAnalyzer
from whoosh.fields import TEXT
from whoosh.searching import Searcher

jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG on its own handler


# What a plain search may be given besides the query, the slice, the models and the class of
# its results; any other option (with a value) goes to Haystack's own search.
_HAYSTACK_ONLY = ("sort_by", "fields", "highlight", "facets", "date_facets", "query_facets", "narrow_queries",
                  "spelling_query", "within", "dwithin", "distance_point", "boost")  # fmt: skip


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias: str, **options: Any) -> None:
        super().__init__(connection_alias, **options)
        self._open = threading.local()  # this thread's searcher and the index version it reads

    @staticmethod
    def preload() -> None:
        """Load jieba's dictionary now (meiduo_mall.wsgi.preload), not on the first search."""
        jieba.initialize()

    def build_schema(self, fields: dict[str, Any]) -> tuple[str, Any]:
        content_field_name, schema = super().build_schema(fields)
        analyzer = ChineseAnalyzer()
        for _name, field in schema.items():
            if isinstance(field, TEXT):
                field.analyzer = analyzer
                # No spelling word list: nothing asks for suggestions, and building it analysed
                # every word of every document again (a third of rebuild_index's time).
                field.spelling = False
        for name in [name for name in schema.names() if name.startswith("spell_")]:
            schema.remove(name)
        return content_field_name, schema

    def _index_version(self) -> tuple[Any, ...]:
        """What changes whenever the index does: its table-of-contents files (a rebuild into a
        new folder may reuse a generation number, never an inode and modification time)."""
        with os.scandir(self.path) as entries:
            return tuple(sorted((e.name, e.inode(), e.stat().st_mtime_ns) for e in entries if e.name.endswith(".toc")))

    def _searcher(self) -> Searcher:
        version = self._index_version()
        if getattr(self._open, "version", None) != version:
            if getattr(self._open, "searcher", None) is not None:
                self._open.searcher.close()
            index: Any = self.index.refresh()  # type: ignore[has-type]
            self.index = index
            self._open.searcher, self._open.version = index.searcher(), version
        return self._open.searcher

    def index_all(self, index: Any, queryset: Any, *, batch_size: int, progress: Any) -> int:
        """Index every object of `queryset` with one writer and one commit, into an optimised
        (single-segment) index: update_index's path (Haystack's commits each batch, leaving a
        segment per batch to merge, and looks each document up to replace it even in the empty
        index rebuild_index starts from). `progress(n)` after each batch. Returns the count."""
        if not self.setup_complete:
            self.setup()
        whoosh_index: Any = self.index.refresh()
        self.index = whoosh_index
        empty = whoosh_index.doc_count_all() == 0
        writer = whoosh_index.writer(limitmb=256)
        written, last_pk = 0, None
        try:
            while True:
                batch = queryset.order_by("pk")
                batch = list((batch.filter(pk__gt=last_pk) if last_pk is not None else batch)[:batch_size])
                if not batch:
                    break
                for obj in batch:
                    try:
                        document = index.full_prepare(obj)
                    except SkipDocument:
                        continue
                    document = {name: self._from_python(value) for name, value in document.items() if name != "boost"}
                    (writer.add_document if empty else writer.update_document)(**document)
                    written += 1
                last_pk = batch[-1].pk
                progress(len(batch))
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            raise
        return written

    def clear(self, models: Any = None, commit: bool = True) -> None:
        if getattr(self._open, "searcher", None) is not None:
            self._open.searcher.close()
            self._open.searcher = self._open.version = None
        super().clear(models=models, commit=commit)

    def _plain(self, models: Any, options: dict[str, Any]) -> bool:
        """Whether this search is one the fast path answers exactly as Haystack would."""
        if any(options.get(name) for name in _HAYSTACK_ONLY):
            return False
        indexed = set(connections[self.connection_alias].get_unified_index().get_indexed_models())
        return not models or indexed <= set(models)  # narrowing to every indexed model narrows nothing

    def search(
        self,
        query_string: str,
        start_offset: int = 0,
        end_offset: int | None = None,
        models: Any = None,
        result_class: type[SearchResult] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        if not self._plain(models, options):
            return super().search(
                query_string, start_offset=start_offset, end_offset=end_offset, models=models,
                result_class=result_class, **options,
            )  # fmt: skip
        return self._plain_search(query_string, start_offset, end_offset, result_class or SearchResult)

    @log_query  # as Haystack's search: listed in connections[...].queries when DEBUG is on
    def _plain_search(
        self, query_string: str, start_offset: int, end_offset: int | None, result_class: type[SearchResult]
    ) -> dict[str, Any]:
        if not self.setup_complete:
            self.setup()
        query_string = force_str(query_string)
        nothing: dict[str, Any] = {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        # As Haystack: an empty or one-character query (a stop word) finds nothing.
        if len(query_string) == 0 or (len(query_string) <= 1 and query_string != "*"):
            return nothing
        parsed = self.parser.parse(query_string)
        if parsed is None:
            return nothing
        hits = self._searcher().search(parsed, limit=end_offset)  # the best `end_offset`, ranked
        page = hits[start_offset:end_offset] if end_offset is not None else hits[start_offset:]
        return {
            "results": [self._result(hit, result_class) for hit in page],
            "hits": len(hits),  # every match, not only those collected
            "facets": {},
            "spelling_suggestion": None,
        }

    def _result(self, hit: Any, result_class: type[SearchResult]) -> SearchResult:
        stored = dict(hit.fields())
        app_label, model_name = stored.pop(DJANGO_CT).split(".")
        pk = stored.pop(DJANGO_ID)
        index = (
            connections[self.connection_alias].get_unified_index().get_index(haystack_get_model(app_label, model_name))
        )
        fields = {
            name: index.fields[name].convert(value) if name in index.fields else self._to_python(value)
            for name, value in stored.items()
        }
        return result_class(app_label, model_name, pk, hit.score or 0, **fields)


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend


class IKElasticsearchSearchBackend(Elasticsearch7SearchBackend):
    DEFAULT_FIELD_MAPPING = {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}


class IKElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = IKElasticsearchSearchBackend
