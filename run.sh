#!/usr/bin/env bash
# Installs what is missing, builds, and starts the whole ChatCloud suite. Ctrl-C stops all of it.
#   ./run.sh           start (data kept in the state folder across runs)
#   ./run.sh --reset   wipe the state folder first (accounts, messages, queues, generated passwords)
#   ./run.sh --no-build  start what is already built
# It runs the Release build; CHATCLOUD_CONFIGURATION=Debug runs the Debug one (what ./test.sh builds).
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"
CONFIGURATION=${CHATCLOUD_CONFIGURATION:-Release}
[[ $CONFIGURATION == Release || $CONFIGURATION == Debug ]] || die "CHATCLOUD_CONFIGURATION must be Release or Debug, not '$CONFIGURATION'"

reset=false build=true
for argument in "$@"; do
  case $argument in
    --reset) reset=true ;;
    --no-build) build=false ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $argument (see ./run.sh --help)" ;;
  esac
done

STATE="$(state_directory)"
mkdir -p "$STATE"
# One suite per state folder: a second run would start a second PostgreSQL on the same data.
exec 9>"$STATE/run.lock"
if ! flock -n 9; then
  die "ChatCloud is already running from $STATE (pid $(cat "$STATE/run.pid" 2>/dev/null || echo '?')). Stop it with Ctrl-C in its terminal first."
fi
echo $$ >"$STATE/run.pid"

if $reset; then
  say "Wiping $STATE"
  find "$STATE" -mindepth 1 -maxdepth 1 ! -name run.lock ! -name run.pid -exec rm -rf {} +
fi

install_packages
if $build; then
  require_toolchains
  build_web
  build_dotnet "$CONFIGURATION"
fi
APPHOST="$REPO_ROOT/artifacts/bin/ChatCloud.AppHost/${CONFIGURATION,,}/ChatCloud.AppHost.dll"
[[ -f $APPHOST ]] || die "nothing is built yet ($CONFIGURATION): run ./run.sh without --no-build"

: "${ChatCloud__Ports__Gateway:=8080}" "${ChatCloud__Ports__Irc:=6667}" "${ChatCloud__Ports__IrcTls:=6697}"
export ChatCloud__StateDirectory="$STATE"
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Development}
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:18888}
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:18889}
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:18890}
mkdir -p "$STATE/logs"
LOG="$STATE/logs/apphost.log"
# The AppHost generates the first administrator's password into secrets.json on its first run.
admin_password() { grep -o '"admin-password": *"[^"]*"' "$STATE/secrets.json" 2>/dev/null | sed 's/.*: *"//; s/"$//'; }
first_run=false
[[ -z $(admin_password) ]] && first_run=true

say "Starting ChatCloud (state in $STATE, log in $LOG)"
# Its own session, so stopping it reaches every process it started; a background job would ignore SIGINT.
setsid dotnet "$APPHOST" > >(tee "$LOG") 2>&1 &
apphost=$!

# Every process of this suite (orchestrator, servers, services) inherits ChatCloud__StateDirectory.
# The grep that reads the environments carries it too and finds itself, so only pids still alive
# once it has exited count (and never this shell or the subshell running this).
suite_pids() {
  local candidates pid
  candidates=$(grep -lz "^ChatCloud__StateDirectory=$STATE\$" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3) || true
  for pid in $candidates; do
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    [[ -e /proc/$pid ]] && echo "$pid"
  done
  return 0
}

stop() {
  trap - INT TERM
  say "Stopping ChatCloud"
  kill -TERM -- "-$apphost" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$apphost" 2>/dev/null || break; sleep 0.5; done
  # The orchestrator outlives the AppHost for a few seconds while it stops the servers and services;
  # wait for that, then stop whatever is left so nothing holds the data or the ports.
  for _ in $(seq 1 60); do [[ -z $(suite_pids) ]] && break; sleep 0.5; done
  for signal in TERM KILL; do
    pids=$(suite_pids)
    [[ -z $pids ]] && break
    kill -"$signal" $pids 2>/dev/null || true
    sleep 3
  done
  rm -f "$STATE/run.pid"
  say "Stopped"
  exit 0
}
trap stop INT TERM

gateway="http://127.0.0.1:${ChatCloud__Ports__Gateway}"
for _ in $(seq 1 240); do
  kill -0 "$apphost" 2>/dev/null || die "the AppHost exited; see $LOG"
  curl -fsS "$gateway/api/status" 2>/dev/null | grep -q '"status":"Healthy"' && break
  sleep 1
done
login=$(grep -o 'http://[^ ]*/login?t=[0-9a-f]*' "$LOG" | tail -1 || true)
if $first_run; then
  administrator="admin / $(admin_password)   (shown this once; kept in $STATE/secrets.json)"
else
  administrator="admin (password in $STATE/secrets.json)"
fi
cat <<BANNER

  ChatCloud is running.
    Web app        $gateway
    IRC            127.0.0.1:${ChatCloud__Ports__Irc} (plain), 127.0.0.1:${ChatCloud__Ports__IrcTls} (TLS)
    Dashboard      ${login:-http://127.0.0.1:18888}
    Administrator  $administrator
    State          $STATE
  Ctrl-C stops everything.

BANNER
wait "$apphost" || true
stop
