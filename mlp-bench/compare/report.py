"""Writes the comparison's Markdown report from run.sh's work folder (JMH -rf json files, the peers'
JSON lines, the accuracy lines, the machine and load records).

    /usr/bin/python3 report.py WORK_DIR > results-DATE-COMMIT.md
"""
import glob
import json
import os
import re
import sys

# (key, label, unit of the table, scale from our JMH unit, JMH benchmark, JMH runs (1 core, 2 cores))
ROWS = [  # (task key, label, short label, unit)
    ("blog", "digits blog: 64-15-10 ReLU/sigmoid, MSE + blog rule, batch 15, SGD 1e-3 — one epoch",
     "digits blog, epoch", "ms"),
    ("digits-wide", "digits wide: 64-128-10 ReLU/softmax CE, Adam 1e-3, batch 32 (x/16) — one epoch",
     "digits wide, epoch", "ms"),
    ("blog-predict", "digits predict: 64-15-10 over 1797 rows", "digits predict", "µs"),
    ("fashion-predict", "Fashion-sized predict: 784-256-128-10 over 10000 rows", "Fashion-sized predict", "ms"),
    ("fashion-sgd", "Fashion-sized: 784-256-128-10 ReLU/softmax CE, batch 128, SGD 0.05 — one epoch",
     "Fashion-sized SGD, epoch", "ms"),
    ("fashion-adam", "Fashion-sized: the same, Adam 1e-3 — one epoch", "Fashion-sized Adam, epoch", "ms"),
]
JMH_NAMES = {
    "blog": "EpochBenchmark.blog",
    "digits-wide": "EpochBenchmark.digitsWide",
    "blog-predict": "PredictBenchmark.digits",
    "fashion-predict": "PredictBenchmark.fashion10k",
    "fashion-sgd": "EpochBenchmark.fashionSgd",
    "fashion-adam": "EpochBenchmark.fashionAdam",
}
TO_MS = {"ms/op": 1.0, "s/op": 1000.0, "us/op": 1e-3, "ns/op": 1e-6}
SIDES = ["numpy", "sklearn", "torch"]


def read_lines(path):
    out = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    out.append(json.loads(line))
    return out


def jmh_results(work):
    """{(run, key): {"ms": mean in ms, "err": error in ms, "alloc": bytes per op}}."""
    out = {}
    for path in glob.glob(os.path.join(work, "jmh-*.json")):
        run = os.path.basename(path)[4:-5]
        with open(path) as f:
            try:
                data = json.load(f)
            except ValueError:
                continue
        for result in data:
            name = ".".join(result["benchmark"].split(".")[-2:])
            key = next((k for k, v in JMH_NAMES.items() if v == name), None)
            if key is None:
                continue
            primary = result["primaryMetric"]
            scale = TO_MS[primary["scoreUnit"]]
            err = primary.get("scoreError")
            alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            out[(run, key)] = {"ms": primary["score"] * scale,
                               "err": err * scale if isinstance(err, (int, float)) and err == err else None,
                               "alloc": alloc, "runs": len(primary.get("rawData", [[]])[0])}
    return out


def fmt_time(ms, unit):
    if ms is None:
        return "—"
    v = ms * 1000 if unit == "µs" else ms
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return "%.2f×" % (a / b)


def fmt_bytes(b):
    if b is None:
        return "—"
    if b >= 1e6:
        return "%.1f MB" % (b / 1e6)
    if b >= 1e3:
        return "%.1f kB" % (b / 1e3)
    return "%.0f B" % b


def same_steps_note(acc):
    """Whether ours, numpy and torch reached the same number of correct rows in each accuracy task."""
    tasks = sorted({task for side, task in acc})
    same = [t for t in tasks if len({acc[(s, t)]["correct"] for s in ("ours", "numpy", "torch") if (s, t) in acc}) == 1
            and all((s, t) in acc for s in ("ours", "numpy", "torch"))]
    if not tasks:
        return ""
    if len(same) == len(tasks):
        return ": in this run their accuracies agree to the row in every accuracy task"
    return ": in this run their accuracies agree to the row in %s" % (", ".join(same) or "no accuracy task")


