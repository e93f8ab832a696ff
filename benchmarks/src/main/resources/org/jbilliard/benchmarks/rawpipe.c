/*
 * Raw-pipe baseline for the jbilliard benchmarks: what one anonymous pipe between two processes
 * does with no queue, no codec and no locks, using the same pipe size as jbilliard (1 MiB,
 * F_SETPIPE_SZ).
 *
 *   rawpipe frames <frame_bytes> <count>     one write(2) per frame, one exact read per frame
 *   rawpipe bulk <block_bytes> <total_bytes> large blocks, no framing: the pipe's ceiling
 *   rawpipe pingpong <frame_bytes> <count> <warmup>
 *                                            round trips over two pipes, blocking reads
 *
 * The writer is a forked child that waits on a start pipe, so fork cost is not timed. Prints one
 * line "RESULT key=value ...", the format the harness parses.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PIPE_SIZE (1 << 20)

static void die(const char *what) {
    fprintf(stderr, "rawpipe: %s: %s\n", what, strerror(errno));
    exit(2);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void make_pipe(int fds[2]) {
    if (pipe(fds) != 0) die("pipe");
    if (fcntl(fds[1], F_SETPIPE_SZ, PIPE_SIZE) < 0) die("F_SETPIPE_SZ");
}

static void write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) { if (errno == EINTR) continue; die("write"); }
        buf += n; len -= (size_t) n;
    }
}

/* Reads exactly len bytes; a frame larger than the pipe's atomic size may arrive in pieces. */
static void read_exact(int fd, char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = read(fd, buf, len);
        if (n < 0) { if (errno == EINTR) continue; die("read"); }
        if (n == 0) { fprintf(stderr, "rawpipe: unexpected EOF\n"); exit(2); }
        buf += n; len -= (size_t) n;
    }
}

static void await_start(int start_fd) {
    char go;
    read_exact(start_fd, &go, 1);
    close(start_fd);
}

static int reap(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) < 0) die("waitpid");
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

static int frames(size_t frame, long count) {
    int data[2], start[2];
    make_pipe(data);
    if (pipe(start) != 0) die("pipe");
    char *buf = calloc(1, frame);
    if (buf == NULL) die("calloc");
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        close(data[0]); close(start[1]);
        await_start(start[0]);
        uint32_t body = (uint32_t) (frame - 4);
        memcpy(buf, &body, 4);
        for (long i = 0; i < count; i++) {
            memcpy(buf + 4, &i, frame - 4 < sizeof i ? frame - 4 : sizeof i);
            write_all(data[1], buf, frame);
        }
        _exit(0);
    }
    close(data[1]); close(start[0]);
    double t0 = now_seconds();
    write_all(start[1], "g", 1);
    for (long i = 0; i < count; i++) {
        read_exact(data[0], buf, frame);
    }
    double t1 = now_seconds();
    uint32_t body;
    memcpy(&body, buf, 4);
    if (body != frame - 4) { fprintf(stderr, "rawpipe: bad frame header\n"); return 2; }
    if (reap(pid) != 0) return 2;
    printf("RESULT mode=frames frame_bytes=%zu msgs=%ld bytes=%ld seconds=%.9f\n",
           frame, count, (long) frame * count, t1 - t0);
    return 0;
}

static int bulk(size_t block, long total) {
    int data[2], start[2];
    make_pipe(data);
    if (pipe(start) != 0) die("pipe");
    char *buf = calloc(1, block);
    if (buf == NULL) die("calloc");
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        close(data[0]); close(start[1]);
        await_start(start[0]);
        for (long sent = 0; sent < total; ) {
            size_t n = (size_t) (total - sent) < block ? (size_t) (total - sent) : block;
            write_all(data[1], buf, n);
            sent += (long) n;
        }
        _exit(0);
    }
    close(data[1]); close(start[0]);
    double t0 = now_seconds();
    write_all(start[1], "g", 1);
    long got = 0;
    while (got < total) {
        ssize_t n = read(data[0], buf, block);
        if (n < 0) { if (errno == EINTR) continue; die("read"); }
        if (n == 0) break;
        got += n;
    }
    double t1 = now_seconds();
    if (reap(pid) != 0 || got != total) return 2;
    printf("RESULT mode=bulk block_bytes=%zu bytes=%ld seconds=%.9f\n", block, total, t1 - t0);
    return 0;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static int pingpong(size_t frame, long count, long warmup) {
    int ping[2], pong[2];
    make_pipe(ping);
    make_pipe(pong);
    char *buf = calloc(1, frame);
    double *rtt = malloc(sizeof(double) * (size_t) count);
    if (buf == NULL || rtt == NULL) die("malloc");
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        close(ping[1]); close(pong[0]);
        for (long i = 0; i < count + warmup; i++) {
            read_exact(ping[0], buf, frame);
            write_all(pong[1], buf, frame);
        }
        _exit(0);
    }
    close(ping[0]); close(pong[1]);
    for (long i = 0; i < count + warmup; i++) {
        double t0 = now_seconds();
        write_all(ping[1], buf, frame);
        read_exact(pong[0], buf, frame);
        if (i >= warmup) rtt[i - warmup] = now_seconds() - t0;
    }
    if (reap(pid) != 0) return 2;
    qsort(rtt, (size_t) count, sizeof(double), compare_doubles);
    /* nearest-rank percentiles, as the harness computes them */
    long p50 = (long) ((count * 50 + 99) / 100) - 1, p99 = (long) ((count * 99 + 99) / 100) - 1;
    printf("RESULT mode=pingpong frame_bytes=%zu round_trips=%ld p50_us=%.3f p99_us=%.3f\n",
           frame, count, rtt[p50 < 0 ? 0 : p50] * 1e6, rtt[p99 < 0 ? 0 : p99] * 1e6);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "frames") == 0) {
        size_t frame = strtoul(argv[2], NULL, 10);
        if (frame < 4) { fprintf(stderr, "rawpipe: frame_bytes must be >= 4\n"); return 2; }
        return frames(frame, strtol(argv[3], NULL, 10));
    }
    if (argc == 4 && strcmp(argv[1], "bulk") == 0) {
        return bulk(strtoul(argv[2], NULL, 10), strtol(argv[3], NULL, 10));
    }
    if (argc == 5 && strcmp(argv[1], "pingpong") == 0) {
        return pingpong(strtoul(argv[2], NULL, 10), strtol(argv[3], NULL, 10), strtol(argv[4], NULL, 10));
    }
    fprintf(stderr, "usage: rawpipe frames <frame_bytes> <count> | bulk <block_bytes> <total_bytes>"
                    " | pingpong <frame_bytes> <count> <warmup>\n");
    return 2;
}
