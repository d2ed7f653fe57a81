/* A fault injector for the tests: a shared library that interposes the allocator
 * (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign, mmap) and
 * pthread_create, so a test can make the Nth such call fail, or every one from the Nth
 * on, and count the calls a library function makes. Linked into the test executable,
 * it is found before the C library for every caller in the process (libargon2rs, the
 * Rust standard library, and glibc's own internal allocations). */
#ifndef ARGON2RS_TEST_FAULT_INJECT_H
#define ARGON2RS_TEST_FAULT_INJECT_H

/* What to fail: allocations (the malloc family and mmap) or thread creation. */
#define FAULT_ALLOC 1
#define FAULT_THREAD 2

/* Starts counting calls of `kind`; call number `nth` (from 1) fails, and with
 * `from_on` every later one too. nth = 0 only counts. */
void fault_arm(int kind, long nth, int from_on);
/* Stops failing and counting; returns how many calls were counted. */
long fault_disarm(void);
/* How many calls were made to fail since the last fault_arm. */
long fault_failed(void);
/* Threads created through pthread_create whose start routine has not yet returned. */
long fault_live_threads(void);
/* pthread_create calls that succeeded since the process started. */
long fault_threads_started(void);

#endif
