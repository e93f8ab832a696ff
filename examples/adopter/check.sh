#!/usr/bin/env bash
# Builds this adopter project against the installed jbilliard artifacts (./mvnw install at the
# repository root first) and runs its cross-process example the ways an adopter would: from the class
# path with the JVM option the README names, and as a shaded executable jar; checks that the
# single-file source launcher and a Spring Boot executable jar are refused at once with a clear
# message, and that the extracted Spring Boot jar the message recommends runs. Fails on a wrong result
# and on any warning the JVM prints (the restricted-method warning among them).
# Extra arguments go to Maven (e.g. -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MVNW=../../mvnw

fail() { echo "examples/adopter: FAILED: $*" >&2; exit 1; }

build_log="$(mktemp)"
"$MVNW" -B -q -f pom.xml clean package "$@" >"$build_log" 2>&1 \
  || { cat "$build_log" >&2; rm -f "$build_log"; fail "the build of the adopter project (and its JUnit test) failed"; }
# The JUnit test ran in Surefire's JVM with the README's option; that JVM's own warnings reach the
# build's output (Maven's JVM prints its own, about sun.misc.Unsafe, which are not ours).
restricted="$(grep -i 'restricted method\|enable-native-access' "$build_log" || true)"
rm -f "$build_log"
[ -z "$restricted" ] || fail "the JUnit test's JVM printed the restricted-method warning: $(head -n 2 <<<"$restricted")"
[ -e target/surefire-reports/TEST-com.example.adopter.AppTest.xml ] || fail "the JUnit test did not run"
echo "examples/adopter: JUnit test (Surefire) OK"

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

# refused NAME ADVICE COMMAND...: the run must fail at once (at ctx.process(...), well before App's
# 30-second get timeout), naming the task's class or jbilliard's and saying what to do (ADVICE).
refused() {
  local name="$1" advice="$2"; shift 2
  local started status=0 text elapsed
  started=$(date +%s)
  text="$(timeout 120 "$@" 2>&1)" || status=$?
  elapsed=$(( $(date +%s) - started ))
  grep -m 1 "IllegalArgumentException" <<<"$text" || true
  [ "$status" -eq 1 ] || fail "$name exited with status $status, expected 1 (refused)"
  grep -Eq "IllegalArgumentException: (the task's class com.example.adopter.App|jbilliard's own class)" <<<"$text" \
    || fail "$name did not name the class in its refusal"
  grep -q "$advice" <<<"$text" || fail "$name's refusal does not say what to do ($advice)"
  [ "$elapsed" -lt 20 ] || fail "$name took ${elapsed}s: refused late, not at process()"
  echo "examples/adopter: $name refused at once (${elapsed}s) with what to do"
}

# The single-file source launcher keeps App in memory, where no child JVM can load it.
refused "java App.java" "single-file source launcher" \
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$(cat target/classpath.txt)" src/main/java/com/example/adopter/App.java

# A Spring Boot executable jar keeps everything in nested jars, which no child class path can name...
refused "java -jar (Spring Boot)" "java -Djarmode=tools -jar app.jar extract" \
  "$JAVA" -jar target/jbilliard-adopter-1.0.0-boot.jar
# ...and the extracted form that the refusal recommends runs (its libraries are plain jars).
"$JAVA" -Djarmode=tools -jar target/jbilliard-adopter-1.0.0-boot.jar extract --destination target/boot-app \
  >/dev/null || fail "extracting the Spring Boot jar failed"
run "java -jar (Spring Boot, extracted)" "$JAVA" -jar target/boot-app/jbilliard-adopter-1.0.0-boot.jar
