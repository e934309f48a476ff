#!/usr/bin/env bash
# `just book`: builds the course's book with mdBook and opens its first page; with
# `--serve`, serves it with live reload instead. Without mdBook, says how to install it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The version CI builds the book with (.ci/run installs the same).
version="$(cat book/mdbook-version)"
if ! command -v mdbook >/dev/null 2>&1; then
  # Not a failure: the book is Markdown, readable as it is.
  echo "mdBook is not installed, so the book cannot be built into web pages; read it as"
  echo "Markdown instead, from book/src/start-here.md (on GitHub, or in your editor)."
  echo "To build it: a prebuilt mdbook $version from https://github.com/rust-lang/mdBook/releases"
  echo "(the fastest way), or cargo install mdbook --locked --version $version (3 to 6 minutes)."
  exit 0
fi
case "${1:-}" in
  "")
    mdbook build book
    page="$PWD/target/book/start-here.html"
    if command -v xdg-open >/dev/null 2>&1 && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      xdg-open "$page" >/dev/null 2>&1 &
    elif command -v open >/dev/null 2>&1 && [ "$(uname)" = Darwin ]; then
      open "$page"
    fi
    echo "the book: file://$page"
    ;;
  --serve)
    exec mdbook serve book --open
    ;;
  *)
    echo "error: unknown argument '$1'; just book [--serve]" >&2
    exit 2
    ;;
esac
