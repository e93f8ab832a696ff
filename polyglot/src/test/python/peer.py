"""A Python participant that the polyglot tests drive line by line.

    python3 peer.py attach <queue|joinable|simple> <address> [codec]
    python3 peer.py create <queue|joinable|simple> <url> <maxsize> <codec>

Reads one command per line on stdin and answers one JSON line on stdout:
    address | qsize | empty | full | maxsize
    put <json> | put_nowait <json> | get <timeout> | get_nowait
    drain <timeout>        get until a None sentinel; answers the items in the order received
    work <timeout>         JoinableQueue worker: get, task_done, until a None sentinel (also task_done)
    produce <name> <n>     put {"producer": name, "seq": i} for i < n
    task_done | join <timeout> | close | exit
An exception is answered as {"error": <type>, "message": <text>}; the peer goes on.
"""

import json
import sys
import traceback

import jbilliard


def reply(value):
    sys.stdout.write(json.dumps(value, default=repr) + "\n")
    sys.stdout.flush()


def main(argv):
    mode, kind = argv[1], argv[2]
    classes = {"queue": jbilliard.Queue, "joinable": jbilliard.JoinableQueue, "simple": jbilliard.SimpleQueue}
    cls = classes[kind]
    try:
        if mode == "attach":
            q = cls(address=argv[3], codec=argv[4] if len(argv) > 4 else None)
        elif kind == "simple":
            q = cls(url=argv[3], codec=argv[5])
        else:
            q = cls(int(argv[4]), url=argv[3], codec=argv[5])
    except Exception as e:
        reply({"error": type(e).__name__, "message": str(e)})
        return
    reply({"ready": q.address(), "codec": q.codec.id})
    for line in sys.stdin:
        words = line.strip().split(" ", 1)
        command, rest = words[0], (words[1] if len(words) > 1 else "")
        try:
            if command == "exit":
                reply("bye")
                return
            elif command == "address":
                reply(q.address())
            elif command == "qsize":
                reply(q.qsize())
            elif command == "empty":
                reply(q.empty())
            elif command == "full":
                reply(q.full())
            elif command == "maxsize":
                reply(q._maxsize)
            elif command == "put":
                q.put(json.loads(rest), timeout=10)
                reply("ok")
            elif command == "put_nowait":
                q.put_nowait(json.loads(rest))
                reply("ok")
            elif command == "get":
                reply({"item": q.get(timeout=float(rest))})
            elif command == "get_nowait":
                reply({"item": q.get_nowait()})
            elif command == "drain":
                items = []
                while True:
                    item = q.get(timeout=float(rest))
                    if item is None:
                        break
                    items.append(item)
                reply(items)
            elif command == "work":
                items = []
                while True:
                    item = q.get(timeout=float(rest))
                    q.task_done()
                    if item is None:
                        break
                    items.append(item)
                reply(items)
            elif command == "produce":
                name, n = rest.split(" ")
                for i in range(int(n)):
                    q.put({"producer": name, "seq": i}, timeout=10)
                reply("ok")
            elif command == "task_done":
                q.task_done()
                reply("ok")
            elif command == "join":
                reply(q.join(timeout=float(rest)))
            elif command == "close":
                q.close()
                q.join_thread()
                reply("ok")
            else:
                reply({"error": "UnknownCommand", "message": command})
        except Exception as e:
            reply({"error": type(e).__name__, "message": str(e), "trace": traceback.format_exc()})


if __name__ == "__main__":
    main(sys.argv)
