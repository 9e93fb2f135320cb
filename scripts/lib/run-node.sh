# shellcheck shell=bash disable=SC2154
# Sourced by every script in scripts/: checks for node and keeps the TypeScript build in dist/
# current. Expects $base_dir to be the repository root (scripts find it with `readlink -f`, so they
# also work through symlinks such as kafka/bin/kafka-topics.sh).
#
# The build runs when dist/ is missing or any source is newer than the last build. If the compiler
# reports type errors but still wrote JavaScript, the script warns and goes on with it.
# KAFKA_TS_SKIP_BUILD=1 turns the check off.
if ! command -v node >/dev/null 2>&1; then
  echo "ERROR node (version 20 or later) is required but was not found on PATH; see scripts/setup.sh" >&2
  exit 1
fi
if [ ! -d "$base_dir/node_modules" ]; then
  echo "ERROR dependencies are not installed; run scripts/setup.sh first" >&2
  exit 1
fi
if [ "${KAFKA_TS_SKIP_BUILD:-0}" != 1 ]; then
  stamp="$base_dir/dist/.build-stamp"
  if [ ! -f "$stamp" ] || [ -n "$(find "$base_dir/src" -name '*.ts' -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    build_log="$(mktemp)"
    if ! (cd "$base_dir" && npm run --silent build) >"$build_log" 2>&1; then
      if [ -d "$base_dir/dist/cli" ]; then
        echo "WARN 'npm run build' reported errors; running the JavaScript it produced anyway:" >&2
        head -n 20 "$build_log" >&2
      else
        echo "ERROR 'npm run build' failed:" >&2
        cat "$build_log" >&2
        rm -f "$build_log"
        exit 1
      fi
    fi
    rm -f "$build_log"
  fi
fi
