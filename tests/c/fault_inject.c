/* See fault_inject.h. The real functions come from dlsym(RTLD_NEXT); while dlsym itself
 * allocates (before they are known), requests are served from a static arena. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "fault_inject.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
static int (*real_pthread_create)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static _Atomic int armed_kind;
static _Atomic long armed_nth;
static _Atomic int armed_from_on;
static _Atomic long counted;
static _Atomic long failed;
static _Atomic long live_threads;
static _Atomic long threads_started;

/* The bootstrap arena, for allocations made while the real functions are looked up. */
static _Alignas(64) unsigned char arena[64 * 1024];
static _Atomic size_t arena_used;
static _Atomic int resolving;

static void *arena_alloc(size_t size) {
    size_t rounded = (size + 63) & ~(size_t)63;
    size_t at = atomic_fetch_add(&arena_used, rounded);
    if (at + rounded > sizeof arena) return NULL;
    return arena + at;
}

static int in_arena(const void *p) {
    return (const unsigned char *)p >= arena && (const unsigned char *)p < arena + sizeof arena;
}

/* dlsym's object pointer copied into a function pointer (ISO C has no cast for it). */
#define LOOK_UP(var, name)                        \
    do {                                          \
        void *sym_ = dlsym(RTLD_NEXT, name);      \
        memcpy(&(var), &sym_, sizeof(var));       \
    } while (0)

static void resolve(void) {
    if (real_malloc != NULL) return;
    atomic_store(&resolving, 1);
    LOOK_UP(real_calloc, "calloc");
    LOOK_UP(real_realloc, "realloc");
    LOOK_UP(real_free, "free");
    LOOK_UP(real_memalign, "memalign");
    LOOK_UP(real_mmap, "mmap");
    LOOK_UP(real_pthread_create, "pthread_create");
    LOOK_UP(real_malloc, "malloc");
    atomic_store(&resolving, 0);
}

__attribute__((constructor)) static void fault_init(void) { resolve(); }

/* Counts a call of `kind`; true when it must fail. */
static int should_fail(int kind) {
    if (atomic_load(&armed_kind) != kind) return 0;
    long n = atomic_fetch_add(&counted, 1) + 1;
    long nth = atomic_load(&armed_nth);
    int fail = nth > 0 && (n == nth || (atomic_load(&armed_from_on) && n > nth));
    if (fail) atomic_fetch_add(&failed, 1);
    return fail;
}

void fault_arm(int kind, long nth, int from_on) {
    atomic_store(&armed_kind, 0);
    atomic_store(&counted, 0);
    atomic_store(&failed, 0);
    atomic_store(&armed_nth, nth);
    atomic_store(&armed_from_on, from_on);
    atomic_store(&armed_kind, kind);
}

long fault_disarm(void) {
    atomic_store(&armed_kind, 0);
    return atomic_load(&counted);
}

long fault_failed(void) { return atomic_load(&failed); }
long fault_live_threads(void) { return atomic_load(&live_threads); }
long fault_threads_started(void) { return atomic_load(&threads_started); }

void *malloc(size_t size) {
    if (real_malloc == NULL) {
        if (atomic_load(&resolving)) return arena_alloc(size);
        resolve();
    }
    if (should_fail(FAULT_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_malloc(size);
}

void *calloc(size_t n, size_t size) {
    if (real_calloc == NULL && !atomic_load(&resolving)) resolve();
    if (real_calloc == NULL || atomic_load(&resolving)) {
        if (size != 0 && n > SIZE_MAX / size) return NULL;
        return arena_alloc(n * size); /* static storage is zeroed */
    }
    if (should_fail(FAULT_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_calloc(n, size);
}

void *realloc(void *p, size_t size) {
    if (in_arena(p)) {
        void *fresh = malloc(size);
        if (fresh != NULL) memcpy(fresh, p, size); /* the arena is larger than any request */
        return fresh;
    }
    if (real_realloc == NULL) resolve();
    if (should_fail(FAULT_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_realloc(p, size);
}

void free(void *p) {
    if (p == NULL || in_arena(p)) return;
    if (real_free == NULL) resolve();
    real_free(p);
}

void *memalign(size_t align, size_t size) {
    if (real_memalign == NULL) resolve();
    if (should_fail(FAULT_ALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return real_memalign(align, size);
}

void *aligned_alloc(size_t align, size_t size) { return memalign(align, size); }

int posix_memalign(void **out, size_t align, size_t size) {
    if (align < sizeof(void *) || (align & (align - 1)) != 0) return EINVAL;
    void *p = memalign(align, size);
    if (p == NULL) return ENOMEM;
    *out = p;
    return 0;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) {
    if (real_mmap == NULL) resolve();
    if (should_fail(FAULT_ALLOC)) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    return real_mmap(addr, len, prot, flags, fd, offset);
}

/* Each created thread runs through a trampoline that counts it live until its start
 * routine returns; slots come from a fixed pool, so creating a thread allocates nothing
 * here. */
struct trampoline {
    _Atomic int used;
    void *(*start)(void *);
    void *arg;
};
static struct trampoline slots[512];

static void *trampoline_main(void *p) {
    struct trampoline *slot = p;
    void *(*start)(void *) = slot->start;
    void *arg = slot->arg;
    atomic_store(&slot->used, 0);
    void *result = start(arg);
    atomic_fetch_sub(&live_threads, 1);
    return result;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg) {
    if (real_pthread_create == NULL) resolve();
    if (should_fail(FAULT_THREAD)) return EAGAIN;
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&slots[i].used, &expected, 1)) {
            slots[i].start = start;
            slots[i].arg = arg;
            atomic_fetch_add(&live_threads, 1);
            int rc = real_pthread_create(thread, attr, trampoline_main, &slots[i]);
            if (rc != 0) {
                atomic_fetch_sub(&live_threads, 1);
                atomic_store(&slots[i].used, 0);
            } else {
                atomic_fetch_add(&threads_started, 1);
            }
            return rc;
        }
    }
    return EAGAIN;
}
