"""Haystack engines that understand Chinese words.

* Whoosh (the embedded default): jieba's ChineseAnalyzer for every text field, so 手机
  matches 华为手机 and 小米手机, at indexing and at query time alike.
* Elasticsearch 7 (production): the IK plugin's analyzers (ik_max_word to index,
  ik_smart to search); the cluster must have elasticsearch-analysis-ik installed.
"""

import logging
from typing import Any

import jieba
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend, Elasticsearch7SearchEngine
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from jieba.analyse import ChineseAnalyzer
from whoosh.fields import TEXT

jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG on its own handler


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def build_schema(self, fields: dict[str, Any]) -> tuple[str, Any]:
        content_field_name, schema = super().build_schema(fields)
        analyzer = ChineseAnalyzer()
        for _name, field in schema.items():
            if isinstance(field, TEXT):
                field.analyzer = analyzer
        return content_field_name, schema


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend


class IKElasticsearchSearchBackend(Elasticsearch7SearchBackend):
    DEFAULT_FIELD_MAPPING = {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}


class IKElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = IKElasticsearchSearchBackend
