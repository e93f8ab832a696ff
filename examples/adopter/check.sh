#!/usr/bin/env bash
# Builds this adopter project against the installed jbilliard artifacts (./mvnw install at the
# repository root first) and runs its cross-process example the ways an adopter would: from the class
# path with the JVM option the README names, and as a shaded executable jar, then checks that the
# single-file source launcher is refused at once with a clear message. Fails on a wrong result
# and on any warning the JVM prints (the restricted-method warning among them).
# Extra arguments go to Maven (e.g. -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MVNW=../../mvnw

fail() { echo "examples/adopter: FAILED: $*" >&2; exit 1; }

"$MVNW" -B -q -f pom.xml clean package "$@" || fail "the build of the adopter project failed"

# run NAME COMMAND...: runs the example, prints its output, fails unless it succeeded without warnings.
run() {
  local name="$1"; shift
  local out err status=0
  out="$(mktemp)"; err="$(mktemp)"
  timeout 120 "$@" >"$out" 2>"$err" || status=$?
  cat "$out"; cat "$err" >&2
  local result; result="$(tail -n 1 "$out")"
  local warnings; warnings="$(grep -ci 'warning' "$err" || true)"
  rm -f "$out" "$err"
  [ "$status" -eq 0 ] || fail "$name exited with status $status"
  [ "$warnings" -eq 0 ] || fail "$name printed $warnings warning line(s) on standard error"
  [[ "$result" == "adopter: 10 items from a producer in a child JVM, child exit 0" ]] || fail "$name ended with: $result"
  echo "examples/adopter: $name OK"
}

run "java -cp" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "target/classes:$(cat target/classpath.txt)" com.example.adopter.App
run "java -jar (shaded)" "$JAVA" -jar target/jbilliard-adopter-1.0.0-all.jar

# The single-file source launcher keeps App in memory, where no child JVM can load it: jbilliard must
# refuse at process(), at once and saying what to do, not leave App waiting for items at its get.
started=$(date +%s)
status=0
text="$(timeout 120 "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$(cat target/classpath.txt)" \
  src/main/java/com/example/adopter/App.java 2>&1)" || status=$?
elapsed=$(( $(date +%s) - started ))
echo "$text" | head -n 3
[ "$status" -eq 1 ] || fail "java App.java exited with status $status, expected 1 (refused)"
grep -q "IllegalArgumentException: the task's class com.example.adopter.App" <<<"$text" \
  || fail "java App.java did not name the task's class in its refusal"
grep -q "single-file source launcher" <<<"$text" || fail "java App.java's refusal does not say what to do"
[ "$elapsed" -lt 20 ] || fail "java App.java took ${elapsed}s: refused late, not at process()"
echo "examples/adopter: java App.java refused at once (${elapsed}s) with what to do"
