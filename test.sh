#!/usr/bin/env bash
# The same set-up as run.sh, then every test suite: web unit tests (Vitest), .NET unit tests,
# integration tests that boot the whole suite on the real servers, and browser end-to-end tests.
# Ends with one line "N passed, N failed, N skipped" and exits non-zero on any failure.
#   ./test.sh                 everything
#   ./test.sh Irc AppHost     only the .NET suites whose project names contain these words (and no web tests)
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"

filters=("$@")
RESULTS="$REPO_ROOT/artifacts/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
passed=0 failed=0 skipped=0

# Every process a suite starts (the AppHost, the orchestrator, PostgreSQL, Redis, RabbitMQ, the services,
# Chromium) inherits this marker, so whatever a crashed or hung suite leaves behind can be found and stopped.
export CHATCLOUD_TEST_RUN="test-$$-$(date +%s)"
cleanup() {
  local pids
  for signal in TERM KILL; do
    pids=$(grep -lz "^CHATCLOUD_TEST_RUN=$CHATCLOUD_TEST_RUN\$" /proc/[0-9]*/environ 2>/dev/null \
      | cut -d/ -f3 | grep -vx "$$" || true)
    [[ -z $pids ]] && return 0
    kill -"$signal" $pids 2>/dev/null || true
    sleep 3
  done
}
trap cleanup EXIT

count() { # name passed failed skipped
  printf '  %-34s %4d passed, %d failed, %d skipped\n' "$1" "$2" "$3" "$4"
  passed=$((passed + $2)) failed=$((failed + $3)) skipped=$((skipped + $4))
}

run_web_tests() {
  local report="$RESULTS/web.json" log="$RESULTS/web.log"
  (cd "$REPO_ROOT/web" && timeout 600 npx vitest run --reporter=default --reporter=json --outputFile="$report") >"$log" 2>&1 || true
  if [[ -s $report ]]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests)' "$report")
  else
    p=0 f=1 s=0
  fi
  ((f == 0)) || tail -40 "$log"
  count "web (Vitest)" "$p" "$f" "$s"
}

run_dotnet_suite() { # project name
  local name=$1 report="$RESULTS/$1.ctrf.json" log="$RESULTS/$1.log"
  local dll="$REPO_ROOT/artifacts/bin/$name/debug/$name.dll"
  # A hung suite is stopped after 20 minutes (and its processes by the marker), counted as failed.
  timeout -k 30 1200 dotnet "$dll" -noColor -result-ctrf "$report" >"$log" 2>&1 || true
  cleanup
  local p=0 f=1 s=0
  if [[ -s $report ]]; then
    read -r p f s < <(node -e '
      const summary = require(process.argv[1]).results.summary;
      // A fixture that cannot start fails every test it serves; "other" counts what ended in neither state.
      console.log(summary.passed, summary.failed + (summary.other || 0), summary.skipped + (summary.pending || 0))' "$report")
  fi
  if ((f > 0)); then
    echo "---- $name: failures (full log: $log) ----"
    # Each failed test with the start of its message: the CI log is often all a failure leaves to read.
    if [[ -s $report ]]; then
      node -e '
        for (const test of require(process.argv[1]).results.tests.filter(t => t.status !== "passed" && t.status !== "skipped")) {
          console.log(`  ${test.status.toUpperCase()} ${test.name}`);
          for (const line of (test.message || "").split("\n").slice(0, 12)) console.log(`      ${line.slice(0, 400)}`);
        }' "$report" | head -150
    else
      tail -60 "$log"
    fi
  fi
  count "$name" "$p" "$f" "$s"
}

install_packages chromium tmux irssi weechat-headless
require_toolchains
# A build that fails is a failed run, and still ends with the closing line.
if ! (build_web && build_dotnet); then
  echo
  echo "0 passed, 1 failed"
  exit 1
fi

say "Running the tests"
if ((${#filters[@]} == 0)); then
  run_web_tests
fi
# Fast suites first; the ones that boot the whole suite last.
for project in $(ls -d "$REPO_ROOT"/tests/*.Tests | xargs -n1 basename | sort -t. -k2 \
    | awk '/Integration|EndToEnd/ {late = late $0 "\n"; next} {print} END {printf "%s", late}'); do
  if ((${#filters[@]} > 0)); then
    match=false
    for filter in "${filters[@]}"; do [[ $project == *"$filter"* ]] && match=true; done
    $match || continue
  fi
  run_dotnet_suite "$project"
done

echo
if ((skipped > 0)); then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
((failed == 0 && passed > 0))
