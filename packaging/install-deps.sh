#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing and running ESM Explorer needs.
# Idempotent: prints nothing and touches nothing when everything is already installed.
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config ccache git
    qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libqt6opengl6-dev libqt6openglwidgets6 qt6-svg-dev
    libvtk9-dev libtorch-dev libopenblas0-openmp libeigen3-dev nlohmann-json3-dev zlib1g-dev libhdf5-dev
    xvfb xauth libgl1-mesa-dri libegl1 libegl-mesa0 fonts-dejavu-core
    slurm-wlm munge python3
    help2man lintian appstream desktop-file-utils shared-mime-info clang-format-14 clang-14 libfuzzer-14-dev
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
    run_as_root=()
elif command -v sudo >/dev/null 2>&1; then
    run_as_root=(sudo)
else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
