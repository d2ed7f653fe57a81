/* Threads of this process as /proc lists them, for the tests that check no lane thread
 * outlives a call. pthread_join returns once the kernel has cleared a thread's tid, but
 * /proc may list the exited task a moment longer, so counts are taken once settled. */
#ifndef ARGON2RS_TEST_TASK_COUNT_H
#define ARGON2RS_TEST_TASK_COUNT_H

#include <dirent.h>
#include <time.h>

static int task_count(void) {
    DIR *dir = opendir("/proc/self/task");
    int count = 0;
    struct dirent *entry;
    while (dir != NULL && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] != '.') count++;
    }
    if (dir != NULL) closedir(dir);
    return count;
}

/* The task count once it equals `expected`, or after 100 ms of waiting for it to. */
static int settled_task_count(int expected) {
    int count = task_count();
    for (int i = 0; i < 100 && count != expected; i++) {
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
        count = task_count();
    }
    return count;
}

#endif
