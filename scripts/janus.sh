#!/usr/bin/env bash
# Starts and stops Janus 1.1.2 (Debian's `janus`, installed by scripts/setup.sh) the way the
# side-by-side benchmark and the tests use it: VideoRoom over the HTTP API on 127.0.0.1,
# ICE-lite, host candidates on loopback (interop/janus/unloop.c preloaded).
#
# Usage: scripts/janus.sh start <workdir> [event_loops] [cpu]
#        scripts/janus.sh stop <workdir>
#   start: builds <workdir>/unloop.so once, writes the configs of interop/janus into
#          <workdir>/config, starts Janus (pinned with `taskset -c <cpu>` when a cpu list is
#          given), waits until GET /janus/info answers, and prints Janus's pid. A Janus already
#          running from <workdir> is kept (its pid is printed again).
#          event_loops: Janus's static event loops (default 0: a thread per PeerConnection).
#   stop:  TERM, then KILL if Janus is still there after 10 s; removes the pid file.
# Environment: JANUS_HTTP_PORT (default 8088), JANUS_RTP_PORTS (default 20000-20999),
#              JANUS_DEBUG_LEVEL (default 4), JANUS_START_TIMEOUT seconds (default 20).
set -euo pipefail
repository=$(cd "$(dirname "$0")/.." && pwd)

usage() {
    echo "usage: $0 start <workdir> [event_loops] [cpu] | stop <workdir>" >&2
    exit 2
}

[ $# -ge 2 ] || usage
command=$1
workdir=$2
mkdir -p "$workdir"
workdir=$(cd "$workdir" && pwd)
pid_file=$workdir/janus.pid
http_port=${JANUS_HTTP_PORT:-8088}

# The pid of the Janus started from $workdir, if it still runs.
running_pid() {
    [ -f "$pid_file" ] || return 1
    local pid
    pid=$(cat "$pid_file")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = janus ] || return 1
    echo "$pid"
}

answers_info() {
    curl --silent --fail --max-time 2 "http://127.0.0.1:$http_port/janus/info" >/dev/null 2>&1
}

stop() {
    local pid
    if pid=$(running_pid); then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "janus.sh: Janus $pid ignored TERM for 10 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
            for _ in $(seq 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
    fi
    rm -f "$pid_file"
}

# The folder holding Janus's plugins and transports (multiarch path, e.g. /usr/lib/x86_64-linux-gnu/janus).
janus_library_folder() {
    local plugin
    for plugin in /usr/lib/*/janus/plugins/libjanus_videoroom.so /usr/lib/janus/plugins/libjanus_videoroom.so; do
        if [ -e "$plugin" ]; then
            dirname "$(dirname "$plugin")"
            return 0
        fi
    done
    return 1
}

start() {
    local event_loops=${1:-0} cpu=${2:-}
    [[ "$event_loops" =~ ^[0-9]+$ ]] || { echo "janus.sh: event_loops must be a number, got '$event_loops'" >&2; exit 2; }
    local pid
    if pid=$(running_pid); then
        echo "$pid"
        return 0
    fi
    rm -f "$pid_file"
    command -v janus >/dev/null || { echo "janus.sh: janus is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
    local library
    library=$(janus_library_folder) || { echo "janus.sh: no Janus VideoRoom plugin found under /usr/lib" >&2; exit 1; }
    if answers_info; then
        echo "janus.sh: something already answers on 127.0.0.1:$http_port; set JANUS_HTTP_PORT" >&2
        exit 1
    fi

    local shim=$workdir/unloop.so source=$repository/interop/janus/unloop.c
    if [ ! -f "$shim" ] || [ "$source" -nt "$shim" ]; then
        gcc -O2 -shared -fPIC -o "$shim.tmp" "$source" -ldl
        mv "$shim.tmp" "$shim"
    fi

    local config=$workdir/config file
    mkdir -p "$config"
    for file in "$repository"/interop/janus/*.jcfg; do
        sed -e "s|@CONFIGS_FOLDER@|$config|g" \
            -e "s|@JANUS_LIB@|$library|g" \
            -e "s|@EVENT_LOOPS@|$event_loops|g" \
            -e "s|@DEBUG_LEVEL@|${JANUS_DEBUG_LEVEL:-4}|g" \
            -e "s|@RTP_PORTS@|${JANUS_RTP_PORTS:-20000-20999}|g" \
            -e "s|@HTTP_PORT@|$http_port|g" \
            "$file" > "$config/$(basename "$file")"
    done

    local pin=()
    [ -z "$cpu" ] || pin=(taskset -c "$cpu")
    # Janus outlives this script, so it must not keep what the caller handed it: descriptors
    # beyond 0-2 are closed (a caller waiting for EOF on one, as Foundation's Process does to
    # see this script exit, would wait for Janus), and TERM and INT are unblocked (a caller may
    # have blocked them, as Swift Testing's threads do, and Janus would then ignore `stop`).
    (
        for descriptor in /proc/self/fd/*; do
            number=${descriptor##*/}
            [ "$number" -le 2 ] || eval "exec $number>&-" 2>/dev/null || true
        done
        LD_PRELOAD=$shim exec env --default-signal=HUP,INT,QUIT,TERM "${pin[@]}" janus --config "$config/janus.jcfg" \
            --configs-folder "$config" --log-file "$workdir/janus.log" --disable-colors
    ) </dev/null >"$workdir/janus.out" 2>&1 &
    pid=$!
    echo "$pid" > "$pid_file"

    local deadline=$((SECONDS + ${JANUS_START_TIMEOUT:-20}))
    until answers_info; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "janus.sh: Janus exited during start-up; last lines of $workdir/janus.out:" >&2
            tail -n 20 "$workdir/janus.out" >&2 || true
            rm -f "$pid_file"
            exit 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "janus.sh: Janus did not answer on 127.0.0.1:$http_port within ${JANUS_START_TIMEOUT:-20} s" >&2
            stop
            exit 1
        fi
        sleep 0.2
    done
    echo "$pid"
}

case "$command" in
    start) shift 2; start "$@" ;;
    stop) stop ;;
    *) usage ;;
esac