def main():
    work = sys.argv[1]
    with open(os.path.join(work, "meta.json")) as f:
        meta = json.load(f)
    jmh = jmh_results(work)
    peers = read_lines(os.path.join(work, "peers.jsonl"))
    accuracy = read_lines(os.path.join(work, "accuracy.jsonl"))
    kernels = read_lines(os.path.join(work, "kernels.jsonl"))
    steps = read_lines(os.path.join(work, "steps.jsonl"))

    envs = {}
    timings = {}
    for rec in peers:
        if rec["task"] == "environment":
            envs.setdefault((rec["side"], rec["threads_arg"]), rec)
            continue
        threads = rec.get("threads", 1)
        task = rec["task"] + ("@" + rec["variant"] if rec.get("variant") else "")
        timings[(rec["side"], task, threads)] = rec

    def peer_ms(side, task, threads):
        rec = timings.get((side, task, threads))
        if rec is None:
            return None
        return rec["mean"] / 1000.0 if rec["unit"] == "us" else rec["mean"]

    def peer_spread(side, task, threads):
        """(fastest, slowest, repetitions) of a peer's timed calls, in ms, or None."""
        rec = timings.get((side, task, threads))
        if rec is None or not rec.get("values"):
            return None
        scale = 1 / 1000.0 if rec["unit"] == "us" else 1.0
        return min(rec["values"]) * scale, max(rec["values"]) * scale, len(rec["values"])

    def ours(key, threads, accel):
        prefix = "digits" if key in ("blog", "digits-wide", "blog-predict", "fashion-predict") else "fashion"
        run = prefix + ("-accel" if accel else "-default") + ("-2c" if threads == 2 else "")
        return jmh.get((run, key))

    acc = {(r["side"], r["task"]): r for r in accuracy}

    def acc_cell(task):
        values = []
        for side in ["ours"] + SIDES:
            r = acc.get((side, task))
            values.append("%.4f" % r["accuracy"] if r else "—")
        return " / ".join(values)

    p = []
    p.append("# Peer comparison, %s" % meta["date"])
    p.append("")
    p.append("Machine: %s, %s CPU(s) (%s thread(s) per core; %s), %s, Linux %s. Java: %s." % (
        meta["cpu_model"], meta["cpus"], meta["threads_per_core"], meta["simd"], meta["os"], meta["kernel"],
        meta["java"]))
    env1 = envs.get(("numpy", 1), {})
    tenv = envs.get(("torch", 1), {})
    senv = envs.get(("sklearn", 1), {})
    blas = next((b for b in env1.get("blas", []) if b.get("internal_api") == "openblas"), {})
    p.append("Peers (Debian packages, system python %s): numpy %s, scikit-learn %s, PyTorch %s; OpenBLAS %s, "
             "kernel `%s` (threadpoolctl), %s threading." % (
                 env1.get("python", "?"), env1.get("numpy", "?"), senv.get("sklearn", "?"), tenv.get("torch", "?"),
                 blas.get("version", "?"), blas.get("architecture", "?"), blas.get("threading_layer", "?")))
    p.append("Ours: commit `%s`; kernels selected: %s." % (meta["commit"], "; ".join(sorted(
        {"%s → %s (%s CPU(s) seen, GC %s)" % (k.get("run"), k["kernel"], k["cpus"], k["gc"]) for k in kernels}))))
    p.append("Command: `%s`%s." % (meta["command"].strip(), " (quick smoke run: digits only, short iterations)"
                                    if meta["quick"] else ""))
    p.append("")
    p.append("Times are the mean per epoch (or per predict call); ours from JMH (`-prof gc`), ± its 99.9%% error; "
             "the peers' from `time.perf_counter`. Digits rows: every side times fits of 10 epochs and divides by 10 "
             "(ours: JMH `@OperationsPerInvocation(10)`; peers: one warm-up fit, then the mean of the timed fits). "
             "Fashion-sized rows: one epoch per timed call (ours: JMH single shots, `-wi 1 -i 2`; peers: one "
             "warm-up epoch, then 2 timed). "
             "Ratios are peer time / our time: above 1 we are faster. "
             "Single-core rows: every side under `taskset -c %s` with one thread "
             "(`-Dmlp.threads=1`; `OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1`; "
             "`torch.set_num_threads(1)`). 2-core rows: `taskset -c %s`, two threads each, and for the peers "
             "`OMP_WAIT_POLICY=PASSIVE` (see the notes)." % (
                 meta["cores_single"], meta["cores_two"]))
    p.append("")

    header = ("| config | cores | ours default | ours accelerated | numpy | scikit-learn | PyTorch | "
              "numpy / ours default | numpy / ours accelerated | accuracy: ours / numpy / sklearn / torch |")
    p.append(header)
    p.append("|---|---|---|---|---|---|---|---|---|---|")
    ratio_rows = []
    for key, label, short, unit in ROWS:
        for threads in (1, 2):
            d = ours(key, threads, False)
            a = ours(key, threads, True)
            peer_vals = {s: peer_ms(s, key, threads) for s in SIDES}
            if d is None and a is None and all(v is None for v in peer_vals.values()):
                continue

            def ours_cell(r):
                if r is None:
                    return "—"
                err = r["err"]
                return fmt_time(r["ms"], unit) + ("" if err is None else " ±" + fmt_time(err, unit))
            accuracy_task = {"blog": "blog-accuracy", "fashion-sgd": "fashion-accuracy-sgd",
                             "fashion-adam": "fashion-accuracy-adam"}.get(key)
            acc_text = acc_cell(accuracy_task) if accuracy_task and threads == 1 else ""
            p.append("| %s (%s) | %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                label, unit, threads, ours_cell(d), ours_cell(a),
                fmt_time(peer_vals["numpy"], unit), fmt_time(peer_vals["sklearn"], unit),
                fmt_time(peer_vals["torch"], unit),
                fmt_ratio(peer_vals["numpy"], d and d["ms"]), fmt_ratio(peer_vals["numpy"], a and a["ms"]),
                acc_text))
            ratio_rows.append((short, unit, threads, d, a, peer_vals))
            f32 = peer_ms("torch", key + "-f32", threads)
            if f32 is not None:
                p.append("| ↳ extra: PyTorch in **float32** (everything else is float64) | %d | | | | | %s | | | |" % (
                    threads, fmt_time(f32, unit)))
                ratio_rows.append(("↳ %s, PyTorch float32" % short, unit, threads, d, a, {"torch": f32}))
            spin = peer_ms("torch", key + "@omp-default", threads)
            if spin is not None:
                p.append("| ↳ extra: PyTorch float64 with `OMP_WAIT_POLICY` unset (GNU OpenMP spin-waits; "
                         "the row above has `PASSIVE`) | %d | | | | | %s | | | |" % (threads, fmt_time(spin, unit)))
                ratio_rows.append(("↳ %s, PyTorch, OMP_WAIT_POLICY unset" % short, unit, threads, d, a,
                                   {"torch": spin}))
    p.append("")
    p.append("All ratios (peer time / our time; above 1 we are faster):")
    p.append("")
    p.append("| config | cores | numpy / default | numpy / accelerated | sklearn / default | sklearn / accelerated | "
             "torch / default | torch / accelerated |")
    p.append("|---|---|---|---|---|---|---|---|")
    for label, unit, threads, d, a, vals in ratio_rows:
        cells = []
        for s in SIDES:
            cells.append(fmt_ratio(vals.get(s), d and d["ms"]))
            cells.append(fmt_ratio(vals.get(s), a and a["ms"]))
        p.append("| %s | %d | %s |" % (label, threads, " | ".join(cells)))
    p.append("")

    p.append("The same against numpy's *fastest* repetition (the peers' timings can be bimodal on a shared "
             "machine, and a mean over few repetitions then flatters us): the conservative ratio.")
    p.append("")
    p.append("| config | cores | numpy fastest … slowest (repetitions) | fastest / ours default | "
             "fastest / ours accelerated |")
    p.append("|---|---|---|---|---|")
    for key, label, short, unit in ROWS:
        for threads in (1, 2):
            spread = peer_spread("numpy", key, threads)
            if spread is None:
                continue
            d = ours(key, threads, False)
            a = ours(key, threads, True)
            p.append("| %s | %d | %s … %s (%d) | %s | %s |" % (
                short, threads, fmt_time(spread[0], unit), fmt_time(spread[1], unit), spread[2],
                fmt_ratio(spread[0], d and d["ms"]), fmt_ratio(spread[0], a and a["ms"])))
    p.append("")

    p.append("Accuracy each side reached:")
    p.append("")
    p.append("| what | ours | numpy | scikit-learn | PyTorch | measured on |")
    p.append("|---|---|---|---|---|---|")
    acc_labels = {"blog-accuracy": "digits blog config, 100 epochs (seed 1)",
                  "fashion-accuracy-sgd": "Fashion-MNIST (real), 784-256-128-10, SGD 0.05, 1 epoch",
                  "fashion-accuracy-adam": "Fashion-MNIST (real), 784-256-128-10, Adam 1e-3, 1 epoch"}
    for task, label in acc_labels.items():
        rs = [acc.get((s, task)) for s in ["ours"] + SIDES]
        if not any(rs):
            continue
        on = next(r["on"] for r in rs if r)
        p.append("| %s | %s | %s |" % (label, " | ".join(
            "%.4f (%d/%d)" % (r["accuracy"], r["correct"], r["rows"]) if r else "—" for r in rs), on))
    digits_txt = os.path.join(work, "mlp-digits.txt")
    if os.path.exists(digits_txt):
        with open(digits_txt) as f:
            m = re.search(r"^\s*accuracy\s+([0-9.]+)\s+(\d+)", f.read(), re.M)
        if m:
            p.append("")
            p.append("Cross-check: `java -jar mlp-examples/target/mlp-examples.jar digits --test-fraction 0` "
                     "reports accuracy %s on %s rows (two decimals)." % (m.group(1), m.group(2)))
    p.append("")

    runs = [("default", "default, 1 core"), ("accel", "accelerated, 1 core"),
            ("default-2c", "default, 2 cores"), ("accel-2c", "accelerated, 2 cores")]
    alloc_rows = []
    for key, _, short, _ in ROWS:
        if key not in JMH_NAMES:
            continue
        prefix = "digits" if key in ("blog", "digits-wide", "blog-predict", "fashion-predict") else "fashion"
        cells = [jmh.get((prefix + "-" + suffix, key), {}).get("alloc") for suffix, _ in runs]
        if any(c is not None for c in cells):
            alloc_rows.append((JMH_NAMES[key], cells))
    if alloc_rows:
        used = [i for i in range(len(runs)) if any(cells[i] is not None for _, cells in alloc_rows)]
        p.append("Our allocation per operation (JMH `-prof gc`, `gc.alloc.rate.norm`; an operation is one epoch, "
                 "or one predict call):")
        p.append("")
        p.append("| benchmark | " + " | ".join(runs[i][1] for i in used) + " |")
        p.append("|---|" + "---|" * len(used))
        for name, cells in alloc_rows:
            p.append("| %s | %s |" % (name, " | ".join(fmt_bytes(cells[i]) for i in used)))
        p.append("")

    p.append("Notes:")
    p.append("")
    p.append("- Same data for every side: digits from `mlp-data` (1797 × 64, unscaled for the blog, /16 for the "
             "wide net); Fashion-sized timing rows are EpochBenchmark's synthetic %d × 784 uniform [0, 1) "
             "values with labels 0..9, drawn with the same numpy-compatible generator (seed 7), identical on "
             "every side. Accuracy on synthetic rows would mean nothing (random labels), so the Fashion accuracy "
             "rows train one epoch on the real Fashion-MNIST (Debian's dataset-fashion-mnist) and test on its "
             "10000 test images." % meta.get("fashion_rows", 60000))
    p.append("- Rows per epoch: ours, the hand-written numpy and the torch loops drop the last partial batch "
             "(digits: 119 × 15 = 1785 rows as the blog; digits wide: 56 × 32; Fashion: 468 × 128); "
             "scikit-learn trains the remainder as a smaller batch (one batch more).")
    p.append("- numpy, blog row: the blog's own code (`blog_reference.py`, imported unchanged), `fit(epochs=10)` "
             "per timed call (it also computes the full-set loss once per 10 epochs, as the blog's fit does); the other numpy rows are the same networks hand-written with `@` in float64. "
             "PyTorch: the blog row is the blog's rule hand-written in torch (float64); the other rows use "
             "`nn.Sequential` + autograd + `torch.optim`. Ours, numpy and PyTorch start from the blog's initialisation "
             "(numpy seed 1) and shuffle from the same stream, so they take the same steps up to rounding%s." % (
                 same_steps_note(acc)))
    p.append("- scikit-learn's MLPClassifier always ends in softmax + log-loss: its blog row trains the same "
             "64-15-10 ReLU network with plain SGD (momentum 0, alpha 0, lr 1e-3, batch 15) but not the blog's "
             "sigmoid + MSE rule, from its own Glorot initialisation. Its digits rows time `fit(max_iter=10, "
             "warm_start=True)`, its Fashion rows one `partial_fit` (one epoch) per call.")
    p.append("- Accuracy in the blog row is on the training data, as the blog reports it.")
    openblas_outside = meta.get("openblas_env_outside", "")
    p.append("- OpenBLAS: the peers ran with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (outside: %s); "
             "threadpoolctl then reported kernel `%s`." % (openblas_outside, blas.get("architecture", "?")))
    for (side, threads), env in sorted(envs.items()):
        pools = ", ".join("%s %s %s thread(s)" % (b.get("internal_api"), b.get("architecture") or "",
                                                   b.get("num_threads")) for b in env.get("blas", []))
        extra = " torch threads %s;" % env.get("torch_threads") if side == "torch" else ""
        p.append("  - %s at %d thread(s):%s %s" % (side, threads, extra, pools))
    p.append("- 2-core peers run with `OMP_WAIT_POLICY=PASSIVE`. PyTorch keeps its own OpenMP threads "
             "(elementwise work, autograd) next to OpenBLAS's pthreads (matrix products); GNU OpenMP's default "
             "spin-waiting then keeps both cores busy between parallel regions and the two pools take turns "
             "slowly. The extra 'OMP_WAIT_POLICY unset' row shows what a run without the setting gets.")
    p.append("- Our JVM picks its collector by the CPUs it sees: Serial under one core, G1 under two "
             "(see the kernels line above).")
    if steps:
        p.append("- Load: the machine is shared. For each step, the load average (1/5/15 min) before it, how busy "
                 "each core was in the 2 s before it (others' work only), and how busy each core was while it ran "
                 "(ours plus others'; for a step pinned to core %s, the other core's share is others' work):"
                 % meta["cores_single"])
        for s in steps:
            def cores(d):
                return " ".join("%s %s%%" % (k, v) for k, v in sorted(d.items()))
            p.append("  - %s–%s %s: load %s; busy before: %s; during: %s" % (
                s["start"], s["end"], s["step"], s["loadavg_before"], cores(s["busy_before"]),
                cores(s["busy_during"])))
    p.append("")
    print("\n".join(p))


if __name__ == "__main__":
    main()
