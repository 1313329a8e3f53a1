#!/usr/bin/env bash
# cmake --install into a temporary prefix, then use what was installed as
# its users would: the binary finding its installed rules from any
# directory, the systemd unit naming them, a C++ program built with
# find_package(modfilter) and one with pkg-config, and the Python module.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null

for f in bin/modfilter share/modfilter/rules/threat.yaml share/man/man1/modfilter.1 \
         lib/systemd/system/modfilter.service lib/cmake/modfilter/modfilterConfig.cmake \
         lib/cmake/modfilter/modfilterTargets.cmake lib/pkgconfig/modfilter.pc \
         include/modfilter/engine/engine.h lib/libmodfilter_engine.a; do
  [[ -e $prefix/$f ]] || fail "cmake --install did not install $f"
done
grep -q "^ExecStart=$prefix/bin/modfilter serve --rules=$prefix/share/modfilter/rules " \
  "$prefix/lib/systemd/system/modfilter.service" ||
  fail "the unit's ExecStart does not name the installed binary and rules"

# The installed binary reads the installed rules, wherever it runs from: a
# rule added there only is one it applies.
cat > "$prefix/share/modfilter/rules/zz_install_test.yaml" <<'YAML'
rules:
  - id: profanity.install-test
    category: profanity
    reason: Installed rules are the ones read
    action: reject
    words: [xyzzyplugh]
YAML
verdict=$(cd "$work" && env -u MODFILTER_RULES "$prefix/bin/modfilter" check --json xyzzyplugh || true)
[[ $verdict == *'"profanity.install-test"'* ]] ||
  fail "the installed binary did not use $prefix/share/modfilter/rules: $verdict"
rm "$prefix/share/modfilter/rules/zz_install_test.yaml"

cmake -S "$source_dir/tests/install/consumer" -B "$work/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null ||
  fail "find_package(modfilter) failed against $prefix"
cmake --build "$work/consumer" >/dev/null || fail "the find_package consumer did not build"
out=$("$work/consumer/consumer" "I will kill you")
[[ $out == *'"verdict":"reject"'*'"rule":"threat.kill-you"'* ]] ||
  fail "the find_package consumer printed: $out"

flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs modfilter)
# shellcheck disable=SC2086
c++ -O1 -o "$work/pc_consumer" "$source_dir/tests/install/consumer/main.cpp" $flags ||
  fail "the pkg-config consumer did not build with: $flags"
out=$("$work/pc_consumer" "what a lovely day" "$prefix/share/modfilter/rules")
[[ $out == *'"verdict":"approve"'* ]] || fail "the pkg-config consumer printed: $out"

if [[ -d $prefix/lib/python3/dist-packages ]]; then
  out=$(cd "$work" && PYTHONPATH=$prefix/lib/python3/dist-packages /usr/bin/python3 -c \
    "import modfilter; print(modfilter.Engine.load('$prefix/share/modfilter/rules').screen('I will kill you').verdict)")
  [[ $out == reject ]] || fail "the installed Python module answered: $out"
fi
echo "install_test: installed into a temporary prefix and used it: binary, rules, unit, CMake package, pkg-config, Python"
