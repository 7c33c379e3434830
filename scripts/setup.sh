#!/usr/bin/env bash
# Shared by run.sh and test.sh: install what is missing, then build. Sourced, not run.
# Everything the project needs is installed here, from Debian's packages, npm and NuGet.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=true

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "installing packages needs root: run as root or install sudo"
  fi
}

# The state folder, as the AppHost resolves it (ChatCloudHostSettings.ResolveStateDirectory).
state_directory() {
  if [[ -n ${ChatCloud__StateDirectory:-} ]]; then echo "$ChatCloud__StateDirectory"
  elif [[ $(id -u) -eq 0 ]]; then echo /var/lib/chatcloud
  else echo "${XDG_STATE_HOME:-$HOME/.local/state}/chatcloud"
  fi
}

# Debian packages: the servers the AppHost runs when no Docker engine answers, plus what the scripts use.
install_packages() {
  local wanted=(postgresql redis-server rabbitmq-server util-linux procps curl ca-certificates "$@")
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    command -v apt-get >/dev/null || die "this script installs Debian packages and needs apt-get (missing: ${missing[*]})"
    say "Installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

require_toolchains() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH): see https://learn.microsoft.com/dotnet/core/install/linux-debian"
  dotnet --list-sdks | grep -q '^10\.' || die "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
  if ! command -v node >/dev/null; then
    install_packages nodejs npm
  fi
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  ((node_major >= 20)) || die "Node.js 20 or newer is required for the web build; found $(node --version)"
}

build_web() {
  say "Building the web app"
  (
    cd "$REPO_ROOT/web"
    # npm ci only when the lock file changed since the last install.
    if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
      npm ci --no-audit --no-fund --loglevel=error
    fi
    npm run --silent build >/dev/null
  )
}

# build_dotnet [Debug|Release]: the tests run the Debug build, ./run.sh the Release one.
build_dotnet() {
  local configuration=${1:-Debug}
  say "Building the .NET solution ($configuration)"
  # Quiet unless something is wrong; the summary lines MSBuild prints even when quiet are dropped.
  dotnet build "$REPO_ROOT/ChatCloud.slnx" -c "$configuration" -nologo -v quiet -tl:off -clp:"ErrorsOnly;NoSummary" \
    | { grep -vE '^(Build succeeded\.|\s+[0-9]+ (Warning|Error)\(s\)|Time Elapsed .*|\s*)$' || true; }
}
