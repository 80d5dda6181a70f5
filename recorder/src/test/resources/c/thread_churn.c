/*
 * A traced program for the tests: waits (up to 60 s) until a tracer is attached, then creates
 * and joins THREADS threads, BATCH at a time, each writing one line to /dev/null, and exits 0.
 * Usage: thread_churn THREADS BATCH
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int devnull;

static void *work(void *arg) {
    char line[32];
    int n = snprintf(line, sizeof line, "thread %ld\n", (long) arg);
    if (write(devnull, line, n) < 0) {
        perror("write");
    }
    return NULL;
}

static int traced(void) {
    char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *p = strstr(buf, "TracerPid:");
    return p != NULL && atoi(p + 10) != 0;
}

int main(int argc, char **argv) {
    long threads = argc > 1 ? atol(argv[1]) : 2000;
    long batch = argc > 2 ? atol(argv[2]) : 8;
    pthread_t t[64];
    devnull = open("/dev/null", O_WRONLY);
    for (int i = 0; i < 6000 && !traced(); i++) {
        usleep(10000);
    }
    if (!traced()) {
        fprintf(stderr, "no tracer\n");
        return 2;
    }
    printf("traced\n");
    fflush(stdout);
    if (batch > 64) {
        batch = 64;
    }
    for (long i = 0; i < threads; i += batch) {
        if (batch > threads - i) {
            batch = threads - i;
        }
        for (long j = 0; j < batch; j++) {
            if (pthread_create(&t[j], NULL, work, (void *) (i + j)) != 0) {
                perror("pthread_create");
                return 1;
            }
        }
        for (long j = 0; j < batch; j++) {
            pthread_join(t[j], NULL);
        }
    }
    printf("done\n");
    return 0;
}
