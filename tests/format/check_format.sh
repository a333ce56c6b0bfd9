#!/usr/bin/env bash
# Fails, naming the files, when a C++ source of the project differs from what .clang-format makes
# of it. Fix with: clang-format-14 -i $(git ls-files '*.cpp' '*.h')
set -euo pipefail
source_dir=$1
formatter=$(command -v clang-format-14 || command -v clang-format || true)
if [[ -z "$formatter" ]]; then
    echo "check_format: clang-format-14 is not installed (packaging/install-deps.sh installs it)" >&2
    exit 1
fi
cd "$source_dir"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
    mapfile -t files < <(find core ui app tools tests -name '*.cpp' -o -name '*.h')
fi
unformatted=()
for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue
    "$formatter" --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if [[ ${#unformatted[@]} -gt 0 ]]; then
    echo "check_format: ${#unformatted[@]} of ${#files[@]} files differ from .clang-format:" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    exit 1
fi
echo "check_format: ${#files[@]} files formatted"
