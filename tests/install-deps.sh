#!/bin/sh
# Installs what prehab needs to build and test, and only what is missing.
# `make deps` runs this; it prints every package-manager command it runs.
#   usage: tests/install-deps.sh [build|all]
set -eu

what=${1:-all}

build_pkgs="make gcc pkg-config libcsv-dev libiniparser-dev"
test_pkgs="mandoc man-db gnuplot-nox sqlite3 python3 python3-icalendar
bash-completion zsh fish clang libclang-rt-dev valgrind mawk libfiu-dev
fiu-utils tmux"

pkgs=$build_pkgs
[ "$what" = build ] || pkgs="$pkgs $test_pkgs"

if ! command -v apt-get >/dev/null 2>&1; then
	echo "prehab: no apt-get here; install the equivalents of:"
	echo "  $pkgs" | tr '\n' ' '; echo
	echo "  dnf:    sudo dnf install gcc make pkgconf-pkg-config libcsv-devel iniparser-devel mandoc gnuplot sqlite python3-icalendar bash-completion zsh fish clang valgrind mawk libfiu-devel tmux"
	echo "  pacman: sudo pacman -S gcc make pkgconf libcsv iniparser mandoc gnuplot sqlite python-icalendar bash-completion zsh fish clang valgrind mawk libfiu tmux"
	echo "  brew:   brew install pkg-config libcsv iniparser mandoc gnuplot sqlite zsh fish llvm mawk tmux"
	exit 0
fi

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	echo "prehab: all dependencies are installed"
	exit 0
fi

sudo=
if [ "$(id -u)" -ne 0 ]; then
	sudo=sudo
fi
echo "+ $sudo apt-get update"
$sudo apt-get update -qq
echo "+ $sudo apt-get install -y --no-install-recommends$missing"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends $missing
