#!/usr/bin/env python3
"""Records how the reference `luajit` runs Lua from its command line, for
tests/cli.rs: scripts with arguments, `-e`/`-l` sequences, errors and
tracebacks, exit codes, stdin, LUA_INIT, and the REPL fed through a pipe.

Every case becomes tests/cli/cases/NAME.{args,env,stdin,stdout,stderr,rc}:
  .args    the arguments after the program name, separated by \\x1f
  .env     VAR=value lines added to an environment without any LUA_* variable
  .stdin   the name of the file (in tests/cli/scripts) fed as stdin, if any
  .stdout/.stderr/.rc  what luajit produced, except that the address in a
           `[C]: at 0x...` traceback line (different on every run) is `0x?`
Commands run in tests/cli/scripts so that chunk names are relative.

Usage: tests/tools/gen-cli-golden.py [LUAJIT]   (default: luajit on PATH)
With ONLY=name1,name2 in the environment only those cases are recorded
(the others, and the SIGPIPE run, are left as they are).
"""
import os
import re
import shutil
import subprocess
import sys

LUAJIT = sys.argv[1] if len(sys.argv) > 1 else "luajit"
HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.path.join(HERE, "..", "cli")
SCRIPTS = os.path.join(CLI, "scripts")
CASES = os.path.join(CLI, "cases")

# Paths that do not depend on where luajit is installed, so that
# "module not found" messages are the same for both interpreters.
PATHS = {"LUA_PATH": "./?.lua", "LUA_CPATH": "./?.so"}

