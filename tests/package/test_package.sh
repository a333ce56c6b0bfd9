#!/usr/bin/env bash
# CTest (label package): builds the .deb with CPack, checks it as Debian would (lintian, AppStream,
# desktop entry, MIME types, man pages), unpacks it into a throwaway root (dpkg -x) and runs the
# installed esmx and esm-explorer from there with LD_LIBRARY_PATH unset.
set -euo pipefail
build=${1:?build folder} data=${2:?tests/data}

fail() { echo "FAILED: $*"; exit 1; }
for tool in cpack dpkg-deb lintian appstreamcli desktop-file-validate update-mime-database xvfb-run; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (packaging/install-deps.sh installs it)"
done
work=$(mktemp -d /tmp/esmx-package.XXXXXX)
trap 'rm -rf "$work"' EXIT

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/deb" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/deb/esm-explorer_*_amd64.deb)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 | grep -v 'running with root privileges' || true
lintian --fail-on error "$deb" >/dev/null 2>&1 || fail "lintian reports errors"

root=$work/root
dpkg -x "$deb" "$root"
for f in usr/bin/esmx usr/bin/esm-explorer usr/share/doc/esm-explorer/copyright usr/share/doc/esm-explorer/changelog.gz \
         usr/share/man/man1/esmx.1.gz usr/share/man/man1/esm-explorer.1.gz; do
    [[ -f $root/$f ]] || fail "$f is not in the package"
done
zcat "$root/usr/share/man/man1/esmx.1.gz" | grep -q '^\.SS fold-summary' || fail "esmx.1 lacks the subcommands' help"
appstreamcli validate --no-net "$root"/usr/share/metainfo/io.github.esm_explorer.EsmExplorer.metainfo.xml
desktop-file-validate "$root/usr/share/applications/esm-explorer.desktop"

# The MIME types: a file manager maps each kind of file the application opens to it.
mkdir -p "$work/mime/packages"
cp "$root/usr/share/mime/packages/esm-explorer.xml" "$work/mime/packages/"
update-mime-database "$work/mime"
for pair in "*.esmx:application/x-esmx-session" "*.pdb:chemical/x-pdb" "*.cif:chemical/x-mmcif" "*.fasta:chemical/seq-aa-fasta"; do
    grep -qF ":${pair#*:}:${pair%%:*}" "$work/mime/globs2" || fail "no MIME glob ${pair%%:*} -> ${pair#*:}"
    grep -q "MimeType=.*${pair#*:};" "$root/usr/share/applications/esm-explorer.desktop" || fail "the desktop entry does not open ${pair#*:}"
done

# The installed programs, from the throwaway root alone.
version=$(env -u LD_LIBRARY_PATH "$root/usr/bin/esmx" --version)
[[ $version == "esmx "* ]] || fail "esmx --version printed '$version'"
env -u LD_LIBRARY_PATH "$root/usr/bin/esmx" fold --model "$data/esmfold_tiny" --sequence MKTAYIAKQRQISFVKSHFSRQLEERLGLI \
    --out-dir "$work/fold" 2>/dev/null
grep -q '^ATOM' "$work/fold/seq0.pdb" || fail "the installed esmx fold wrote no structure"
env -u LD_LIBRARY_PATH xvfb-run -a -s "-screen 0 1280x1024x24" "$root/usr/bin/esm-explorer" "$data/structures/1ubq.pdb" \
    --screenshot "$work/shot.png" --size 640x400
[[ $(head -c 8 "$work/shot.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "no PNG from esm-explorer --screenshot"
echo "package: $version; lintian, AppStream, desktop entry, MIME types, man pages, fold and screenshot from the package: ok"
