# Sourced by the scripts: makes sure the TypeScript build in dist/ is present and current.
# Expects $base_dir to be the repository root.
ensure_build() {
  if [ ! -d "$base_dir/node_modules" ]; then
    echo "Dependencies are not installed; run scripts/setup.sh first." >&2
    exit 1
  fi
  if [ ! -f "$base_dir/dist/.build-stamp" ] ||
    [ -n "$(find "$base_dir/src" -newer "$base_dir/dist/.build-stamp" -name '*.ts' -print -quit 2>/dev/null)" ]; then
    (cd "$base_dir" && npm run --silent build >/dev/null) || {
      echo "Build failed: run 'npm run build' in $base_dir to see why." >&2
      exit 1
    }
  fi
}
ensure_build