# name, arguments, extra environment, stdin file (None: /dev/null)
CASES_LIST = [
    ("script_args", ["args.lua", "a", "b c", ""], {}, None),
    ("script_no_args", ["args.lua"], {}, None),
    ("script_after_options", ["-O3", "-jon", "-e", "x=1", "args.lua", "-e", "--"], {}, None),
    ("dashdash_script", ["--", "args.lua", "--"], {}, None),
    ("e_sequence", ["-e", "x = 1", "-e", "x = x + 1", "-eprint(x)"], {}, None),
    ("e_stops_at_error", ["-e", "print(1)", "-e", "error('stop')", "-e", "print(2)"], {}, None),
    ("e_syntax_error", ["-e", "print(1)", "-e", "x = = 2", "-e", "print(2)"], {}, None),
    ("e_sees_arg", ["-e", "print(#arg, arg[0], arg[-1], arg[-2])"], {}, None),
    ("e_changes_arg", ["-e", "arg[1] = 'X' arg[3] = 'Z'", "args.lua", "1", "2"], {}, None),
    ("e_removes_arg", ["-e", "arg = nil", "args.lua", "1"], {}, None),
    ("version", ["-v"], {}, None),
    ("version_and_e", ["-v", "-e", "print('after version')"], {}, None),
    ("version_and_script", ["-v", "args.lua", "1"], {}, None),
    ("error_in_script", ["err.lua"], {}, None),
    ("runtime_error", ["runtime_err.lua"], {}, None),
    ("syntax_error", ["syntax.lua"], {}, None),
    ("missing_file", ["nofile.lua"], {}, None),
    ("directory_as_script", ["."], {}, None),
    ("error_table", ["-e", "error({})"], {}, None),
    ("error_nil", ["-e", "error()"], {}, None),
    ("error_number", ["-e", "error(12)"], {}, None),
    ("error_boolean", ["-e", "error(true)"], {}, None),
    ("error_level0", ["-e", "error('no position', 0)"], {}, None),
    ("error_level2", ["-e", "local function f() error('caller', 2) end f()"], {}, None),
    ("error_tostring", ["-e", "error(setmetatable({}, {__tostring = function() return 'from __tostring' end}))"], {}, None),
    ("error_tostring_number", ["-e", "error(setmetatable({}, {__tostring = function() return 42 end}))"], {}, None),
    ("error_tostring_table", ["-e", "error(setmetatable({}, {__tostring = function() return {} end}))"], {}, None),
    ("error_tostring_fails", ["-e", "error(setmetatable({}, {__tostring = function() error('inner') end}))"], {}, None),
    ("error_tostring_concat_fails", ["-e", "error(setmetatable({}, {__tostring = function() return 'x' .. {} end}))"], {}, None),
    ("call_nil_local", ["-e", "local x x()"], {}, None),
    ("arith_on_nil_global", ["-e", "print(1 + undefined_global)"], {}, None),
    ("deep_traceback", ["deep.lua", "40"], {}, None),
    ("traceback_just_long_enough", ["deep.lua", "19"], {}, None),
    ("traceback_just_short_enough", ["deep.lua", "18"], {}, None),
    ("hash_line", ["hashline.lua", "x"], {}, None),
    ("exit_code", ["exit.lua", "3"], {}, None),
    ("exit_zero", ["exit.lua", "0"], {}, None),
    ("exit_true", ["-e", "io.write('t') os.exit(true)"], {}, None),
    ("exit_false", ["-e", "io.write('f') os.exit(false)"], {}, None),
    ("exit_default", ["-e", "os.exit()", "-e", "print('not reached')"], {}, None),
    ("exit_255", ["-e", "os.exit(255)"], {}, None),
    ("stdin_dash", ["-", "x", "y"], {}, "stdin_script.lua"),
    ("stdin_implicit", [], {}, "stdin_script.lua"),
    ("stdin_error", [], {}, "err.lua"),
    ("stdin_syntax_error", ["-"], {}, "syntax.lua"),
    ("dash_file_after_dashdash", ["--", "-"], {}, "stdin_script.lua"),
    ("e_then_no_stdin", ["-e", "print('only e')"], {}, "stdin_script.lua"),
    ("lua_init_chunk", ["-e", "print(from_init)"], {"LUA_INIT": "from_init = 'yes' print('init', #arg)"}, None),
    ("lua_init_file", ["args.lua", "1"], {"LUA_INIT": "@init.lua"}, None),
    ("lua_init_missing_file", ["-e", "print(1)"], {"LUA_INIT": "@nofile.lua"}, None),
    ("lua_init_syntax_error", ["-e", "print(1)"], {"LUA_INIT": "x = "}, None),
    ("lua_init_runtime_error", ["-e", "print(1)"], {"LUA_INIT": "error('in init')"}, None),
    ("lua_init_before_version", ["-v"], {"LUA_INIT": "print('init first')"}, None),
    ("lua_init_ignored_by_E", ["-E", "-e", "print(from_init)"], {"LUA_INIT": "from_init = 'yes'"}, None),
    ("lua_init_with_bytecode_listing", ["-bl", "-e", "return 1"], {"LUA_INIT": "print('init runs before -b')"}, None),
    ("E_default_path", ["-E", "-e", "print(package.path == './?.lua')"], PATHS, None),
    ("require_module", ["-l", "mymod", "-e", "print(mymod, package.loaded.mymod.answer)"], PATHS, None),
    ("require_attached", ["-lmymod", "-e", "print(package.loaded.mymod.answer)"], PATHS, None),
    ("require_missing", ["-l", "nosuchmod", "-e", "print('not reached')"], PATHS, None),
    ("require_failing", ["-l", "badmod"], PATHS, None),
    ("jit_switches", ["-jon", "-joff", "-jflush", "-e", "print('ok')"], {}, None),
    ("jit_addons_without_traces", ["-jv", "-jdump", "-e", "print('ok')"], {}, None),
    ("optimize_flags", ["-O3", "-O+fold,-dce,hotloop=10", "-e", "print('ok')"], {}, None),
    ("repl_basic", ["-joff", "-i"], {}, "repl_basic.txt"),
    ("repl_eof_inside_statement", ["-i", "-joff"], {}, "repl_eof.txt"),
    ("repl_after_script", ["-joff", "-i", "repl_script.lua", "p"], {}, "repl_script.txt"),
    ("repl_after_e", ["-e", "from_script = 'from -e'", "-joff", "-i"], {}, "repl_script.txt"),
    ("repl_empty_input", ["-joff", "-i"], {}, None),
    ("repl_long_lines", ["-joff", "-i"], {}, "repl_long_line.txt"),
    ("repl_not_reached_after_error", ["-i", "err.lua"], {}, "repl_script.txt"),
    ("error_binary_message", ["-e", "error('\\255\\254 bytes', 0)"], {}, None),
    ("error_nul_in_message", ["-e", "error('before\\0after')"], {}, None),
    ("syntax_error_nul_in_message", ["-e", "x = 'a\\0b' + "], {}, None),
    ("stdin_dash_then_i", ["-", "-i"], {}, "stdin_script.lua"),
    ("stdin_read_by_e", ["-e", "print(io.read('*l'))"], {}, "two_lines.txt"),
    ("script_in_subdirectory", ["sub/inner.lua"], {}, None),
    ("script_with_long_chunk_name", ["a_directory_name_long_enough_to_push_the_chunk_name_past_sixty_bytes/long.lua"], {}, None),
    ("script_ends_early", ["unfinished.lua"], {}, None),
    ("e_has_no_varargs", ["-e", "print(select('#', ...))", "args.lua", "x"], {}, None),
    ("error_in_coroutine", ["-e", "coroutine.wrap(function() error('in co') end)()"], {}, None),
    ("exit_in_lua_init", ["-e", "print('not reached')"], {"LUA_INIT": "io.write('init ') os.exit(5)"}, None),
    ("version_twice", ["-v", "-v"], {}, None),
    ("version_then_interactive", ["-v", "-i", "-joff"], {}, None),
    ("args_with_odd_bytes", ["args.lua", "tab\there", "new\nline", "\u00e9t\u00e9", " "], {}, None),
    ("require_before_script", ["-l", "mymod", "args.lua"], PATHS, None),
    ("dump_runs", ["dump.raw", "1", "2"], {}, None),
    ("dump_truncated", ["cut.raw"], {}, None),
    ("dump_incompatible", ["lua51.raw"], {}, None),
    ("dump_behind_hash_line", ["hashdump.raw"], {}, None),
    ("dump_behind_hash_line_listed", ["-bl", "hashdump.raw"], {}, None),
    ("dump_from_stdin", ["-", "x"], {}, "dump.raw"),
    ("io_buffering", ["io_buffering.lua"], {}, None),
    ("io_exit", ["io_exit.lua"], {}, None),
    ("traceback_host", ["traceback_host.lua"], {}, None),
]

