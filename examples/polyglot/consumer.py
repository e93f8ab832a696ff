"""billiard's "Standard Queue" consumer, unchanged but for the queue it gets: jbilliard.Queue by
address, a Redis queue that the Java producer (org.jbilliard.polyglot.ProducerConsumerExample)
created.

    python3 consumer.py <address> <consumer id>
"""

import queue
import sys
import time

import jbilliard


def consumer(q, consumer_id):
    """Consumer process that gets items from queue"""
    while True:
        try:
            item = q.get(timeout=1)
            if item is None:
                q.put(None)  # Re-queue sentinel for other consumers
                break
            print(f"Consumer {consumer_id} consumed: {item}", flush=True)
            time.sleep(0.2)
        except queue.Empty:
            print(f"Consumer {consumer_id} timed out", flush=True)
            break


if __name__ == '__main__':
    # Both consumers print to one stdout: write each line whole, even under PYTHONUNBUFFERED.
    sys.stdout.reconfigure(line_buffering=True, write_through=False)
    q = jbilliard.Queue(address=sys.argv[1])
    consumer(q, int(sys.argv[2]))
    q.close()
