#!/usr/bin/env bash
# A throw-away Virtuoso on loopback, for the push tests (see ../shared/notes/interop.md):
#   virtuoso.sh start DIR HTTP_PORT SQL_PORT PASSWORD   starts it in DIR, prints nothing, returns once it answers
#   virtuoso.sh stop DIR SQL_PORT PASSWORD              stops it and waits for it to go
# Its own ini, folder, ports and password; Debian's packaged service is not used (it cannot set
# a password in a container). ResultSetMaxRows is left at Debian's 10,000, so that a count that
# read rows back would be cut short, as it would on a real server.
set -euo pipefail
cmd=${1:?start or stop}; dir=${2:?folder}
case "$cmd" in
start)
  http=${3:?http port}; sql=${4:?sql port}; pw=${5:?password}
  mkdir -p "$dir"
  cat > "$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:$sql
CaseMode = 2
DirsAllowed = ., $dir
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
[HTTPServer]
ServerPort = 127.0.0.1:$http
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 300
INI
  ( cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait ) >/dev/null
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" && break
    sleep 0.1
  done
  isql-vt "127.0.0.1:$sql" dba dba "EXEC=USER_SET_PASSWORD('dba', '$pw');" >/dev/null
  ;;
stop)
  sql=${3:?sql port}; pw=${4:?password}
  pid=$(sed -n 's/^VIRT_PID=//p' "$dir/virtuoso.lck" 2>/dev/null || true)
  isql-vt "127.0.0.1:$sql" dba "$pw" -K >/dev/null 2>&1 || { [ -n "$pid" ] && kill -TERM "$pid"; } || true
  if [ -n "$pid" ]; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  ;;
esac
