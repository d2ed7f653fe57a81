"""Drives the benchmark children (bench.c for libargon2rs, libsodium, Debian's libargon2
and the reference's opt.c built with -march=native; cffi_child.py for argon2-cffi),
interleaving implementations round by round, and prints the tables. Run it through
scripts/bench.sh, which builds everything first."""
import argparse
import os
import re
import statistics
import subprocess
import sys

# Iterations per child (halved for verify): enough that each process's first call,
# whose memory is new to it and reported in its own column, is a small share of the
# samples behind the median.
SETS = {  # name: (m KiB, t, p, iterations per child)
    "C1": (256, 64, 1, 20),  # cache-resident: the rate of G alone, the yardstick for ns per block
    "P1": (65536, 3, 4, 8),
    "P2": (19456, 2, 1, 10),
    "P3": (65536, 3, 1, 8),
    "P4": (262144, 4, 2, 4),
    "P5": (8, 1, 1, 300),
    "P6": (1048576, 1, 4, 2),
}
IMPLS = ["rs", "sodium", "ref", "opt", "cffi", "so1", "so1deb"]
NAMES = {"rs": "libargon2rs", "sodium": "libsodium", "ref": "libargon2", "opt": "opt.c -march=native",
         "cffi": "argon2-cffi", "so1": "our libargon2.so.1", "so1deb": "Debian's libargon2.so.1 (dlopen)",
         "rc": "libargon2rs rustcrypto-engine"}
# Ours, so never "the best peer": libargon2rs and our libargon2.so.1 (the same engine).
OURS = {"rs", "so1", "rc"}
# Implementations callgrind can run: valgrind has no AVX-512, which -march=native gives opt.c here.
CALLGRIND_IMPLS = ["rs", "sodium", "ref"]


def child_cmd(args, impl, rest):
    if impl == "cffi":
        return [args.python, os.path.join(args.here, "cffi_child.py"), rest[0], "cffi"] + rest[1:]
    return [args.bench, rest[0], impl] + rest[1:]


def can_run(impl, p):
    return not (impl == "sodium" and p > 1)  # libsodium's crypto_pwhash has no p parameter


