"""`manage.py update_index` (and `rebuild_index`, which calls it): Haystack's, with a progress
bar in a terminal like every other long command of the mall; a backend with its own bulk
path (the Tantivy backend's `index_all`) indexes everything in one go."""

from typing import Any

from haystack import connections as haystack_connections
from haystack.exceptions import NotHandled
from haystack.management.commands import update_index
from haystack.utils.app_loading import haystack_get_models

from meiduo_mall.utils.progress import progress_bar


class Command(update_index.Command):
    help = f"{update_index.Command.help} Shows a progress bar in a terminal."

    def update_backend(self, label: str, using: str) -> Any:
        if self.workers or self.remove:  # Haystack's own loop: parallel workers, stale removal
            return super().update_backend(label, using)
        backend = haystack_connections[using].get_backend()
        unified_index = haystack_connections[using].get_unified_index()
        for model in haystack_get_models(label):
            try:
                index = unified_index.get_index(model)
            except NotHandled:
                continue
            queryset = index.build_queryset(using=using, start_date=self.start_date, end_date=self.end_date)
            total = queryset.count()
            batch_size = self.batchsize or backend.batch_size
            name = model._meta.verbose_name_plural
            index_all = getattr(backend, "index_all", None)
            with progress_bar(self, total=total, desc=f"Indexing {name}", unit="item") as bar:
                if index_all is not None:  # one writer, one commit (the embedded Tantivy)
                    total = index_all(index, queryset, batch_size=batch_size, progress=bar.update)
                else:
                    self.update_in_batches(backend, index, queryset, total, batch_size, bar.update)
            if self.verbosity >= 1:
                self.stdout.write(f"Indexed {total} {name}.")
        return None

    def update_in_batches(
        self, backend: Any, index: Any, queryset: Any, total: int, batch_size: int, progress: Any
    ) -> None:
        last_pk = None
        for start in range(0, total, batch_size):
            end = min(start + batch_size, total)
            last_pk = update_index.do_update(
                backend, index, queryset, start, end, total, verbosity=self.verbosity, commit=self.commit,
                max_retries=self.max_retries, last_max_pk=last_pk,
            )  # fmt: skip
            progress(end - start)
