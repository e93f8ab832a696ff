"""billiard baseline for the jbilliard benchmarks.

Each mode mirrors one jbilliard workload with the same structure: child processes signal that they
are ready, the parent releases them together, and only what follows is timed. Prints one line
"RESULT key=value ...", the format the harness parses. Exits non-zero on any failure.

  throughput --kind queue|simple|joinable --producers P --consumers C --count N --payload int|bytes64k|bytes1m
  pingpong   --kind queue|simple --count N --warmup W
  startup    --count N
  idle       --seconds S --settle S
"""
import argparse
import os
import sys
import time

import billiard

START_TIMEOUT = 120.0


def _queue(kind):
    if kind == 'queue':
        return billiard.Queue()
    if kind == 'simple':
        return billiard.SimpleQueue()
    if kind == 'joinable':
        return billiard.JoinableQueue()
    raise SystemExit('unknown queue kind: ' + kind)


def _payload(name):
    if name == 'int':
        return None
    if name == 'bytes64k':
        return bytes(65536)
    if name == 'bytes1m':
        return bytes(1048576)
    raise SystemExit('unknown payload: ' + name)


def _producer(q, ready, go, count, payload_name, joinable):
    ready.put('ready')
    go.get()
    payload = _payload(payload_name)
    if payload is None:
        for i in range(count):
            q.put(i)
    else:
        for _ in range(count):
            q.put(payload)
    q.put(None)
    if joinable:
        q.join()
        ready.put('joined')


def _consumer(q, ready, go, joinable):
    ready.put('ready')
    go.get()
    received = 0
    while True:
        item = q.get()
        if joinable:
            q.task_done()
        if item is None:
            break
        received += 1
    ready.put(received)


def _start(processes):
    for p in processes:
        p.daemon = True
        p.start()


def _join(processes):
    for p in processes:
        p.join(START_TIMEOUT)
        if p.exitcode != 0:
            raise SystemExit('child %s exited with %r' % (p.name, p.exitcode))


def throughput(args):
    q = _queue(args.kind)
    ready = billiard.SimpleQueue()
    go = billiard.SimpleQueue()
    joinable = args.kind == 'joinable'
    per_producer = args.count // args.producers
    producers = [billiard.Process(target=_producer,
                                  args=(q, ready, go, per_producer, args.payload, joinable))
                 for _ in range(args.producers)]
    consumers = [billiard.Process(target=_consumer, args=(q, ready, go, joinable))
                 for _ in range(args.consumers)]
    # Each producer ends with one None and each consumer stops at its first None, so the two
    # counts must match.
    if args.producers != args.consumers:
        raise SystemExit('producers and consumers must be equal')
    _start(producers + consumers)
    for _ in producers + consumers:
        if ready.get() != 'ready':
            raise SystemExit('unexpected readiness message')
    t0 = time.perf_counter()
    for _ in producers + consumers:
        go.put('go')
    received = 0
    expected_messages = len(consumers) + (len(producers) if joinable else 0)
    for _ in range(expected_messages):
        message = ready.get()
        if message != 'joined':
            received += message
    t1 = time.perf_counter()
    _join(producers + consumers)
    total = per_producer * args.producers
    if received != total:
        raise SystemExit('received %d of %d items' % (received, total))
    size = {'bytes64k': 65536, 'bytes1m': 1048576}.get(args.payload, 0)
    print('RESULT mode=throughput kind=%s msgs=%d bytes=%d seconds=%.9f'
          % (args.kind, total, total * size, t1 - t0))


def _echo(ping, pong, count):
    for _ in range(count):
        pong.put(ping.get())


def _percentile(sorted_values, percent):
    rank = max(1, -(-len(sorted_values) * percent // 100))
    return sorted_values[rank - 1]


def pingpong(args):
    ping = _queue(args.kind)
    pong = _queue(args.kind)
    echo = billiard.Process(target=_echo, args=(ping, pong, args.count + args.warmup))
    _start([echo])
    samples = []
    for i in range(args.count + args.warmup):
        t0 = time.perf_counter_ns()
        ping.put(i)
        pong.get()
        if i >= args.warmup:
            samples.append(time.perf_counter_ns() - t0)
    _join([echo])
    samples.sort()
    print('RESULT mode=pingpong kind=%s round_trips=%d p50_us=%.3f p99_us=%.3f'
          % (args.kind, len(samples), _percentile(samples, 50) / 1e3, _percentile(samples, 99) / 1e3))


def _report_start(out):
    # NOTE: the first statement of the task; monotonic_ns is CLOCK_MONOTONIC, shared by all
    # processes of the machine, so the parent can subtract its own reading.
    out.put(time.monotonic_ns())


def startup(args):
    out = billiard.SimpleQueue()
    samples = []
    for _ in range(args.count):
        p = billiard.Process(target=_report_start, args=(out,))
        p.daemon = True
        t0 = time.monotonic_ns()
        p.start()
        running = out.get()
        samples.append(running - t0)
        _join([p])
    samples.sort()
    print('RESULT mode=startup count=%d p50_ms=%.3f min_ms=%.3f max_ms=%.3f'
          % (len(samples), _percentile(samples, 50) / 1e6, samples[0] / 1e6, samples[-1] / 1e6))


def _blocked_consumer(q, ready):
    ready.put(os.getpid())
    q.get()


def _cpu_nanos(pid):
    # Nanoseconds on a CPU summed over the process's threads (first field of each schedstat), as
    # the harness's ProcStat.cpuNanos reads them.
    total = 0
    for tid in os.listdir('/proc/%d/task' % pid):
        try:
            with open('/proc/%d/task/%s/schedstat' % (pid, tid)) as stat:
                total += int(stat.read().split()[0])
        except FileNotFoundError:
            pass
    return total


def idle(args):
    q = billiard.Queue()
    ready = billiard.SimpleQueue()
    consumer = billiard.Process(target=_blocked_consumer, args=(q, ready))
    _start([consumer])
    pid = ready.get()
    time.sleep(args.settle)  # let the child finish starting before the window opens
    cpu0, t0 = _cpu_nanos(pid), time.monotonic_ns()
    time.sleep(args.seconds)
    cpu1, t1 = _cpu_nanos(pid), time.monotonic_ns()
    q.put(None)
    _join([consumer])
    percent = 100.0 * (cpu1 - cpu0) / (t1 - t0)
    print('RESULT mode=idle seconds=%.3f cpu_percent=%.4f' % ((t1 - t0) / 1e9, percent))


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('mode', choices=['throughput', 'pingpong', 'startup', 'idle', 'version'])
    parser.add_argument('--kind', default='queue')
    parser.add_argument('--producers', type=int, default=1)
    parser.add_argument('--consumers', type=int, default=1)
    parser.add_argument('--count', type=int, default=100000)
    parser.add_argument('--warmup', type=int, default=1000)
    parser.add_argument('--payload', default='int')
    parser.add_argument('--seconds', type=float, default=5.0)
    parser.add_argument('--settle', type=float, default=0.5)
    args = parser.parse_args(argv)
    if args.mode == 'version':
        print('RESULT mode=version billiard=%s python=%s' % (billiard.__version__, sys.version.split()[0]))
    else:
        globals()[args.mode](args)
    sys.stdout.flush()


if __name__ == '__main__':
    main(sys.argv[1:])
