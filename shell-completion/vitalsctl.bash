# SPDX-License-Identifier: MIT
# bash completion for vitalsctl. Sensor ids come from `vitalsctl sensors`, which asks the
# service (and so may start it, as completing a unit name asks systemd).

_vitalsctl_sensor_ids() {
    local bus=--user word
    for word in "${COMP_WORDS[@]}"; do
        [[ $word == --system ]] && bus=--system
    done
    vitalsctl "$bus" --no-color sensors 2>/dev/null | awk 'NR > 1 { print $1 }'
}

_vitalsctl() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="status start stop restart sensors get watch top history"
    local options="--user --system --json --no-color --help --version"
    local command="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            status | start | stop | restart | sensors | get | watch | top | history)
                command=${COMP_WORDS[i]}
                break
                ;;
        esac
    done

    case $prev in
        -i | --interval)
            mapfile -t COMPREPLY < <(compgen -W "250 500 1000 2000 5000" -- "$cur")
            return
            ;;
        -n | --count)
            return
            ;;
        --sort)
            local orders="cpu mem pid"
            [[ " ${COMP_WORDS[*]} " == *" --apps "* ]] && orders="cpu mem"
            mapfile -t COMPREPLY < <(compgen -W "$orders" -- "$cur")
            return
            ;;
        --since)
            mapfile -t COMPREPLY < <(compgen -W "30s 60s 5m 10m" -- "$cur")
            return
            ;;
    esac

    case $command in
        get) options+=" --raw --openmetrics" ;;
        watch) options+=" -i --interval" ;;
        top) options+=" -n --count --sort -i --interval --apps" ;;
        history) options+=" --since" ;;
    esac
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    elif [[ -z $command ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
    elif [[ $command =~ ^(sensors|get|watch|history)$ ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_vitalsctl_sensor_ids)" -- "$cur")
    fi
}

complete -F _vitalsctl vitalsctl
