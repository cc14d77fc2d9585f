"""Product images on FastDFS (production): `FILE_STORAGE=fastdfs`.

Files go to the FastDFS cluster through the py3Fdfs client; the stored name is the FastDFS
file id (`group1/M00/00/02/xxx.jpg`), and URLs are the FastDFS nginx base (`FDFS_BASE_URL`)
plus that id.

Left to itself the client would hold a web worker far too long when the cluster is sick:
it retries every connection ten times, each for client.conf's `connect_timeout` (which
also bounds every read), then calls `sys.exit()`. Here every connection is tried
`CONNECT_ATTEMPTS` times and then fails, so with deploy/fdfs/client.conf's 2 s a dead
tracker or storage node is an error within seconds. A cluster that cannot serve (no
tracker, a hung one, no storage node with room, a dead storage node) raises
`FastDFSUnavailableError`, which the API turns into a 503 like any other outage.
"""

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible
from fdfs_client import exceptions as fdfs_errors
from fdfs_client.client import Fdfs_client, get_tracker_conf
from fdfs_client.connection import ConnectionPool
from fdfs_client.storage_client import Storage_client
from fdfs_client.tracker_client import Tracker_client
from fdfs_client.utils import split_remote_fileid

T = TypeVar("T")

UPLOAD_OK = "Upload successed."  # sic: the client's own status string
DELETE_OK = "Delete file successed."
# Connection attempts per tracker or storage node before the call fails.
CONNECT_ATTEMPTS = 2
# FastDFS's status codes (errno values) that mean the cluster cannot serve, not a bad request:
# no storage node has room or is up (ENOSPC), the node is busy or going away.
UNAVAILABLE_STATUSES = {28, 16, 11, 110, 111}  # ENOSPC, EBUSY, EAGAIN, ETIMEDOUT, ECONNREFUSED
ENOENT = 2
_STATUS = re.compile(r"Error: (\d+)")


class FastDFSError(OSError):
    """FastDFS refused an upload or a deletion."""


class FastDFSUnavailableError(FastDFSError):
    """No tracker or storage server of the FastDFS cluster answered or could take the file."""


class BoundedConnectionPool(ConnectionPool):
    """py3Fdfs's pool, but a connection that cannot be made is an error after
    CONNECT_ATTEMPTS tries instead of ten tries and `sys.exit()`."""

    def make_conn(self) -> Any:
        error: Exception | None = None
        for _ in range(CONNECT_ATTEMPTS):
            connection = self.conn_class(**self.conn_kwargs)
            try:
                connection.connect()
            except fdfs_errors.ConnectionError as failed:
                error = failed
                continue
            self._conns_created += 1
            return connection
        raise fdfs_errors.ConnectionError(f"{error} (after {CONNECT_ATTEMPTS} attempts)")


class BoundedClient(Fdfs_client):
    """The calls the storage makes (upload, download, delete), with bounded pools for the
    tracker and for the storage node the tracker names."""

    def __init__(self, conf_path: str) -> None:
        super().__init__(get_tracker_conf(conf_path), poolclass=BoundedConnectionPool)

    def _storage(self, store_serv: Any) -> Storage_client:
        store = Storage_client(store_serv.ip_addr, store_serv.port, self.timeout)
        store.pool = BoundedConnectionPool(
            name="Storage Pool", host_tuple=(store_serv.ip_addr,), port=store_serv.port, timeout=self.timeout
        )
        return store

    @staticmethod
    def _split(file_id: bytes) -> tuple[bytes, bytes]:
        parts = split_remote_fileid(file_id)
        if not parts:
            raise fdfs_errors.DataError(f"not a FastDFS file id: {file_id!r}")
        return parts

    def upload_by_buffer(self, filebuffer: bytes, file_ext_name: str | None = None, meta_dict: Any = None) -> Any:
        tracker = Tracker_client(self.tracker_pool)
        store_serv = tracker.tracker_query_storage_stor_without_group()
        return self._storage(store_serv).storage_upload_by_buffer(
            tracker, store_serv, filebuffer, file_ext_name, meta_dict
        )

    def delete_file(self, remote_file_id: bytes) -> Any:
        group, filename = self._split(remote_file_id)
        tracker = Tracker_client(self.tracker_pool)
        store_serv = tracker.tracker_query_storage_update(group, filename)
        return self._storage(store_serv).storage_delete_file(tracker, store_serv, filename)

    def download_to_buffer(self, remote_file_id: bytes, offset: int = 0, down_bytes: int = 0) -> Any:
        group, filename = self._split(remote_file_id)
        tracker = Tracker_client(self.tracker_pool)
        store_serv = tracker.tracker_query_storage_fetch(group, filename)
        return self._storage(store_serv).storage_download_to_buffer(
            tracker, store_serv, None, offset, down_bytes, filename
        )


def fastdfs_status(error: BaseException) -> int | None:
    """The FastDFS status (an errno) a client error carries, if any."""
    match = _STATUS.search(str(error))
    return int(match.group(1)) if match else None


@deconstructible
class FastDFSStorage(Storage):
    def __init__(
        self,
        client_conf: str | None = None,
        base_url: str | None = None,
        client_factory: Callable[[str], Any] = BoundedClient,
    ) -> None:
        self.client_conf = client_conf if client_conf is not None else settings.FDFS_CLIENT_CONF
        self.base_url = (base_url if base_url is not None else settings.FDFS_BASE_URL).rstrip("/")
        if not self.client_conf or not self.base_url:
            raise ImproperlyConfigured("FILE_STORAGE=fastdfs needs FDFS_CLIENT_CONF and FDFS_BASE_URL.")
        self._client_factory = client_factory
        self._client: Any = None

    def _call(self, action: str, function: Callable[[Any], T]) -> T:
        """Run one client call; a cluster that cannot serve is FastDFSUnavailableError."""
        try:
            if self._client is None:
                self._client = self._client_factory(self.client_conf)
            return function(self._client)
        except SystemExit as exit_:  # what the unbounded client does when no tracker answers
            self._client = None
            raise FastDFSUnavailableError(f"FastDFS {action}: no tracker answered ({self.client_conf}).") from exit_
        except (fdfs_errors.ConnectionError, ConnectionError, TimeoutError) as error:
            self._client = None
            raise FastDFSUnavailableError(f"FastDFS {action}: {error}") from error
        except fdfs_errors.FDFSError as error:
            if fastdfs_status(error) in UNAVAILABLE_STATUSES:
                raise FastDFSUnavailableError(f"FastDFS {action}: the cluster cannot serve ({error})") from error
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

    def _open(self, name: str, mode: str = "rb") -> File:
        result = self._call("download", lambda client: client.download_to_buffer(name.encode()))
        return ContentFile(result["Content"], name=name)

    def delete(self, name: str) -> None:
        if not name:
            return
        try:
            result = self._call("delete", lambda client: client.delete_file(name.encode()))
        except FastDFSError as error:
            if fastdfs_status(error.__cause__ or error) == ENOENT:
                return  # already gone, as Django's storages treat it
            raise
        if not result or result[0] != DELETE_OK:
            raise FastDFSError(f"FastDFS could not delete {name}: {result!r}")

    def exists(self, name: str) -> bool:
        # FastDFS names every upload itself; a name is never taken before the upload.
        return False

    def url(self, name: str | None) -> str:
        return f"{self.base_url}/{name}" if name else ""

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return name