# Ctrl-C: luajit is started with these arguments (and stdin), and sent
# SIGINT each time its stdout shows a line ending in "ready" (to its
# whole process group when asked, as a terminal sends it). Recorded under
# tests/cli/sigint/NAME.{args,stdin,group,stdout,stderr,rc}.
SIGINT_CASES = [
    ("script", ["-joff", "spin.lua"], None, False),
    ("repl", ["-joff", "-i"], "repl_spin.txt", False),
    ("execute", ["-joff", "spin_execute.lua"], None, True),
]


def record_sigint(base_env):
    import signal
    outdir = os.path.join(CLI, "sigint")
    os.makedirs(outdir, exist_ok=True)
    for name, args, stdin, group in SIGINT_CASES:
        stdin_f = open(os.path.join(SCRIPTS, stdin), "rb") if stdin else subprocess.DEVNULL
        p = subprocess.Popen([LUAJIT] + args, cwd=SCRIPTS, env=base_env, stdin=stdin_f,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=group)
        got = b""
        while True:
            line = p.stdout.readline()
            if not line:
                break
            got += line
            if line.endswith(b"ready\n"):
                if group:
                    os.killpg(p.pid, signal.SIGINT)
                else:
                    p.send_signal(signal.SIGINT)
        err = p.stderr.read()
        rc = p.wait()
        if stdin:
            stdin_f.close()
        base = os.path.join(outdir, name)
        with open(base + ".args", "w") as f:
            f.write("\x1f".join(args))
        if stdin:
            with open(base + ".stdin", "w") as f:
                f.write(stdin)
        if group:
            open(base + ".group", "w").close()
        with open(base + ".stdout", "wb") as f:
            f.write(got)
        with open(base + ".stderr", "wb") as f:
            f.write(re.sub(rb"\[C\]: at 0x[0-9a-f]+", b"[C]: at 0x?", err))
        with open(base + ".rc", "w") as f:
            f.write(f"{rc}\n")


# Runs with stdout and stderr on a terminal (a pseudo-terminal), stdin
# from /dev/null or, with input, the terminal too: everything the
# terminal shows is recorded under tests/cli/tty/NAME.{args,out,rc,input}.
TTY_CASES = [
    ("buffering", ["tty_buffering.lua"], None),
    # Terminal input typed before the run (echo off): NAME.input.
    ("read", ["tty_read.lua"], b"world\nmore\n"),
]


