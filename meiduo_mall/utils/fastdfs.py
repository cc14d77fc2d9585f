"""Product images on FastDFS (production): `FILE_STORAGE=fastdfs`.

Files go to the FastDFS cluster through the py3Fdfs client (`upload_by_buffer`,
`delete_file`); the stored name is the FastDFS file id (`group1/M00/00/02/xxx.jpg`), and
URLs are the FastDFS nginx base (`FDFS_BASE_URL`) plus that id.

The client library calls `sys.exit()` when no tracker answers. In a web worker that would
kill the process, so every call is guarded: an unreachable cluster raises
`FastDFSUnavailableError`, which the API turns into a 503 like any other outage.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import File
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible

T = TypeVar("T")

UPLOAD_OK = "Upload successed."  # sic: the client's own status string
DELETE_OK = "Delete file successed."


class FastDFSError(OSError):
    """FastDFS refused an upload or a deletion."""


class FastDFSUnavailableError(FastDFSError):
    """No tracker or storage server of the FastDFS cluster answered."""


def default_client(conf_path: str) -> Any:
    from fdfs_client.client import Fdfs_client, get_tracker_conf

    return Fdfs_client(get_tracker_conf(conf_path))


@deconstructible
class FastDFSStorage(Storage):
    def __init__(
        self,
        client_conf: str | None = None,
        base_url: str | None = None,
        client_factory: Callable[[str], Any] = default_client,
    ) -> None:
        self.client_conf = client_conf if client_conf is not None else settings.FDFS_CLIENT_CONF
        self.base_url = (base_url if base_url is not None else settings.FDFS_BASE_URL).rstrip("/")
        if not self.client_conf or not self.base_url:
            raise ImproperlyConfigured("FILE_STORAGE=fastdfs needs FDFS_CLIENT_CONF and FDFS_BASE_URL.")
        self._client_factory = client_factory
        self._client: Any = None

    def _call(self, action: str, function: Callable[[Any], T]) -> T:
        """Run one client call; a tracker that never answers is an error, not an exit."""
        try:
            if self._client is None:
                self._client = self._client_factory(self.client_conf)
            return function(self._client)
        except SystemExit as exit_:
            self._client = None
            raise FastDFSUnavailableError(f"FastDFS {action}: no tracker answered ({self.client_conf}).") from exit_
        except (ConnectionError, TimeoutError) as error:
            self._client = None
            raise FastDFSUnavailableError(f"FastDFS {action}: {error}") from error
        except Exception as error:
            if isinstance(error, FastDFSError):
                raise
            # The client raises its own exception classes (DataError, ResponseError, ...).
            raise FastDFSError(f"FastDFS {action} failed: {error}") from error

    def _save(self, name: str, content: File) -> str:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else None
        content.seek(0)
        data = content.read()
        result = self._call("upload", lambda client: client.upload_by_buffer(data, file_ext_name=extension))
        if not result or result.get("Status") != UPLOAD_OK:
            raise FastDFSError(f"FastDFS upload failed: {result!r}")
        file_id = result["Remote file_id"]
        return file_id.decode() if isinstance(file_id, bytes) else str(file_id)

    def delete(self, name: str) -> None:
        if not name:
            return
        result = self._call("delete", lambda client: client.delete_file(name.encode()))
        if not result or result[0] != DELETE_OK:
            raise FastDFSError(f"FastDFS could not delete {name}: {result!r}")

    def exists(self, name: str) -> bool:
        # FastDFS names every upload itself; a name is never taken before the upload.
        return False

    def url(self, name: str | None) -> str:
        return f"{self.base_url}/{name}" if name else ""

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name
