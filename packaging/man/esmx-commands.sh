#!/usr/bin/env bash
# Writes the help2man include file of esmx's man page: a COMMANDS section holding the --help text of
# every subcommand, so that the man page says what `esmx COMMAND --help` says.
set -euo pipefail
esmx=${1:?esmx binary} out=${2:?output file}
{
    echo "[COMMANDS]"
    "$esmx" --help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | while read -r command; do
        echo ".SS $command"
        echo ".nf"
        # roff: a backslash is written \e, and a line starting with . or ' must not be a request.
        "$esmx" "$command" --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
        echo ".fi"
    done
} > "$out"
