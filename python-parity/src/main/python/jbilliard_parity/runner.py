"""Runs one jbilliard parity scenario on Python billiard and writes what every process observed.

Usage:
    python3 runner.py --probe                      prints {"python": ..., "billiard": ...} as JSON
    python3 runner.py --probe-client DIR           prints {"jbilliard": ..., "redis": ...} (the package in DIR)
    python3 runner.py SCENARIO.json RESULT.json    runs the scenario, writes the raw result

With "implementation": {"url": ..., "path": ...} in SCENARIO.json the queues are the jbilliard Python
client's (imported from path, created on the Redis server at url); the processes stay billiard's.

The scenario language is described in python-parity/README.md; the Java runner interprets the same
steps against a jbilliard Context, and the Java harness normalises and compares both raw results.
This file only observes: it never judges.

The runner puts itself in a new process group first, so that the harness can kill it together with
every billiard child (a billiard queue whose lock was leaked by a killed process hangs for good).
Blocking steps run in a helper thread and are abandoned after their bound; they are then recorded as
{"hang": true}. At the end, the runner kills leftover children and leaves with os._exit, because a
hung feeder or helper thread would otherwise keep the interpreter alive for ever.
"""

import base64
import json
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
import queue as std_queue

HANG = object()


# ----------------------------------------------------------------------------------------------
# Values: JSON <-> Python (see the cross-language table in python-parity/README.md)
# ----------------------------------------------------------------------------------------------

class Unpicklable:
    """An item pickle refuses: it holds a lock (BEHAVIOUR row 7)."""

    def __init__(self):
        self.lock = threading.Lock()


def from_json(value, variables):
    if isinstance(value, list):
        return [from_json(v, variables) for v in value]
    if isinstance(value, dict):
        if "$bytes" in value:
            return base64.b64decode(value["$bytes"])
        if "$size" in value:
            return b"x" * int(value["$size"])
        if "$range" in value:
            return list(range(int(value["$range"])))
        if "$var" in value:
            return variables[value["$var"]]
        if "$unpicklable" in value:
            return Unpicklable()
        return {k: from_json(v, variables) for k, v in value.items()}
    return value


