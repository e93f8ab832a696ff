"""The package's own PEP 517 build backend: builds the jbilliard wheel with the standard library only.

pip builds a package in an isolated environment into which it first installs the backend's
requirements; with setuptools as the backend that needs an index, so ``pip install ./python`` failed
on a machine without network access. This backend requires nothing, so the plain command works
offline on Debian's python3 (the runtime dependencies, python3-redis and python3-cbor2, come from the
system). It reads the project's name, version, summary and dependencies from pyproject.toml, and puts
the protocol's Lua scripts into the wheel as files: in the repository ``jbilliard/lua`` is a symbolic
link to ``redis/src/main/resources/org/jbilliard/redis/lua``, the one copy the Java module ships too.
"""

import base64
import hashlib
import os
import re
import tarfile
import zipfile

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_PACKAGE = "jbilliard"


def _project():
    with open(os.path.join(_ROOT, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("[project]", 1)[1].split("\n[", 1)[0]

    def value(key):
        m = re.search(r'^%s\s*=\s*"([^"]*)"' % re.escape(key), section, re.M)
        return m.group(1) if m else None

    deps = re.search(r"^dependencies\s*=\s*\[([^\]]*)\]", section, re.M)
    return {"name": value("name"), "version": value("version"), "summary": value("description"),
            "requires_python": value("requires-python"),
            "dependencies": re.findall(r'"([^"]+)"', deps.group(1)) if deps else []}


def _files():
    """(path in the wheel, path on disk) of every file of the package, symbolic links followed."""
    base = os.path.join(_ROOT, _PACKAGE)
    out = []
    for name in sorted(os.listdir(base)):
        if name.endswith(".py"):
            out.append((_PACKAGE + "/" + name, os.path.join(base, name)))
    lua = os.path.join(base, "lua")
    if not os.path.isdir(lua):
        raise RuntimeError("%s is missing: build from a clone of the whole repository (jbilliard/lua links to the"
                           " Redis module's protocol scripts)" % lua)
    for name in sorted(os.listdir(lua)):
        if name.endswith(".lua"):
            out.append((_PACKAGE + "/lua/" + name, os.path.join(lua, name)))
    return out


def _metadata(p):
    lines = ["Metadata-Version: 2.1", "Name: " + p["name"], "Version: " + p["version"]]
    if p["summary"]:
        lines.append("Summary: " + p["summary"])
    if p["requires_python"]:
        lines.append("Requires-Python: " + p["requires_python"])
    lines += ["Requires-Dist: " + d for d in p["dependencies"]]
    lines.append("Description-Content-Type: text/markdown")
    with open(os.path.join(_ROOT, "README.md"), encoding="utf-8") as f:
        return "\n".join(lines) + "\n\n" + f.read()


def _dist_info(p):
    return "%s-%s.dist-info" % (p["name"], p["version"])


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    p = _project()
    info = os.path.join(metadata_directory, _dist_info(p))
    os.makedirs(info, exist_ok=True)
    with open(os.path.join(info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata(p))
    return _dist_info(p)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    p = _project()
    name = "%s-%s-py3-none-any.whl" % (p["name"], p["version"])
    info = _dist_info(p)
    records = []
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as whl:
        def add(path, data):
            whl.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), data)
            records.append(_record_line(path, data))
        for path, disk in _files():
            with open(disk, "rb") as f:
                add(path, f.read())
        add(info + "/METADATA", _metadata(p).encode("utf-8"))
        add(info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: jbilliard_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        records.append(info + "/RECORD,,")
        whl.writestr(zipfile.ZipInfo(info + "/RECORD", date_time=(1980, 1, 1, 0, 0, 0)),
                     "\n".join(records) + "\n")
    return name


def build_sdist(sdist_directory, config_settings=None):
    p = _project()
    stem = "%s-%s" % (p["name"], p["version"])
    with tarfile.open(os.path.join(sdist_directory, stem + ".tar.gz"), "w:gz") as tar:
        for rel in ("pyproject.toml", "README.md", "_build/jbilliard_build.py"):
            tar.add(os.path.join(_ROOT, rel), stem + "/" + rel)
        for path, disk in _files():
            tar.add(disk, stem + "/" + path)  # the Lua scripts as files: an sdist has no repository around it
    return stem + ".tar.gz"
