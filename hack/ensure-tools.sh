#!/usr/bin/env bash
# The tools `make demo` and `make test` drive besides the .NET SDK: kubectl (the independent client the tests and
# the demo use), openssl (an independent certificate checker) and the official Kubernetes Python client (Debian's
# python3-kubernetes, the second independent client of the sandbox's conformance suite). A missing kubectl is downloaded into
# out/tools/bin (the Makefile puts that first on PATH), checked against the release's published SHA-256; openssl
# comes from the OS package manager, and so does the C toolchain Native AOT links with. Prints what it did; exits non-zero with instructions when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
KUBECTL_VERSION=${KUBECTL_VERSION:-v1.32.4}
BIN=out/tools/bin

have() { command -v "$1" > /dev/null 2>&1; }

install_kubectl() {
  local arch
  case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "ensure-tools: no kubectl download for $(uname -m); install kubectl $KUBECTL_VERSION yourself" >&2; return 1 ;;
  esac
  local url="${KUBECTL_BASE_URL:-https://dl.k8s.io/release}/$KUBECTL_VERSION/bin/linux/$arch/kubectl"
  echo "ensure-tools: kubectl not found; downloading $url"
  mkdir -p "$BIN"
  if ! curl -fsSL -o "$BIN/kubectl.download" "$url" || ! curl -fsSL -o "$BIN/kubectl.sha256" "$url.sha256"; then
    rm -f "$BIN/kubectl.download" "$BIN/kubectl.sha256"
    echo "ensure-tools: cannot download kubectl (no network?). Install kubectl $KUBECTL_VERSION on PATH: https://kubernetes.io/docs/tasks/tools/" >&2
    return 1
  fi
  if [ "$(sha256sum "$BIN/kubectl.download" | cut -d' ' -f1)" != "$(tr -d '[:space:]' < "$BIN/kubectl.sha256")" ]; then
    rm -f "$BIN/kubectl.download" "$BIN/kubectl.sha256"
    echo "ensure-tools: the downloaded kubectl does not match its published SHA-256; not installing it" >&2
    return 1
  fi
  chmod +x "$BIN/kubectl.download" && mv "$BIN/kubectl.download" "$BIN/kubectl" && rm -f "$BIN/kubectl.sha256"
  echo "ensure-tools: installed $("$BIN/kubectl" version --client | head -1) in $BIN"
}

install_openssl() {
  if have apt-get && [ "$(id -u)" = 0 ]; then
    echo "ensure-tools: openssl not found; installing it with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl > /dev/null
  else
    echo "ensure-tools: openssl not found; install it with your package manager (e.g. apt-get install openssl)" >&2
    return 1
  fi
}

# The Python client is optional: without it the suite skips its checks and says why (CI installs it).
have_python_client() {
  { have python3 && python3 -c "import kubernetes" > /dev/null 2>&1; } || { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import kubernetes" > /dev/null 2>&1; }
}

install_python_client() {
  if have apt-get && [ "$(id -u)" = 0 ]; then
    echo "ensure-tools: the Kubernetes Python client not found; installing python3-kubernetes with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-kubernetes > /dev/null && return 0
  fi
  echo "ensure-tools: python3-kubernetes not installed (apt-get install python3-kubernetes); its conformance checks will be skipped" >&2
}

# Native AOT (make publish-check, the image) compiles to native code and links with the system C toolchain.
install_c_toolchain() {
  if have apt-get && [ "$(id -u)" = 0 ]; then
    echo "ensure-tools: no C compiler found; installing clang and zlib1g-dev with apt-get (Native AOT links with them)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev > /dev/null && return 0
  fi
  echo "ensure-tools: Native AOT needs clang (or gcc) and zlib1g-dev: install them with your package manager" >&2
  return 1
}

status=0
{ have clang || have gcc; } || install_c_toolchain || status=1
have kubectl || install_kubectl || status=1
have openssl || install_openssl || status=1
have_python_client || install_python_client
have curl || echo "ensure-tools: curl not found: make demo will skip its metrics scrape" >&2
exit $status
