# Chooses the strace tests whose traced syscalls include one of strace's %network or %desc
# class (TN or TD in the x86_64 syscall table), from strace's own sources. Prints one line per
# chosen test: "TESTFILE<TAB>syscalls of those classes it traces". The tests of wait4, waitid and
# clone3 (and their -v, -X and injected forms) and clone-flags are chosen too.
#
# usage: awk -v tests=SRC/tests -f select-tests.awk \
#            SRC/src/linux/x86_64/syscallent.h SRC/tests/Makefile.am SRC/tests/gen_tests.in
#
# A test's traced set is what its strace command lines ask for: every -e trace=EXPR (also
# -etrace=, --trace=, -e t=, and -eEXPR, whose default qualifier is trace), from its line in
# gen_tests.in, the script that line names with +SCRIPT, a hand-written TEST.test, and the NAME.in
# program list of test_trace_expr/test_prog_set tests. EXPR is resolved as strace resolves it:
# names, ?name, %class (strace's class names), /regex, all, none, a leading ! negating the set.
# Tests that leave the set to the harness (run_strace_match_diff/_grep without -e trace=) trace
# the syscall named like the test, as init.sh does.

FILENAME ~ /syscallent\.h$/ {
    # [ 44] = { 6,	TN,		SEN(sendto),			"sendto"		},
    if (match($0, /"[a-z0-9_]+"/)) {
        name = substr($0, RSTART + 1, RLENGTH - 2)
        line = $0
        sub(/^[^{]*\{[^,]*,[ \t]*/, "", line)
        sub(/,.*/, "", line)
        gsub(/[ \t]/, "", line)
        flags[name] = "|" line "|"
        all[name] = 1
    }
    next
}

FILENAME ~ /Makefile\.am$/ {
    if ($0 ~ /^(DECODER|MISC)_TESTS[ \t]*=/) { inlist = 1; sub(/^[^=]*=/, "") }
    if (inlist) {
        cont = ($0 ~ /\\[ \t]*$/)
        for (i = 1; i <= NF; i++)
            if ($i ~ /\.test$/) order[++ntests] = $i
        if (!cont) inlist = 0
    }
    next
}

FILENAME ~ /gen_tests\.in$/ {
    if ($0 ~ /^#/ || NF == 0) next
    name = $1
    rest = $0
    sub(/^[^ \t]+[ \t]*/, "", rest)
    genline[name] = rest
    order[++ntests] = name ".gen.test"
    next
}

END {
    # strace's class names (src/filter_qualify.c) and the flags of sysent_shorthand_defs.h
    cls["desc"] = "TD"; cls["file"] = "TF"; cls["ipc"] = "TI"; cls["network"] = "TN"
    cls["net"] = "TN"; cls["process"] = "TP"; cls["signal"] = "TS"; cls["memory"] = "TM"
    cls["stat"] = "TST"; cls["lstat"] = "TLST"; cls["fstat"] = "TFST"; cls["%stat"] = "TSTA"
    cls["statfs"] = "TSF"; cls["fstatfs"] = "TFSF"; cls["%statfs"] = "TSFA"; cls["pure"] = "PU"
    cls["creds"] = "TC"; cls["clock"] = "TCL"
    for (t = 1; t <= ntests; t++) {
        file = order[t]
        if (seen[file]++) continue
        name = file
        sub(/\.gen\.test$|\.test$/, "", name)
        text = ""
        harness_default = 0
        if (file ~ /\.gen\.test$/) {
            gl = genline[name]
            split(gl, w, /[ \t]+/)
            arg0 = w[1]
            if (arg0 == "" || arg0 ~ /^-/) {
                text = gl
                harness_default = 1
            } else if (arg0 ~ /^\+/) {
                text = gl "\n" strace_lines(tests "/" substr(arg0, 2))
                harness_default = uses_harness
            } else {
                text = gl
                harness_default = (gl ~ /run_strace_match_(diff|grep)/)
            }
        } else {
            text = strace_lines(tests "/" file)
            harness_default = uses_harness
        }
        if (text ~ /test_trace_expr|test_prog_set/)
            text = text "\n" file_text(tests "/" name ".in")
        traced = resolve_all(text, name)
        if (traced == "" && harness_default && !has_trace_option(text))
            traced = resolve(name)
        hits = ""
        split("", hit)
        n = split(traced, s, " ")
        for (i = 1; i <= n; i++)
            if (flags[s[i]] ~ /\|(TD|TN)\|/ && !(s[i] in hit)) {
                hit[s[i]] = 1
                hits = hits (hits == "" ? "" : ",") s[i]
            }
        # and the tests of the process calls jtrace decodes as strace does, though they are not in those classes
        if (hits == "" && file ~ /^(wait(4|id)(-v)?|clone3(-success)?(-X(abbrev|raw|verbose))?)\.gen\.test$/)
            hits = traced != "" ? traced : name ~ /^clone3/ ? "clone3" : name ~ /^waitid/ ? "waitid" : "wait4"
        if (file == "clone-flags.test") hits = "clone"   # its trace=$syscall is clone on x86_64
        if (hits != "") printf "%s\t%s\n", file, hits
    }
}

function has_trace_option(text) { return text ~ /-e trace=|-etrace=|--trace=/ }

# The lines of FILE that run strace (continuations joined); sets uses_harness when the file
# leaves the trace set to run_strace_match_diff/_grep.
function strace_lines(file,    line, joined, out) {
    uses_harness = 0
    out = ""
    joined = ""
    while ((getline line < file) > 0) {
        if (line ~ /\\$/) { joined = joined substr(line, 1, length(line) - 1) " "; continue }
        line = joined line
        joined = ""
        if (line ~ /^[ \t]*#/) continue
        if (line ~ /run_strace_match_(diff|grep)/) uses_harness = 1
        if (line ~ /run_strace|STRACE|test_trace_expr|test_prog_set|test_pidns/) out = out line "\n"
    }
    close(file)
    return out
}

function file_text(file,    line, out) {
    out = ""
    while ((getline line < file) > 0) out = out line "\n"
    close(file)
    return out
}

# Every trace expression in TEXT, resolved; the union as space-separated names.
function resolve_all(text, name,    out, rest, expr, pre, q) {
    out = ""
    rest = text
    while (match(rest, /(-e[ \t]*(trace|t)=|--trace=|-e[ \t]*)/)) {
        pre = substr(rest, RSTART, RLENGTH)
        rest = substr(rest, RSTART + RLENGTH)
        q = substr(rest, 1, 1)
        if (q == "'" || q == "\"") {
            # a quoted expression ends at its closing quote
            rest = substr(rest, 2)
            expr = substr(rest, 1, index(rest, q) - 1)
        } else {
            match(rest, /^[^ \t\n;)]*/)
            expr = substr(rest, 1, RLENGTH)
        }
        rest = substr(rest, length(expr) + 1)
        # -e QUALIFIER=... other than trace (signal=, read=, inject=...) is not a trace set
        if (pre !~ /=$/ && expr ~ /^[a-z_]+=/) continue
        gsub(/\$\{?NAME\}?/, name, expr)
        if (expr == "" || expr ~ /\$/) continue
        out = out " " resolve(expr)
    }
    return out
}

# strace's trace expression syntax: [!]token[,token...]
# Sets that name no class in particular (all, a negation, an empty regex) select nothing:
# they are tests of strace's machinery, not of a class's decoders.
function resolve(expr,    n, tok, i, t, out, sc, f, re, set) {
    if (expr ~ /^!/) return ""
    split("", set)
    n = split(expr, tok, ",")
    for (i = 1; i <= n; i++) {
        t = tok[i]
        sub(/^\?/, "", t)
        if (t ~ /@(32|x32)$/) continue
        sub(/@64$/, "", t)
        if (t ~ /^(desc|file|ipc|network|process|signal|memory)$/) t = "%" t  # legacy class names
        if (t ~ /^%/) {
            f = cls[substr(t, 2)]
            if (f != "") for (sc in all) if (flags[sc] ~ ("\\|" f "\\|")) set[sc] = 1
        } else if (t ~ /^\//) {
            re = substr(t, 2)
            if (re != "") for (sc in all) if (sc ~ re) set[sc] = 1
        } else if (t in all) set[t] = 1
    }
    out = ""
    for (sc in set) out = out " " sc
    return out
}