def record_tty(base_env):
    import pty
    outdir = os.path.join(CLI, "tty")
    os.makedirs(outdir, exist_ok=True)
    import termios
    for name, args, typed in TTY_CASES:
        master, slave = pty.openpty()
        stdin = subprocess.DEVNULL
        if typed is not None:
            attrs = termios.tcgetattr(slave)
            attrs[3] &= ~termios.ECHO
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            os.write(master, typed)
            stdin = slave
        p = subprocess.Popen([LUAJIT] + args, cwd=SCRIPTS, env=base_env,
                             stdin=stdin, stdout=slave, stderr=slave)
        os.close(slave)
        got = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        os.close(master)
        rc = p.wait()
        base = os.path.join(outdir, name)
        with open(base + ".args", "w") as f:
            f.write("\x1f".join(args))
        with open(base + ".out", "wb") as f:
            f.write(got)
        if typed is not None:
            with open(base + ".input", "wb") as f:
                f.write(typed)
        with open(base + ".rc", "w") as f:
            f.write(f"{rc}\n")


def make_dumps():
    """Bytecode inputs, made by luajit itself from args.lua."""
    dump = os.path.join(SCRIPTS, "dump.raw")
    subprocess.run([LUAJIT, "-b", "args.lua", "dump.raw"], cwd=SCRIPTS, check=True)
    with open(dump, "rb") as f:
        raw = f.read()
    with open(os.path.join(SCRIPTS, "cut.raw"), "wb") as f:
        f.write(raw[:20])
    with open(os.path.join(SCRIPTS, "hashdump.raw"), "wb") as f:
        f.write(b"#!/usr/bin/env luajit\n" + raw)
    with open(os.path.join(SCRIPTS, "lua51.raw"), "wb") as f:
        f.write(b"\x1bLua\x51\x00")

# A script printing far more than a pipe holds, its reader gone after the
# first line: luajit dies of SIGPIPE.
SIGPIPE_ARGS = ["-e", "for i = 1, 1e6 do print(i) end"]


def main():
    subprocess.run([LUAJIT, "-v"], check=True)
    make_dumps()
    only = [n for n in os.environ.get("ONLY", "").split(",") if n]
    if not only and os.path.isdir(CASES):
        shutil.rmtree(CASES)
    os.makedirs(CASES, exist_ok=True)
    base_env = {k: v for k, v in os.environ.items()
                if not k.startswith("LUA_") and k != "ONLY"}
    for name, args, extra, stdin in CASES_LIST:
        if only and name not in only:
            continue
        env = dict(base_env)
        env.update(extra)
        stdin_f = open(os.path.join(SCRIPTS, stdin), "rb") if stdin else subprocess.DEVNULL
        p = subprocess.run([LUAJIT] + args, cwd=SCRIPTS, env=env, stdin=stdin_f,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if stdin:
            stdin_f.close()
        out = os.path.join(CASES, name)
        with open(out + ".args", "w") as f:
            f.write("\x1f".join(args))
        if extra:
            with open(out + ".env", "w") as f:
                f.write("".join(f"{k}={v}\n" for k, v in sorted(extra.items())))
        if stdin:
            with open(out + ".stdin", "w") as f:
                f.write(stdin)
        with open(out + ".stdout", "wb") as f:
            f.write(p.stdout)
        with open(out + ".stderr", "wb") as f:
            f.write(re.sub(rb"\[C\]: at 0x[0-9a-f]+", b"[C]: at 0x?", p.stderr))
        with open(out + ".rc", "w") as f:
            f.write(f"{p.returncode}\n")
    if only:
        if "sigint" in only:
            record_sigint(base_env)
        if "tty" in only:
            record_tty(base_env)
        print(f"recorded {len(only)} cases in {os.path.relpath(CASES)}")
        return
    record_sigint(base_env)
    record_tty(base_env)
    p = subprocess.Popen([LUAJIT] + SIGPIPE_ARGS, cwd=SCRIPTS, env=base_env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    rc = p.wait()
    with open(os.path.join(CLI, "sigpipe.txt"), "w") as f:
        f.write("\x1f".join(SIGPIPE_ARGS) + "\n")
        f.write(first.decode())
        f.write(f"signal {-rc}\n" if rc < 0 else f"exit {rc}\n")
    print(f"recorded {len(CASES_LIST)} cases in {os.path.relpath(CASES)}")


if __name__ == "__main__":
    main()
