#!/usr/bin/env python3
"""What each part of the buffer's SQLite layout costs in bytes written per event (docs/STORE-AND-FORWARD.md).

Replays the buffer's statements with Python's sqlite3 (same file format, WAL and synchronous=FULL) on a file under
--dir (default: a temporary directory on the disk of the current directory) and reports the growth of this process's
write_bytes (/proc/self/io: pages dirtied in the page cache, what reaches the block device) per event, for layouts
built up one part at a time. "one at a time": every event its own commit; "groups of N": N events of N devices per
commit (1,000 events/s from 20 devices that each wait for their PUBACK gives about 20). The seen-set starts with
50,000 ids of 200 devices, as on a gateway that has run a while. Usage: python3 sqlite-layout-cost.py [--dir DIR]
"""
import os, shutil, sqlite3, sys, tempfile

PAYLOAD = b'{"v":1,"dev":"cb-9000","boot":1,"seq":123,"type":"checkin","ts":1765000000000,"sync":true,"data":{"card":"0000007B","checkpoint":"cp-0001"}}'

def write_bytes():
    for line in open('/proc/self/io'):
        if line.startswith('write_bytes'):
            return int(line.split()[1])

def measure(root, parts, events, group, page=4096, checkpoint=1000):
    d = tempfile.mkdtemp(dir=root)
    try:
        c = sqlite3.connect(os.path.join(d, 'b.db'), isolation_level=None)
        c.execute('PRAGMA page_size=%d' % page)
        c.execute('PRAGMA journal_mode=WAL')
        c.execute('PRAGMA synchronous=FULL')
        c.execute('PRAGMA wal_autocheckpoint=%d' % checkpoint)
        auto = ' AUTOINCREMENT' if 'autoincrement' in parts else ''
        c.execute('CREATE TABLE events(seq INTEGER PRIMARY KEY%s, id TEXT, dev TEXT, type TEXT, prio INTEGER, rcv INTEGER, payload BLOB, ckey TEXT)' % auto)
        if 'prio index' in parts: c.execute('CREATE INDEX events_by_prio ON events(prio, seq)')
        if 'ckey index' in parts: c.execute('CREATE INDEX events_by_ckey ON events(ckey) WHERE ckey IS NOT NULL')
        keyed = 'seen by id' in parts
        if keyed: c.execute('CREATE TABLE seen(id TEXT PRIMARY KEY, at INTEGER) WITHOUT ROWID')
        elif 'seen log' in parts: c.execute('CREATE TABLE seen(id TEXT, at INTEGER)')
        if 'seen by at' in parts: c.execute('CREATE INDEX seen_by_at ON seen(at)')
        has_seen = keyed or 'seen log' in parts
        if has_seen:
            c.execute('BEGIN')
            for i in range(50000): c.execute('INSERT INTO seen VALUES(?, ?)', ('cb-%04d:1:%d' % (i % 200, i // 200 + 1), i))
            c.execute('COMMIT')
        c.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        lazy = 'lazy delete' in parts
        no_delete = 'no delete' in parts
        pending, seq = [], 0
        before = write_bytes()
        for first in range(0, events, group):
            c.execute('BEGIN')
            if lazy:
                for s in pending: c.execute('DELETE FROM events WHERE seq = ?', (s,))
                pending = []
            acked = []
            for k in range(first, min(events, first + group)):
                dev = 'cb-9%03d' % (k % group)
                eid = '%s:1:%d' % (dev, k // group + 1)
                if has_seen: c.execute('INSERT INTO seen VALUES(?, ?)', (eid, k))
                seq += 1
                ckey = 'checkin|%s|%s' % (dev, eid) if 'ckey index' in parts else None
                c.execute('INSERT INTO events VALUES(?, ?, ?, ?, ?, ?, ?, ?)', (seq, eid, dev, 'checkin', 2, k, PAYLOAD, ckey))
                acked.append(seq)
            c.execute('COMMIT')
            if lazy: pending = acked
            elif not no_delete:
                c.execute('BEGIN')
                for s in acked: c.execute('DELETE FROM events WHERE seq = ?', (s,))
                c.execute('COMMIT')
        return (write_bytes() - before) / events
    finally:
        shutil.rmtree(d, ignore_errors=True)

def main():
    root = sys.argv[sys.argv.index('--dir') + 1] if '--dir' in sys.argv else '.'
    old = ['autoincrement', 'prio index', 'ckey index', 'seen by id', 'seen by at']
    steps = [
        ('events table alone, no delete', ['no delete']),
        ('+ its delete after the upstream ack (own commit)', []),
        ('+ AUTOINCREMENT', ['autoincrement']),
        ('+ (prio, seq) index', ['autoincrement', 'prio index']),
        ('+ debounce-key index (every check-in keyed)', ['autoincrement', 'prio index', 'ckey index']),
        ('+ seen-set keyed by id', ['autoincrement', 'prio index', 'ckey index', 'seen by id']),
        ('+ seen-set index on at = schema 1', old),
        ('schema 1, no checkpoints', old + ['nockpt']),
        ('schema 2 (4 KB pages): no AUTOINCREMENT, no ckey index, seen in arrival order, lazy delete', ['prio index', 'seen log', 'lazy delete']),
        ('schema 2 with 1 KB pages', ['prio index', 'seen log', 'lazy delete', 'page1k']),
        ('schema 2 with 1 KB pages, no checkpoints', ['prio index', 'seen log', 'lazy delete', 'page1k', 'nockpt']),
        ('schema 2 with 1 KB pages, without the (prio, seq) index', ['seen log', 'lazy delete', 'page1k']),
    ]
    print('| layout | one at a time | groups of 5 | groups of 20 |')
    print('|---|---|---|---|')
    for name, parts in steps:
        page = 1024 if 'page1k' in parts else 4096
        ckpt = 10 ** 9 if 'nockpt' in parts else 1000
        cells = [measure(root, parts, n, g, page, ckpt) for n, g in ((2000, 1), (4000, 5), (4000, 20))]
        print('| %s | %s |' % (name, ' | '.join('{:,.0f} B'.format(x) for x in cells)), flush=True)

if __name__ == '__main__':
    main()
