#!/usr/bin/env bash
# Fails, naming the document and the path, when README.md, docs/*.md or a CMakeLists.txt names a
# project path (core/…, ui/…, app/…, tests/…, packaging/…, resources/…, tools/…, docs/…) that does
# not exist. "name.*" and "name.cpp" style references count when any file matches.
# usage: check_doc_paths.sh SOURCE_DIR
set -euo pipefail
cd "$1"
documents=(README.md docs/*.md)
mapfile -t -O "${#documents[@]}" documents < <(git ls-files '*CMakeLists.txt' 2>/dev/null || find . -name CMakeLists.txt)
missing=0
for document in "${documents[@]}"; do
    [[ -f "$document" ]] || continue
    while IFS= read -r path; do
        path=${path%.}
        compgen -G "$path" >/dev/null || compgen -G "$path*" >/dev/null || {
            echo "$document: $path does not exist" >&2
            missing=1
        }
    done < <(grep -ohE '(^|[^A-Za-z0-9_/.-])(core|ui|app|tests|packaging|resources|tools|docs)/[A-Za-z0-9_./*-]*[A-Za-z0-9_*]' "$document" |
             sed -E 's/^[^a-z]//' | sort -u)
done
if [[ $missing == 0 ]]; then
    echo "check_doc_paths: every path named in ${#documents[@]} documents exists"
fi
exit $missing