def to_json(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return {"$object": type(value).__name__}


def type_name(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (bytes, bytearray)):
        return "bytes"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "dict"
    return "object"


def project(kind, value):
    """Reduces an observed value to what a scenario compares (the same table as the Java runner)."""
    if kind is None:
        return to_json(value)
    if kind == "is_zero":
        return value == 0
    if kind == "positive":
        return value > 0
    if kind == "length":
        return len(value)
    if kind == "type":
        return type_name(value)
    if kind == "is_null":
        return value is None
    if kind == "sorted":
        return sorted(to_json(value), key=lambda v: json.dumps(v, sort_keys=True))
    raise ValueError("unknown projection " + kind)


# ----------------------------------------------------------------------------------------------
# Exceptions -> neutral categories
# ----------------------------------------------------------------------------------------------

def category(exc):
    if isinstance(exc, std_queue.Empty):
        return "empty"
    if isinstance(exc, std_queue.Full):
        return "full"
    if isinstance(exc, (TypeError, ValueError)) and "cannot encode" in str(exc):
        return "codec-error"  # the jbilliard Python client's codecs refuse an item at put
    if isinstance(exc, ValueError) and "closed" in str(exc):
        return "closed"
    if isinstance(exc, ValueError):
        return "value-error"
    if isinstance(exc, AssertionError):
        return "state-error"
    if isinstance(exc, AttributeError):
        return "attribute-error"
    if isinstance(exc, (BrokenPipeError, EOFError)):
        return "broken-pipe"
    if isinstance(exc, OSError):
        return "os-error"
    if isinstance(exc, NotImplementedError):
        return "unsupported"
    if isinstance(exc, TypeError) and "pickle" in str(exc):
        return "codec-error"
    if type(exc).__name__ in ("PicklingError", "UnpicklingError"):
        return "codec-error"
    if isinstance(exc, TypeError):
        return "type-error"
    return "other:" + type(exc).__name__


def describe(exc):
    text = str(exc)
    return type(exc).__name__ + (": " + text if text else "")


# ----------------------------------------------------------------------------------------------
# The interpreter (one per process)
# ----------------------------------------------------------------------------------------------

class ScenarioRaise(Exception):
    """Raised by the 'raise' step and by a failing step with on_error=raise: ends the process."""


class Interpreter:
    def __init__(self, name, queues, processes, trace_path, step_bound):
        self.name = name
        self.queues = queues
        self.processes = processes
        self.variables = {}
        self.step_bound = step_bound
        self.trace = open(trace_path, "a", encoding="utf-8")

    def record(self, step, outcome):
        entry = {"step": step.get("tag", step["op"])}
        entry.update(outcome)
        self.trace.write(json.dumps(entry) + "\n")
        self.trace.flush()

    # Runs steps in order; returns "break"/"continue"/"stop" or None.
    def run(self, steps, stop_on_error=False):
        for step in steps:
            signal_ = self.step(step)
            if signal_ in ("break", "continue"):
                return signal_
            if signal_ == "error" and stop_on_error:
                return "stop"
        return None

    def step(self, step):
        op = step["op"]
        if op == "loop":
            # "times": n repeats n times; otherwise "max" bounds a loop that must end with a break.
            count = int(step.get("times", step.get("max", 1000)))
            for _ in range(count):
                if self.run(step["body"]) == "break":
                    return None
            if "times" not in step:
                self.record(step, {"error": "loop-limit"})
            return None
        if op == "block":
            signal_ = self.run(step["body"], stop_on_error=True)
            return signal_ if signal_ in ("break", "continue") else None
        outcome, exc = self.perform(step)
        if step.get("record", True):
            self.record(step, outcome)
        if exc is not None and step.get("on_error") == "raise":
            raise exc
        for key, signal_ in (("break_if", "break"), ("continue_if", "continue")):
            conditions = step.get(key)
            if conditions is None:
                continue
            for condition in conditions if isinstance(conditions, list) else [conditions]:
                if matches(condition, outcome):
                    self.run(condition.get("then", step.get("then", [])))
                    return signal_
        return "error" if "error" in outcome or "hang" in outcome else None

    def perform(self, step):
        op = step["op"]
        if op == "raise":
            raise ScenarioRaise(step.get("message", "raised by the scenario"))
        if op == "die":
            os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(60)
        if op == "exit":
            sys.stdout.flush()
            os._exit(int(step.get("code", 0)))
        try:
            action = self.action(step)
        except Exception as e:  # e.g. AttributeError: the operation does not exist on this queue
            return {"error": category(e), "detail": describe(e)}, e
        bound = float(step.get("bound", self.step_bound))
        box = {}

        def target():
            try:
                box["value"] = action()
            except BaseException as e:  # noqa: B902 -- every failure is an observation
                box["error"] = e

        if step.get("inline") or op in ("sleep", "mutate", "start", "kill", "terminate", "exitcode",
                                          "is_alive", "qsize", "maxsize", "full"):
            target()
        else:
            helper = threading.Thread(target=target, daemon=True, name="step-" + op)
            helper.start()
            helper.join(bound)
            if helper.is_alive():
                return {"hang": True, "bound": bound}, None
        if "error" in box:
            e = box["error"]
            return {"error": category(e), "detail": describe(e)}, e
        try:
            return {"ok": project(step.get("project"), box.get("value"))}, None
        except Exception as e:  # a projection that does not apply is an observation too
            return {"error": "projection", "detail": describe(e)}, None

    def action(self, step):
        op = step["op"]
        q = self.queues.get(step.get("q"))
        item = lambda: from_json(step.get("item"), self.variables)  # noqa: E731
        if op == "put":
            value = item()
            if "var" in step:
                self.variables[step["var"]] = value
            if q.__class__.__name__ == "SimpleQueue":
                return lambda: q.put(value)
            kwargs = {}
            if "block" in step:
                kwargs["block"] = step["block"]
            if "timeout" in step:
                kwargs["timeout"] = step["timeout"]
            return lambda: q.put(value, **kwargs)
        if op == "put_nowait":
            value = item()
            return lambda: q.put_nowait(value)
        if op == "get":
            if q.__class__.__name__ == "SimpleQueue":
                return q.get
            kwargs = {}
            if "block" in step:
                kwargs["block"] = step["block"]
            if "timeout" in step:
                kwargs["timeout"] = step["timeout"]
            return lambda: q.get(**kwargs)
        if op == "get_nowait":
            return q.get_nowait
        if op == "drain":
            def drain():
                got = []
                while True:
                    try:
                        got.append(q.get(timeout=step.get("timeout", 0.5)))
                    except std_queue.Empty:
                        return got
            return drain
        simple = {"qsize": "qsize", "empty": "empty", "full": "full", "close": "close",
                  "join_thread": "join_thread", "cancel_join_thread": "cancel_join_thread",
                  "task_done": "task_done", "get_payload": "get_payload"}
        if op in simple:
            return getattr(q, simple[op])
        if op == "maxsize":
            return lambda: q._maxsize
        if op == "join":
            if "timeout" in step:
                # billiard's join() has no timeout: wait in a helper and report whether it returned.
                def join_with_timeout():
                    helper = threading.Thread(target=q.join, daemon=True)
                    helper.start()
                    helper.join(step["timeout"])
                    return not helper.is_alive()
                return join_with_timeout
            return q.join
        if op == "send_payload":
            value = item()
            return lambda: q.send_payload(value)
        if op == "sleep":
            return lambda: time.sleep(step["seconds"])
        if op == "mutate":
            def mutate():
                self.variables[step["var"]].append(from_json(step["append"], self.variables))
            return mutate
        p = self.processes.get(step.get("proc"))
        if op == "start":
            return p.start
        if op == "join_process":
            if "timeout" in step:
                def join_process():
                    # billiard 4.1.0's join(timeout) can raise TypeError from its sentinel wait;
                    # poll is_alive() instead, which is what join(timeout) means.
                    deadline = time.monotonic() + step["timeout"]
                    while p.is_alive() and time.monotonic() < deadline:
                        time.sleep(0.01)
                    return not p.is_alive()
                return join_process
            return p.join
        if op == "kill":
            return lambda: os.kill(p.pid, signal.SIGKILL) if p.exitcode is None else None
        if op == "terminate":
            return p.terminate
        if op == "exitcode":
            return lambda: p.exitcode
        if op == "is_alive":
            return p.is_alive
        raise ValueError("unknown step op '%s'" % op)


def matches(condition, outcome):
    if "value" in condition:
        return "ok" in outcome and outcome["ok"] == condition["value"]
    if "error" in condition:
        return "error" in outcome and condition["error"] in ("*", outcome["error"])
    if "hang" in condition:
        return "hang" in outcome
    if "ok" in condition:
        return "ok" in outcome
    raise ValueError("unknown condition %r" % (condition,))


# ----------------------------------------------------------------------------------------------
# Processes
# ----------------------------------------------------------------------------------------------

def child_main(name, steps, queues, trace_path, step_bound):
    interpreter = Interpreter(name, queues, {}, trace_path, step_bound)
    interpreter.run(steps)


def read_trace(path):
    entries = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    try:
                        entries.append(json.loads(line))
                    except ValueError:
                        entries.append({"step": "torn-trace-line", "error": "trace"})
    return entries


class BilliardQueues:
    """Queues of billiard itself: the oracle."""

    name = "billiard"

    def __init__(self, billiard):
        self.version = billiard.__version__
        self.Queue = billiard.Queue
        self.JoinableQueue = billiard.JoinableQueue
        self.SimpleQueue = billiard.SimpleQueue


class JbilliardQueues:
    """Queues of the jbilliard Python client on a Redis server (the scenario's processes are still
    billiard's: the client offers queues, not processes)."""

    name = "jbilliard-python"

    def __init__(self, config):
        if config.get("path"):
            sys.path.insert(0, config["path"])
        import jbilliard
        self.version = getattr(jbilliard, "__version__", "unknown")
        url = config["url"]
        self.Queue = lambda maxsize=0: jbilliard.Queue(maxsize, url=url)
        self.JoinableQueue = lambda maxsize=0: jbilliard.JoinableQueue(maxsize, url=url)
        self.SimpleQueue = lambda: jbilliard.SimpleQueue(url=url)


def run_scenario(spec, result_path):
    import billiard

    implementation = spec.get("implementation")
    lib = BilliardQueues(billiard) if implementation is None else JbilliardQueues(implementation)
    scenario = spec["scenario"]
    step_bound = float(spec.get("step_bound", 30.0))
    # Under the harness's own directory when given, so that a run killed at its bound leaves nothing.
    workdir = tempfile.mkdtemp(prefix="jbilliard-parity-", dir=spec.get("workdir"))
    started = time.monotonic()
    result = {"runner": lib.name, "version": lib.version, "status": "completed",
              "processes": {}, "notes": []}
    children = {}
    try:
        queues = {}
        for qname, q in scenario.get("queues", {}).items():
            kind = q.get("kind", "queue")
            if kind == "queue":
                queues[qname] = lib.Queue(q.get("maxsize", 0))
            elif kind == "joinable":
                queues[qname] = lib.JoinableQueue(q.get("maxsize", 0))
            elif kind == "simple":
                queues[qname] = lib.SimpleQueue()
            else:
                raise ValueError("unknown queue kind " + kind)
        for proc in scenario.get("processes", []):
            trace_path = os.path.join(workdir, proc["name"] + ".jsonl")
            children[proc["name"]] = (billiard.Process(
                target=child_main, name=proc["name"],
                args=(proc["name"], proc["steps"], queues, trace_path, step_bound)), trace_path)
        main_trace = os.path.join(workdir, "main.jsonl")
        main = Interpreter("main", queues, {n: p for n, (p, _) in children.items()}, main_trace,
                           step_bound)
        try:
            main.run(scenario["main"])
        except ScenarioRaise as e:
            result["notes"].append("main raised: " + str(e))
        result["processes"]["main"] = {"trace": read_trace(main_trace)}
    except Exception:
        result["status"] = "error"
        result["message"] = traceback.format_exc()
    finally:
        for name, (p, trace_path) in children.items():
            if p.pid is not None and p.exitcode is None:
                result["notes"].append("child %s still running at the end: killed" % name)
                try:
                    os.kill(p.pid, signal.SIGKILL)
                    p.join(5)
                except Exception:  # noqa: B902 -- best effort clean-up
                    pass
            result["processes"][name] = {"trace": read_trace(trace_path), "exitcode": p.exitcode}
        for f in os.listdir(workdir):
            os.unlink(os.path.join(workdir, f))
        os.rmdir(workdir)
        result["elapsed_ms"] = int((time.monotonic() - started) * 1000)
        with open(result_path, "w", encoding="utf-8") as out:
            json.dump(result, out)


def probe_client(path):
    """What the jbilliard Python client needs: the package (from path), redis-py and cbor2."""
    info = {"python": sys.version.split()[0], "executable": sys.executable}
    try:
        sys.path.insert(0, path)
        import jbilliard
        import jbilliard.queues  # noqa: F401 -- imports redis-py and loads the protocol scripts
        import cbor2
        import redis
        info["jbilliard"] = jbilliard.__version__
        info["redis"] = redis.__version__
        info["cbor2"] = getattr(cbor2, "__version__", "installed")
    except Exception as e:  # noqa: B902 -- reported, not raised
        info["jbilliard"] = None
        info["error"] = describe(e)
    print(json.dumps(info))


def probe():
    info = {"python": sys.version.split()[0], "executable": sys.executable}
    try:
        import billiard
        info["billiard"] = billiard.__version__
    except ImportError as e:
        info["billiard"] = None
        info["error"] = str(e)
    print(json.dumps(info))


def main(argv):
    if len(argv) == 2 and argv[1] == "--probe":
        probe()
        return 0
    if len(argv) == 3 and argv[1] == "--probe-client":
        probe_client(argv[2])
        return 0
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    # NOTE: a new process group before any child is forked, so one kill reaches every child.
    os.setpgrp()
    with open(argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    run_scenario(spec, argv[2])
    sys.stdout.flush()
    sys.stderr.flush()
    # Leave without joining feeders or hung helper threads (see the module docstring).
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