def run_child(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0 or "failed" in out.stdout:
        raise SystemExit("benchmark child failed: %s\n%s%s" % (" ".join(cmd), out.stdout, out.stderr))
    return out.stdout


def fmt_ms(v):
    return "%.3f" % v if v < 1 else "%.1f" % v if v >= 100 else "%.2f" % v


def table(args):
    sets = [s for s in args.sets.split(",")]
    ops = args.ops.split(",")
    samples = {}
    firsts = {}  # each child's first call: its memory is fresh to the process
    rss = {}
    for rnd in range(args.rounds):
        for op in ops:
            for name in sets:
                m, t, p, iters = SETS[name]
                iters = max(2, iters // (2 if op == "verify" else 1))
                if args.gap_ms:
                    iters = args.gap_iters
                order = IMPLS[rnd % len(IMPLS):] + IMPLS[:rnd % len(IMPLS)]  # rotate who goes first
                for impl in order:
                    if not can_run(impl, p):
                        continue
                    text = run_child(child_cmd(args, impl, ["time", op, str(m), str(t), str(p), str(iters), str(args.gap_ms)]))
                    key = (op, name, impl)
                    times = child_times(text)
                    samples.setdefault(key, []).extend(times)
                    firsts.setdefault(key, []).append(times[0])
                    base = int(re.search(r"^baseline_kib (\S+)", text, re.M).group(1))
                    peak = int(re.search(r"^peak_kib (\S+)", text, re.M).group(1))
                    rss[key] = max(rss.get(key, 0), peak - base)
            print("round %d/%d done" % (rnd + 1, args.rounds), file=sys.stderr, flush=True)
    lines = []
    for op in ops:
        lines.append("")
        spacing = "; %d calls per process, %d ms apart" % (args.gap_iters, args.gap_ms) if args.gap_ms else ""
        lines.append("### %s (Argon2id v1.3, 32-byte tag, 16-byte salt; ms per call, all calls; %d rounds%s)" % (op, args.rounds, spacing))
        lines.append("")
        header = "| set | m, t, p | " + " | ".join("%s median / min (first call)" % NAMES[i] for i in IMPLS)
        header += " | libargon2rs / best peer (median) | peak RSS over baseline, MiB: " + ", ".join(NAMES[i] for i in IMPLS) + " |"
        lines.append(header)
        lines.append("|" + "---|" * (len(IMPLS) + 4))
        for name in sets:
            m, t, p, _ = SETS[name]
            cells, medians, rss_cells = [], {}, []
            for impl in IMPLS:
                key = (op, name, impl)
                if key not in samples:
                    cells.append("n/a (p > 1)")
                    rss_cells.append("n/a")
                    continue
                s = samples[key]
                medians[impl] = statistics.median(s)
                cells.append("%s / %s (%s)" % (fmt_ms(medians[impl]), fmt_ms(min(s)), fmt_ms(statistics.median(firsts[key]))))
                rss_cells.append("%.1f" % (rss[key] / 1024))
            peers = {k: v for k, v in medians.items() if k not in OURS}
            if peers and "rs" in medians:
                best = min(peers, key=peers.get)
                ratio = "%.2f (vs %s)" % (medians["rs"] / peers[best], NAMES[best])
            else:
                ratio = "n/a (no peer, or libargon2rs not among --impls)"
            mem = "%d MiB" % (m // 1024) if m >= 1024 else "%d KiB" % m
            lines.append("| %s | %s, %d, %d | %s | %s | %s |" % (name, mem, t, p, " | ".join(cells), ratio, ", ".join(rss_cells)))
        lines.extend(per_block_table(op, sets, samples))
    return "\n".join(lines)


def child_times(text):
    return [float(x) for x in re.findall(r"^ms (\S+)", text, re.M)]


def blocks(m, p):
    """Blocks Argon2 fills: m rounded down to a multiple of 4p (at least 8p)."""
    m = max(m, 8 * p)
    return m // (4 * p) * (4 * p)


def per_block_table(op, sets, samples):
    """ns per 1 KiB block (median call / (blocks * t)) for every p = 1 set, and its ratio to
    libargon2rs's C1 (cache-resident) rate: how far memory stalls stretch each block."""
    one_lane = [n for n in sets if SETS[n][2] == 1 and (op, n, "rs") in samples]
    if not one_lane:
        return []
    c1 = statistics.median(samples[(op, "C1", "rs")]) * 1e6 / (blocks(256, 1) * 64) if (op, "C1", "rs") in samples else None
    lines = ["", "#### %s, ns per block (median call / (blocks x t)), p = 1 sets; in brackets: ÷ libargon2rs's C1 ns per block" % op, ""]
    lines.append("| set | " + " | ".join(NAMES[i] for i in IMPLS) + " |")
    lines.append("|" + "---|" * (len(IMPLS) + 1))
    for name in one_lane:
        m, t, p, _ = SETS[name]
        cells = []
        for impl in IMPLS:
            key = (op, name, impl)
            if key not in samples:
                cells.append("n/a")
                continue
            ns = statistics.median(samples[key]) * 1e6 / (blocks(m, p) * t)
            cells.append("%.1f (%.2f)" % (ns, ns / c1) if c1 else "%.1f" % ns)
        lines.append("| %s | %s |" % (name, " | ".join(cells)))
    if c1 is None:
        lines.append("")
        lines.append("(add C1 to --sets for the ratios)")
    return lines


def cold(args):
    """The first call of --cold-procs fresh processes per implementation and set: the cost
    a one-shot process (a CLI, a freshly forked worker) pays every time."""
    lines = []
    for name in args.cold_sets.split(","):
        m, t, p, _ = SETS[name]
        impls = [i for i in IMPLS if can_run(i, p)]
        firsts, faults = {}, {}
        for n in range(args.cold_procs):
            order = impls[n % len(impls):] + impls[:n % len(impls)]
            for impl in order:
                text = run_child(child_cmd(args, impl, ["time", "hash", str(m), str(t), str(p), "1", "0"]))
                firsts.setdefault(impl, []).append(child_times(text)[0])
                found = re.search(r"^faults (\S+)", text, re.M)
                faults.setdefault(impl, []).append(int(found.group(1)) if found else -1)
        lines += ["", "### cold: first call of %d fresh processes each, %s (m=%d KiB, t=%d, p=%d), ms" % (args.cold_procs, name, m, t, p), ""]
        lines.append("| implementation | first calls, in order | median | max | page faults (median) | median / libsodium median | max / libsodium median |")
        lines.append("|---|---|---|---|---|---|---|")
        ref = statistics.median(firsts["sodium"]) if "sodium" in firsts else None
        for impl in impls:
            v = firsts[impl]
            med, top = statistics.median(v), max(v)
            rel = ("%.2f" % (med / ref), "%.2f" % (top / ref)) if ref else ("n/a", "n/a")
            lines.append("| %s | %s | %s | %s | %d | %s | %s |" % (NAMES[impl], ", ".join(fmt_ms(x) for x in v), fmt_ms(med),
                                                               fmt_ms(top), statistics.median(faults[impl]), rel[0], rel[1]))
    return "\n".join(lines)


def pct(values, q):
    """The q-th percentile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q / 100 * len(ordered) + 0.5)) - 1))]


def flood(args):
    """A login flood on libargon2rs alone: --flood-threads threads x --flood-calls verifies of
    an --flood-m KiB (t=1, p=1) hash under a budget of one such verify, with a wait deadline
    of --flood-wait-ms and without one. Every call must succeed or be refused with
    LH_ARGON2_ERR_BUSY, and a refusal must come within the deadline plus one verify."""
    lines = ["", "### flood: %d threads x %d verifies of %d MiB (t=1, p=1) under a %d MiB budget, ms"
             % (args.flood_threads, args.flood_calls, args.flood_m // 1024, args.flood_budget_mib), ""]
    lines.append("| wait deadline | outcome | calls | p50 | p99 | max | one verify alone (before the flood) |")
    lines.append("|---|---|---|---|---|---|---|")
    checks = []
    for wait in (str(args.flood_wait_ms), "forever"):
        text = run_child([args.bench, "flood", str(args.flood_threads), str(args.flood_calls), str(args.flood_m),
                          str(args.flood_budget_mib), wait])
        alone = float(re.search(r"^alone_ms (\S+)", text, re.M).group(1))
        for outcome in ("ok", "busy"):
            v = [float(x) for x in re.findall(r"^%s (\S+)" % outcome, text, re.M)]
            cells = (fmt_ms(statistics.median(v)), fmt_ms(pct(v, 99)), fmt_ms(max(v))) if v else ("-", "-", "-")
            label = "%s ms" % wait if wait != "forever" else "none"
            lines.append("| %s | %s | %d | %s | %s | %s | %s |"
                         % (label, "success" if outcome == "ok" else "BUSY", len(v), *cells, fmt_ms(alone)))
            if outcome == "busy" and v and wait != "forever":
                bound = int(wait) + alone
                checks.append("refused calls returned within the deadline + one verify alone (%s ms + %s ms = %s ms): %s (max %s ms)"
                              % (wait, fmt_ms(alone), fmt_ms(bound), "yes" if max(v) <= bound else "NO", fmt_ms(max(v))))
            if outcome == "busy" and v and wait == "forever":
                checks.append("without a deadline no call may be refused: NO (%d refused)" % len(v))
    return "\n".join(lines + [""] + checks)


def starve(args):
    """A budget-sized hash (--starve-big KiB = the --starve-budget-mib budget) among
    --starve-loopers threads verifying --starve-small KiB hashes in a loop: how long it
    waits to start (its time under the load minus its time alone) against the time of what
    was ahead of it (the loopers' slowest call before it arrived)."""
    text = run_child([args.bench, "starve", str(args.starve_loopers), str(args.starve_small), str(args.starve_big),
                      str(args.starve_budget_mib)])
    get = lambda key: float(re.search(r"^%s (\S+)" % key, text, re.M).group(1))
    big_alone, big_loaded, ahead = get("big_alone_ms"), get("big_loaded_ms"), get("small_loaded_max_ms")
    lines = ["", "### starve: one %d MiB hash among %d threads verifying %d MiB hashes in a loop, %d MiB budget"
             % (args.starve_big // 1024, args.starve_loopers, args.starve_small // 1024, args.starve_budget_mib), ""]
    lines.append("| large hash alone | large hash under the loopers | so it waited to start | loopers' slowest call before it came (what was ahead) | looper calls that finished while it waited or ran (at most %d were ahead) | small verify alone |" % args.starve_loopers)
    lines.append("|---|---|---|---|---|---|")
    lines.append("| %s ms | %s ms | %s ms | %s ms | %d | %s ms |" % (fmt_ms(big_alone), fmt_ms(big_loaded), fmt_ms(max(0.0, big_loaded - big_alone)),
                                                                fmt_ms(ahead), int(get("finished_meanwhile")), fmt_ms(get("small_alone_ms"))))
    return "\n".join(lines)


def probe(args, *words):
    text = run_child([args.probe] + [str(w) for w in words])
    return {k: float(v) for k, v in re.findall(r"^(\w+) (\S+)", text, re.M)}


def limit(args):
    """This machine's limits without Argon2 (bench/probe.c): one core's streaming read and
    write bandwidth, the latency of a dependent random load, and what faulting fresh
    memory costs with and without huge pages."""
    lines = ["", "### machine limits (bench/probe.c; medians of %d runs)" % args.rounds, ""]
    lines.append("| probe | result |")
    lines.append("|---|---|")
    stream = [probe(args, "stream", args.stream_mib, 3)["gbps"] for _ in range(args.rounds)]
    lines.append("| one core reads and writes %d MiB in place (x ^= 1) | %.1f GB/s read + written; %.0f ns per 1 KiB block read and written |"
                 % (args.stream_mib, statistics.median(stream), 2048 / statistics.median(stream)))
    for mib in (1, 64):
        chase = [probe(args, "chase", mib, 4000000)["ns"] for _ in range(args.rounds)]
        lines.append("| dependent random 64-byte loads over %d MiB (huge-page advised) | %.1f ns each |" % (mib, statistics.median(chase)))
    # Over 64 MiB, alone and with a pass's traffic: measured once, in memory_wall's rounds.
    fetch = [probe(args, "blocks", 1, 1000000)["ns"] for _ in range(args.rounds)]
    lines.append("| random 1 KiB blocks over 1 MiB, each address in all 16 lines of the block before | %.1f ns each |"
                 % statistics.median(fetch))
    for layout, what in (("same", "one random 1 KiB block"), ("spread", "16 random lines of 16 blocks")):
        hop = [probe(args, "lines", 64, 200000, layout)["ns"] for _ in range(args.rounds)]
        lines.append("| 16 dependent lines per hop over 64 MiB, from %s | %.1f ns per hop |" % (what, statistics.median(hop)))
    lines.extend(memory_wall(args))
    for mode in ("huge", "small"):
        runs = [probe(args, "fault", 64, mode) for _ in range(args.rounds)]
        ms = [r["ms"] for r in runs]
        lines.append("| fresh process maps 64 MiB (%s pages), touches every 4 KiB | %s ms (each: %s), %d faults |"
                     % (mode, fmt_ms(statistics.median(ms)), ", ".join(fmt_ms(x) for x in ms), runs[0]["faults"]))
    return "\n".join(lines)


def memory_wall(args):
    """Our C1 and P3 ns per block beside the dependent 1 KiB fetch over P3's 64 MiB (alone
    and with a later pass's in-order read and rewrite) and P3 hashed as Argon2i
    and as Argon2d, interleaved round by round so all share the machine's speed of the
    moment. A data-dependent block's reference address is known only from the block
    before, so the fetch alone is a floor under it; Argon2i knows every address ahead, so
    its P3 is what the same memory traffic costs with the latency hidden, and Argon2d's
    P3 (every block data-dependent) less the fetch is what G adds on that chain.

    The floor (probe argon2 ... g): a data-dependent block cannot start G before its
    reference has arrived, and the next fetch cannot start before G has made the first
    word, which takes at least two permutations in a row (the rows', then column 0's),
    whatever G's width; the probe runs Argon2's own reference choice and traffic with
    exactly the AVX-512 kernel's instructions for those in between, so
    its ns per block bound P3's data-dependent blocks from below, memory waits at that
    pace included. With the data-independent blocks (1 / (2t) of them) free, P3 >=
    (1 - 1/(2t)) x that; with them at C1's rate (the fastest G measured here), that
    plus 1/(2t) x C1."""
    cells = {("rs", "C1"): [], ("rs", "P3"): [], ("rsi", "P3"): [], ("rsd", "P3"): []}
    fetch, fetch_rw, chain, traffic, traffic_g = [], [], [], [], []
    passes = SETS["P3"][1]
    for _ in range(args.rounds):
        fetch.append(probe(args, "blocks", 64, 200000)["ns"])
        fetch_rw.append(probe(args, "blocks", 64, 200000, "rw")["ns"])
        chain.append(probe(args, "permute", 4000000)["ns"])
        traffic.append(probe(args, "argon2", 64, passes)["ns"])
        traffic_g.append(probe(args, "argon2", 64, passes, "g")["ns"])
        for impl, name in cells:
            m, t, p, iters = SETS[name]
            times = child_times(run_child(child_cmd(args, impl, ["time", "hash", str(m), str(t), str(p), str(iters), "0"])))
            cells[(impl, name)].append(statistics.median(times) * 1e6 / (blocks(m, p) * t))
    c1, p3, p3i, p3d = (statistics.median(cells[key]) for key in (("rs", "C1"), ("rs", "P3"), ("rsi", "P3"), ("rsd", "P3")))
    wall, wall_rw = statistics.median(fetch), statistics.median(fetch_rw)
    rows = []
    if min(chain + traffic + traffic_g) > 0:
        permutation, bare, paced = (statistics.median(x) for x in (chain, traffic, traffic_g))
        floor = (1 - 1 / (2 * passes)) * paced
        floor_c1 = floor + c1 / (2 * passes)
        rows = ["| same rounds: Argon2d's own traffic over 64 MiB without G (probe argon2: references as Argon2 picks "
                "them, recent blocks favoured) | %.1f ns per block (%.2f x C1) |" % (bare, bare / c1),
                "| same rounds: the rows' P then the columns' P in a dependent chain (the AVX-512 kernel's "
                "instructions, probe permute); the same traffic with one of those between a reference's arrival and the "
                "next address, the least any G does there "
                "(probe argon2 ... g) | %.1f ns; %.1f ns per block (%.2f x C1) |" % (permutation, paced, paced / c1),
                "| P3's floor on this machine: (1 - 1/(2t)) x the latter, the data-independent blocks counted free; "
                "and with them at C1's rate | %.1f ns per block (%.2f x C1); %.1f ns (%.2f x C1); P3 measured %.2f x C1, "
                "%.2f x the latter floor |"
                % (floor, floor / c1, floor_c1, floor_c1 / c1, p3 / c1, p3 / floor_c1)]
    return ["| random 1 KiB blocks over 64 MiB, each address in all 16 lines of the block before | %.1f ns each |" % wall,
            "| the same over 64 MiB, each hop also reading and rewriting the next 1 KiB in order (a later pass's traffic) "
            "| %.1f ns each |" % wall_rw,
            "| same rounds: libargon2rs ns per block: C1; P3; P3 as Argon2i (addresses known ahead) and as Argon2d "
            "(every block waits for its fetch); the dependent 1 KiB fetch over 64 MiB, alone and with a later pass's traffic "
            "| C1 %.1f; P3 %.1f (%.2f x C1); Argon2i %.1f (%.2f x C1); Argon2d %.1f (%.2f x C1); "
            "fetch %.1f (%.2f x C1), with traffic %.1f (%.2f x C1) |"
            % (c1, p3, p3 / c1, p3i, p3i / c1, p3d, p3d / c1, wall, wall / c1, wall_rw, wall_rw / c1)] + rows


def ab(args):
    """This tree's build (B) against another build of libargon2rs (A, --ab-base), both in
    one process hashing in alternating pairs (bench.c's ab). Each build keeps its own
    working memory, whose physical placement alone moved one process's ratio by up to
    5 % between identical copies, so every set takes --ab-procs processes in each load
    order and reports the median of their ratios."""
    if not args.ab_base:
        raise SystemExit("--mode ab needs --ab-base PATH (the libargon2rs.so to compare against)")
    build = os.environ["LH_BENCH_RS_LIB"]
    lines = ["", "### ab: B = this tree's build, A = %s (per-process median ratio of %d pairs; %d processes per load order)"
             % (args.ab_base, args.ab_pairs, args.ab_procs), ""]
    lines.append("| set | m, t, p | B / A, each process (sorted) | median B / A |")
    lines.append("|---|---|---|---|")
    for name in args.sets.split(","):
        m, t, p, _ = SETS[name]
        ratios = []
        for _ in range(args.ab_procs):
            for first, second in ((args.ab_base, build), (build, args.ab_base)):
                text = run_child([args.bench, "ab", first, second, str(m), str(t), str(p), str(args.ab_pairs)])
                ratio = float(re.search(r"^ratio_b_a (\S+)", text, re.M).group(1))
                ratios.append(ratio if first == args.ab_base else 1 / ratio)
        lines.append("| %s | %d KiB, %d, %d | %s | %.3f |" % (name, m, t, p, ", ".join("%.3f" % r for r in sorted(ratios)),
                                                          statistics.median(ratios)))
    return "\n".join(lines)


def conc_params(spec):
    """A set name (P2) or m_kib:t:p (1024:32:1)."""
    if spec in SETS:
        return SETS[spec][:3]
    try:
        m, t, p = (int(x) for x in spec.split(":"))
    except ValueError:
        raise SystemExit("--conc-set: expected a set name (P1..P6) or m_kib:t:p, got %r" % spec)
    return m, t, p


def concurrent(args):
    return "\n".join(concurrent_one(args, spec) for spec in (args.conc_set or ["P2"]))


def concurrent_one(args, spec):
    m, t, p = conc_params(spec)
    threads = sorted({1, 2, args.threads})
    res = {}
    for rnd in range(args.rounds):
        for impl in IMPLS:
            if not can_run(impl, p):
                continue
            for n in threads:
                text = run_child(child_cmd(args, impl, ["conc", str(m), str(t), str(p), str(n), str(args.seconds)]))
                elapsed = float(re.search(r"^elapsed_ms (\S+)", text, re.M).group(1))
                lat = [float(x) for x in re.findall(r"^lat (\S+)", text, re.M)]
                r = res.setdefault((impl, n), {"ops": 0, "ms": 0.0, "lat": []})
                r["ops"] += len(lat)
                r["ms"] += elapsed
                r["lat"] += lat
        print("round %d/%d done" % (rnd + 1, args.rounds), file=sys.stderr, flush=True)
    lines = ["", "### concurrent verification, %s (m=%d KiB, t=%d, p=%d), %d rounds x %.1f s per cell" % (spec, m, t, p, args.rounds, args.seconds), ""]
    lines.append("| implementation | threads | verifications/s | p50 ms | p99 ms | throughput vs 1 thread |")
    lines.append("|---|---|---|---|---|---|")
    for impl in IMPLS:
        for n in threads:
            if (impl, n) not in res:
                continue
            r = res[(impl, n)]
            lat = sorted(r["lat"])
            tput = r["ops"] / (r["ms"] / 1e3)
            one = res[(impl, 1)]
            scale = tput / (one["ops"] / (one["ms"] / 1e3))
            p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
            lines.append("| %s | %d | %.1f | %s | %s | %.2f |" % (NAMES[impl], n, tput, fmt_ms(statistics.median(lat)), fmt_ms(p99), scale))
    return "\n".join(lines)


def callgrind(args):
    # (label, m KiB, t, p): the m = 4096 hash weighs the block compression; P5 (8 KiB)
    # weighs BLAKE2b (H0, the first blocks, the tag).
    sets = [("m=4096 KiB, t=1, p=1", "4096", "1", "1"), ("P5: m=8 KiB, t=1, p=1", "8", "1", "1")]
    lines = ["", "### instructions per hash (callgrind, one Argon2id hash, 32-byte tag)", ""]
    lines.append("| implementation | " + " | ".join("%s | vs libsodium" % s[0] for s in sets) + " |")
    lines.append("|---|" + "---|---|" * len(sets))
    counts = {}
    for impl in CALLGRIND_IMPLS:
        for label, m, t, p in sets:
            out = subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=bench_hash",
                                  "--callgrind-out-file=/dev/null", args.bench, "once", impl, m, t, p],
                                 capture_output=True, text=True)
            found = re.search(r"Collected : (\d+)", out.stderr)
            if out.returncode != 0 or not found:
                raise SystemExit("callgrind failed for %s:\n%s" % (impl, out.stderr))
            counts[impl, label] = int(found.group(1))
    for impl in CALLGRIND_IMPLS:
        cells = ["%d | %.2f" % (counts[impl, s[0]], counts[impl, s[0]] / counts["sodium", s[0]]) for s in sets]
        lines.append("| %s | %s |" % (NAMES[impl], " | ".join(cells)))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--probe", required=True, help="bench/probe.c, built (limit mode)")
    ap.add_argument("--mode", choices=["table", "concurrent", "callgrind", "cold", "limit", "flood", "starve", "all", "ab"],
                    default="table", help="all: every mode but ab")
    ap.add_argument("--sets", default="C1,P1,P2,P3,P4,P5,P6")
    ap.add_argument("--impls", default=",".join(IMPLS), help="the implementations (columns), rs first")
    ap.add_argument("--ops", default="hash,verify")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2, help="concurrent mode: N threads (1 and 2 always run)")
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--gap-ms", type=int, default=0,
                    help="table mode: idle time between calls (a lightly used server), e.g. 3000")
    ap.add_argument("--gap-iters", type=int, default=4, help="table mode with --gap-ms: calls per process")
    ap.add_argument("--conc-set", action="append",
                    help="concurrent mode: a set name or m_kib:t:p; repeat for several (default P2)")
    ap.add_argument("--cold-procs", type=int, default=10, help="cold mode: fresh processes per implementation")
    ap.add_argument("--stream-mib", type=int, default=2048,
                    help="limit mode: memory the bandwidth probe streams through (well above the last-level cache)")
    ap.add_argument("--cold-sets", default="P3", help="cold mode: the sets whose first calls are measured")
    ap.add_argument("--flood-threads", type=int, default=32)
    ap.add_argument("--flood-calls", type=int, default=5, help="flood mode: verifies per thread")
    ap.add_argument("--flood-m", type=int, default=65536, help="flood mode: KiB per hash")
    ap.add_argument("--flood-budget-mib", type=int, default=64)
    ap.add_argument("--flood-wait-ms", type=int, default=500)
    ap.add_argument("--starve-loopers", type=int, default=4)
    ap.add_argument("--starve-small", type=int, default=19456, help="starve mode: KiB per looping verify")
    ap.add_argument("--starve-big", type=int, default=131072, help="starve mode: KiB of the large hash")
    ap.add_argument("--starve-budget-mib", type=int, default=128)
    ap.add_argument("--ab-base", help="ab mode: the libargon2rs.so this tree's build is compared with")
    ap.add_argument("--ab-procs", type=int, default=5, help="ab mode: processes per set and load order")
    ap.add_argument("--ab-pairs", type=int, default=10, help="ab mode: pairs of calls per process")
    args = ap.parse_args()
    IMPLS[:] = args.impls.split(",")
    args.here = os.path.dirname(os.path.abspath(__file__))
    print("# libargon2rs benchmark: %s, %d CPUs, load average at start %s" % (cpu_name(), os.cpu_count(), loadavg()))
    if args.mode in ("table", "all"):
        print(table(args), flush=True)
    if args.mode in ("concurrent", "all"):
        print(concurrent(args), flush=True)
    if args.mode in ("callgrind", "all"):
        print(callgrind(args), flush=True)
    if args.mode in ("cold", "all"):
        print(cold(args), flush=True)
    if args.mode in ("limit", "all"):
        print(limit(args), flush=True)
    if args.mode in ("flood", "all"):
        print(flood(args), flush=True)
    if args.mode in ("starve", "all"):
        print(starve(args), flush=True)
    if args.mode == "ab":
        print(ab(args), flush=True)
    print("\n# load average at end %s (other processes share these CPUs when it exceeds the CPU count)" % loadavg())


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


main()
