/* The process's virtual size, for the tests that set RLIMIT_AS just above it. */
#ifndef ARGON2RS_TEST_VM_SIZE_H
#define ARGON2RS_TEST_VM_SIZE_H

#include <stdio.h>

/* Current virtual size of this process in bytes, from /proc/self/status (0 if unknown). */
static unsigned long long vm_size(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    unsigned long long kib = 0;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "VmSize: %llu kB", &kib) == 1) break;
    }
    if (f != NULL) fclose(f);
    return kib * 1024;
}

#endif
