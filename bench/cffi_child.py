"""One argon2-cffi benchmark child, with the same interface and output as bench.c's
`time` and `conc` modes (implementation name: cffi)."""
import sys
import threading
import time

from argon2 import low_level

SALT = b"bench-salt-16-b\0"
PWD = b"correct horse battery staple"


def proc_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def encoded(m, t, p):
    return low_level.hash_secret(PWD, SALT, t, m, p, 32, low_level.Type.ID)


def main():
    mode = sys.argv[1]
    if mode == "time":
        op, m, t, p, iters = sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
        gap_ms = int(sys.argv[8]) if len(sys.argv) > 8 else 0
        stored = encoded(m, t, p) if op == "verify" else None
        print("baseline_kib", proc_kib("VmRSS"))
        for i in range(iters):
            t0 = time.perf_counter()
            if stored is None:
                low_level.hash_secret_raw(PWD, SALT, t, m, p, 32, low_level.Type.ID)
            else:
                low_level.verify_secret(stored, PWD, low_level.Type.ID)
            print("ms %.4f" % ((time.perf_counter() - t0) * 1e3))
            if gap_ms and i + 1 < iters:
                time.sleep(gap_ms / 1e3)
        print("peak_kib", proc_kib("VmHWM"))
    elif mode == "conc":
        m, t, p, threads, seconds = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
        stored = encoded(m, t, p)
        lat = [[] for _ in range(threads)]
        start = time.perf_counter()
        until = start + seconds

        def work(out):
            while True:
                t0 = time.perf_counter()
                low_level.verify_secret(stored, PWD, low_level.Type.ID)
                t1 = time.perf_counter()
                out.append((t1 - t0) * 1e3)
                if t1 >= until:
                    break

        ts = [threading.Thread(target=work, args=(lat[i],)) for i in range(threads)]
        for th in ts:
            th.start()
        for th in ts:
            th.join()
        print("elapsed_ms %.3f" % ((time.perf_counter() - start) * 1e3))
        for out in lat:
            for v in out:
                print("lat %.4f" % v)


main()
