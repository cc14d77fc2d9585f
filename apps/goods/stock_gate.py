"""The stock gate: in front of the database, Redis counts the units of each SKU still free to
order, so that when many buyers rush one SKU the losers are refused at once instead of each
waiting in line for the SKU's row lock only to find it empty.

* An order reserves all its lines in one script: either every line has the units and all
  are taken, or nothing is taken and the first short SKU is named.
* The database stays the truth. The order's transaction still takes each SKU's units with a
  conditional UPDATE (stock >= count); if it fails for any reason, the reservation is given
  back. So the gate can only be wrong towards letting too many through, which the database
  refuses, or, if a process dies between reserving and committing, towards refusing units
  that are free: each SKU's count is therefore read again from the database when it expires
  (STOCK_GATE_SECONDS), when an operator saves the SKU, and when it was never read.
* A cancelled or expired order's units come back to the gate after its commit.
"""

import logging
from collections.abc import Mapping

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django_redis import get_redis_connection

from apps.goods.models import SKU
from meiduo_mall.utils.outages import REDIS_ERRORS
from meiduo_mall.utils.redis_scripts import run_script

logger = logging.getLogger(__name__)

# KEYS: each SKU's gate; ARGV: the counts wanted, in the same order. Returns {"ok"}, or
# {"missing", i} (a gate not read from the database yet) or {"short", i} (1-based index).
_RESERVE = """
for i, key in ipairs(KEYS) do
  local free = redis.call('GET', key)
  if not free then return {'missing', i} end
  if tonumber(free) < tonumber(ARGV[i]) then return {'short', i} end
end
for i, key in ipairs(KEYS) do redis.call('DECRBY', key, ARGV[i]) end
return {'ok', 0}
"""
# Gives units back to the gates that exist (one that expired is read afresh when needed).
_RELEASE = """
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('INCRBY', key, ARGV[i]) end
end
return 0
"""


class StockShortError(Exception):
    def __init__(self, sku_id: int) -> None:
        super().__init__(sku_id)
        self.sku_id = sku_id


def gate_key(sku_id: int) -> str:
    return f"stock_gate:{sku_id}"


def _load(sku_ids: list[int]) -> None:
    """Each SKU's gate from the database's stock, unless another request set it meanwhile."""
    stocks = dict(SKU.objects.using(DEFAULT_DB_ALIAS).filter(pk__in=sku_ids).values_list("id", "stock"))
    pipeline = get_redis_connection("default").pipeline()
    for sku_id in sku_ids:
        pipeline.set(gate_key(sku_id), stocks.get(sku_id, 0), ex=settings.STOCK_GATE_SECONDS, nx=True)
    pipeline.execute()


def reserve(counts: Mapping[int, int]) -> None:
    """Take `counts` (SKU id → units) from the gates, all or none; StockShortError names the
    first SKU without enough units."""
    sku_ids = sorted(counts)
    keys, wanted = [gate_key(sku_id) for sku_id in sku_ids], [counts[sku_id] for sku_id in sku_ids]
    for _ in range(3):
        outcome, index = run_script(_RESERVE, keys, wanted)
        outcome = outcome.decode()
        if outcome == "ok":
            return
        if outcome == "short":
            raise StockShortError(sku_ids[int(index) - 1])
        _load(sku_ids)
    raise StockShortError(sku_ids[0])  # pragma: no cover - a gate set and expired three times in a row


def release(counts: Mapping[int, int]) -> None:
    """Give reserved units back (an order that was not placed)."""
    sku_ids = sorted(counts)
    if sku_ids:
        run_script(_RELEASE, [gate_key(sku_id) for sku_id in sku_ids], [counts[sku_id] for sku_id in sku_ids])


def release_after_commit(counts: Mapping[int, int]) -> None:
    """Units back in stock (a cancelled order): back in the gates once that is committed."""
    counts = dict(counts)
    transaction.on_commit(lambda: release(counts))


def forget_after_commit(sku_ids: list[int]) -> None:
    """The stock was set by hand (an operator): the gates are read again from the database."""
    keys = [gate_key(sku_id) for sku_id in sku_ids]

    def forget() -> None:
        try:
            get_redis_connection("default").delete(*keys)
        except REDIS_ERRORS as error:  # the save stands; the gates are read again when they expire
            logger.warning(
                "The stock gates of SKUs %s were not reset (read again within %s s): %r",
                sku_ids, settings.STOCK_GATE_SECONDS, error,
            )  # fmt: skip

    if keys:
        transaction.on_commit(forget)
