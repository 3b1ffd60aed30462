#!/usr/bin/env bash
# ConvScope set-up: installs the Debian 12 packages the project needs (only those missing), builds, and then
# runs the application or the test suite.
#
#   packaging/setup.sh run [IMAGE]   install, build, launch the GUI (a sample image opens when none is given)
#   packaging/setup.sh test          install, build, run the whole test suite (CTest, offscreen)
#   packaging/setup.sh deps          install the packages only
#   packaging/setup.sh build         install and build only
#   packaging/setup.sh package       install, build and make a .deb with CPack (in build/)
#   packaging/setup.sh sanitize      install, build with AddressSanitizer + UndefinedBehaviorSanitizer (clang, in
#                                    build-asan/) and run the engine, CLI, GUI and fuzz tests under them
#
# Environment: BUILD_DIR (default build; build-asan for sanitize), BUILD_TYPE (default Release), JOBS (default: all cores),
# CMAKE_ARGS (extra configure arguments, e.g. -DCMAKE_PREFIX_PATH=/opt/libtorch for another LibTorch).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
build_type=${BUILD_TYPE:-Release}
jobs=${JOBS:-$(nproc)}

# Everything comes from Debian 12's archive; the list is mirrored in DEVELOPERS.md.
packages=(
    # toolchain (clang and its sanitizer runtimes build the IDX reader's fuzz test)
    g++ cmake ninja-build pkg-config dpkg-dev clang libclang-rt-14-dev
    # Qt 6.4
    qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6opengl6-dev libxkbcommon-dev qt6-qpa-plugins
    # engine libraries
    libopencv-dev libfftw3-dev libtorch-dev zlib1g-dev
    # data the application opens: the textbook's photographs and Fashion-MNIST
    opencv-doc dataset-fashion-mnist
)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_deps() {
    local missing=()
    for p in "${packages[@]}"; do
        # dpkg-query is fast; apt is only touched when something is missing, so a second run takes a second.
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "All ${#packages[@]} packages already installed"
        return
    fi
    log "Installing ${#missing[@]} packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    log "Configuring ($build_type) in $build_dir"
    # shellcheck disable=SC2086
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" ${CMAKE_ARGS:-} >/dev/null
    log "Building with $jobs jobs"
    cmake --build "$build_dir" -j "$jobs"
}

run_tests() {
    log "Running the test suite"
    QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 600
}

# The sanitizer build (docs/reliability.md): its own tree, clang (libFuzzer needs it), no benchmarks or tools.
# It leaves out the tests marked HEAVY_TORCH (tests/CMakeLists.txt): they spend minutes inside LibTorch's own
# (uninstrumented) kernels, where the sanitizers see nothing of ours; the CLI and GUI tests still drive that code.
sanitize() {
    local dir=${BUILD_DIR:-$root/build-asan}
    log "Configuring the sanitizer build in $dir"
    # shellcheck disable=SC2086
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-14 \
        -DCONVSCOPE_SANITIZE=ON -DCONVSCOPE_BUILD_BENCHMARKS=OFF -DCONVSCOPE_BUILD_TOOLS=OFF ${CMAKE_ARGS:-} >/dev/null
    log "Building with $jobs jobs"
    cmake --build "$dir" -j "$jobs"
    log "Running the test suite under the sanitizers"
    QT_QPA_PLATFORM=offscreen ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 1800
}

run_app() {
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "setup.sh: no display found (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
        echo "          Run it in a desktop session, or under Xvfb: xvfb-run -a packaging/setup.sh run" >&2
        exit 1
    fi
    log "Starting ConvScope"
    exec "$build_dir/app/gui/convscope" "$@"
}

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
    deps) install_deps ;;
    build) install_deps; build ;;
    run) install_deps; build; run_app "$@" ;;
    test) install_deps; build; run_tests ;;
    package) install_deps; build; (cd "$build_dir" && cpack -G DEB) ;;
    sanitize) install_deps; sanitize ;;
    -h|--help|help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) echo "setup.sh: unknown command '$command' (use run, test, deps, build, package or sanitize)" >&2; exit 2 ;;
esac
