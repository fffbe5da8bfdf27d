"""The dashboard's settings and the project's folders: the bottom layer, which imports nothing else of ours."""

from config.paths import DATA_DIR, PROJECT_ROOT, file_sha256, modified_time, without_server_paths
from config.settings import Settings, SettingsError, current, load

__all__ = [
    "DATA_DIR",
    "PROJECT_ROOT",
    "Settings",
    "SettingsError",
    "current",
    "file_sha256",
    "load",
    "modified_time",
    "without_server_paths",
]
