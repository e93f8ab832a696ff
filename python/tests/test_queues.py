"""billiard's queue semantics on jbilliard Redis queues, against the server named by
JBILLIARD_REDIS_URL (polyglot's PythonPackageTest starts one and runs these tests)."""

import os
import pickle
import queue
import threading
import time
import unittest

import jbilliard
from jbilliard import Empty, Full, JoinableQueue, Queue, SimpleQueue

URL = os.environ.get("JBILLIARD_REDIS_URL")


@unittest.skipUnless(URL, "JBILLIARD_REDIS_URL names no test server")
class QueueSemantics(unittest.TestCase):

    def setUp(self):
        self.opened = []

    def tearDown(self):
        for q in self.opened:
            q.close()

    def queue(self, cls=Queue, *args, **kwargs):
        q = cls(*args, url=URL, **kwargs)
        self.opened.append(q)
        return q

    def test_fifo_and_sizes(self):
        q = self.queue(Queue, 3)
        self.assertTrue(q.empty())
        self.assertFalse(q.full())
        for item in ("a", {"b": [1, 2]}, None):
            q.put(item)
        self.assertEqual(q.qsize(), 3)
        self.assertTrue(q.full())
        self.assertEqual([q.get(), q.get(), q.get()], ["a", {"b": [1, 2]}, None])
        self.assertTrue(q.empty())

    def test_timeouts_are_honoured(self):
        q = self.queue(Queue, 1)
        start = time.monotonic()
        with self.assertRaises(Empty):
            q.get(timeout=0.3)
        self.assertGreaterEqual(time.monotonic() - start, 0.29)
        self.assertLess(time.monotonic() - start, 3)
        with self.assertRaises(Empty):
            q.get_nowait()
        with self.assertRaises(Empty):
            q.get(False)
        with self.assertRaises(Empty):
            q.get(timeout=-1)  # billiard: a negative timeout does not wait
        q.put(1)
        start = time.monotonic()
        with self.assertRaises(Full):
            q.put(2, timeout=0.3)
        self.assertGreaterEqual(time.monotonic() - start, 0.29)
        with self.assertRaises(Full):
            q.put_nowait(2)
        with self.assertRaises(Full):
            q.put(2, block=False)
        self.assertIs(queue.Full, Full)
        self.assertIs(queue.Empty, Empty)

    def test_a_blocked_get_and_put_are_woken(self):
        q = self.queue(Queue, 1)
        threading.Timer(0.2, lambda: q.put("late")).start()
        self.assertEqual(q.get(timeout=10), "late")
        q.put("first")
        threading.Timer(0.2, q.get).start()
        q.put("second", timeout=10)
        self.assertEqual(q.get(timeout=5), "second")

    def test_an_item_that_cannot_be_encoded_fails_in_put_and_nothing_is_enqueued(self):
        q = self.queue()
        with self.assertRaises(TypeError):
            q.put(object())
        with self.assertRaises(ValueError):
            q.put("lone \ud800")
        with self.assertRaises(TypeError):
            q.put({(1, 2): "tuple key"})
        self.assertEqual(q.qsize(), 0)

    def test_close_join_thread_and_use_after_close(self):
        q = self.queue()
        with self.assertRaises(AssertionError):
            q.join_thread()
        q.cancel_join_thread()
        q.close()
        q.join_thread()
        q.close()  # idempotent
        with self.assertRaises(AssertionError):
            q.put(1)
        with self.assertRaises(OSError):
            q.get()

    def test_joinable(self):
        q = self.queue(JoinableQueue)
        with self.assertRaises(ValueError) as raised:
            q.task_done()
        self.assertEqual(str(raised.exception), "task_done() called too many times")
        self.assertIsNone(q.join())
        q.put(1)
        q.put(2)
        self.assertFalse(q.join(timeout=0.2))
        done = threading.Event()

        def joiner():
            q.join()
            done.set()
        threading.Thread(target=joiner, daemon=True).start()
        q.get()
        q.task_done()
        self.assertFalse(done.wait(0.3))
        q.get()
        q.task_done()
        self.assertTrue(done.wait(10))
        self.assertTrue(q.join(timeout=1))

    def test_simple_queue(self):
        q = self.queue(SimpleQueue)
        self.assertTrue(q.empty())
        q.put([1, "x"])
        self.assertFalse(q.empty())
        self.assertEqual(q.get(), [1, "x"])
        q.send_payload(b"\x00raw")
        self.assertEqual(q.get_payload(), b"\x00raw")

    def test_attach_by_address_checks_kind_and_codec(self):
        q = self.queue(Queue, 2, codec="pickle")
        other = Queue(address=q.address())
        self.opened.append(other)
        self.assertEqual(other.codec.id, "pickle")
        self.assertEqual(other._maxsize, 2)
        q.put(("tuple", b"bytes", {1, 2}))
        self.assertEqual(other.get(timeout=5), ("tuple", b"bytes", {1, 2}))
        with self.assertRaisesRegex(ValueError, "uses the codec 'pickle', this handle brings 'cbor'"):
            Queue(address=q.address(), codec="cbor")
        with self.assertRaisesRegex(ValueError, "not a joinable"):
            JoinableQueue(address=q.address())
        with self.assertRaisesRegex(ValueError, "not a jbilliard Redis queue address"):
            Queue(address="redis://127.0.0.1:1/0")
        with self.assertRaisesRegex(ValueError, "no queue at"):
            Queue(address=URL + "#jbq=nosuchqueue")
        with self.assertRaisesRegex(ValueError, "credentials do not belong"):
            Queue(url="redis://user:secret@127.0.0.1:6379/0")

    def test_threads_sharing_one_queue_object_get_each_item_once(self):
        q = self.queue(Queue, 8)
        got = []
        lock = threading.Lock()

        def consume():
            while True:
                item = q.get(timeout=10)
                if item is None:
                    return
                with lock:
                    got.append(item)
        consumers = [threading.Thread(target=consume) for _ in range(4)]
        for t in consumers:
            t.start()
        for i in range(200):
            q.put(i)
        for _ in consumers:
            q.put(None)
        for t in consumers:
            t.join(30)
            self.assertFalse(t.is_alive())
        self.assertEqual(sorted(got), list(range(200)))

    def test_a_queue_object_pickles_as_its_address(self):
        q = self.queue()
        copy = pickle.loads(pickle.dumps(q))
        self.opened.append(copy)
        self.assertEqual(copy.address(), q.address())
        copy.put("via the copy")
        self.assertEqual(q.get(timeout=5), "via the copy")

    def test_billiard_processes_share_the_queue_after_fork(self):
        try:
            import billiard
        except ImportError:
            self.skipTest("billiard is not installed")
        q = self.queue(JoinableQueue)
        ctx = billiard.get_context("fork")
        workers = [ctx.Process(target=_worker, args=(q,)) for _ in range(2)]
        for w in workers:
            w.start()
        for i in range(20):
            q.put(i)
        for _ in workers:
            q.put(None)
        self.assertTrue(q.join(timeout=30))
        for w in workers:
            w.join(30)
            self.assertEqual(w.exitcode, 0)


def _worker(q):
    while True:
        item = q.get(timeout=20)
        q.task_done()
        if item is None:
            break


if __name__ == "__main__":
    unittest.main()
