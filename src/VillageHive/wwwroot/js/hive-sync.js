// The phone's queue of records captured offline and its sync with POST /api/sync (contract: issue 11,
// see docs/offline-sync.md). Shared by the pages (offline.js, sync-page.js) and the service worker (sw.js): no DOM here.
// Stored on the phone, and nothing else: the queue (records not yet accepted), the worker's own caseload and
// programme rosters (for offline reading, removed at sign-out and 7 days after the last sync), the capture form
// pages for that work, and a few facts about the last sync.
(function (root) {
    'use strict';

    var DB_NAME = 'village-hive';
    var DAY = 24 * 3600 * 1000;
    var READ_MAX_AGE = 7 * DAY;
    // The caseload and rosters are small JSON, fetched on every sync; the form pages are fetched again only this often.
    var PAGES_MAX_AGE = 12 * 3600 * 1000;
    var BATCH = 20;
    var version = 'dev';
    var dbPromise = null;

    var CAPTURE = [
        { kind: 'referral', re: /^\/Referrals\/New$/ },
        { kind: 'visit', re: /^\/Cases\/(\d+)\/Visits\/New$/ },
        { kind: 'caseNote', re: /^\/Cases\/(\d+)\/Notes\/New$/ },
        { kind: 'programmeAttendance', re: /^\/Programmes\/(\d+)\/Attendance$/ },
        { kind: 'sessionAttendance', re: /^\/Community\/Sessions\/(\d+)$/ },
        // A photo or PDF for a record (issue 23): the owner's kind, then its id.
        { kind: 'attachment', re: /^\/Attachments\/Of\/(\w+)\/(\d+)$/ }
    ];
    // Form fields that are not part of the record: the record's clientId stands for them.
    var NOT_DATA = ['__RequestVerificationToken', 'ClientId', 'Input.ClientId', 'Input.IdempotencyKey', 'HotlineCall'];
    var MULTI = ['Concerns'];

    function configure(options) { version = options.version || version; }
    function pagesCacheName() { return 'hive-pages-' + version; }

    function open() {
        if (!dbPromise) {
            dbPromise = root.idb.openDB(DB_NAME, 1, {
                upgrade: function (db) {
                    db.createObjectStore('queue', { keyPath: 'clientId' });
                    db.createObjectStore('read', { keyPath: 'key' });
                    db.createObjectStore('meta', { keyPath: 'key' });
                }
            });
        }
        return dbPromise;
    }

    async function getMeta(key) {
        var row = await (await open()).get('meta', key);
        return row ? row.value : null;
    }
    async function setMeta(key, value) { await (await open()).put('meta', { key: key, value: value }); }

    function uuid() { return root.crypto.randomUUID(); }

    function captureKind(path) {
        for (var i = 0; i < CAPTURE.length; i++) {
            var m = CAPTURE[i].re.exec(path);
            if (m && CAPTURE[i].kind === 'attachment') return { kind: 'attachment', owner: m[1], id: Number(m[2]) };
            if (m) return { kind: CAPTURE[i].kind, id: m[1] ? Number(m[1]) : null };
        }
        return null;
    }

    function formClientId(fd) {
        return fd.get('ClientId') || fd.get('Input.ClientId') || fd.get('Input.IdempotencyKey') || '';
    }

    // The form's fields as the contract's data: names without "Input.", strings, arrays for multi-value fields.
    // A checkbox posts "true" then its hidden "false"; like the server's model binding, the first value counts.
    function genericData(fd) {
        var data = {};
        fd.forEach(function (value, name) {
            // "__Invariant" and the like are ASP.NET's own hints, not fields.
            if (NOT_DATA.indexOf(name) >= 0 || name.indexOf('__') === 0 || typeof value !== 'string') return;
            var key = name.indexOf('Input.') === 0 ? name.substring(6) : name;
            if (MULTI.indexOf(key) >= 0) (data[key] = data[key] || []).push(value);
            else if (!(key in data)) data[key] = value;
        });
        return data;
    }

    function today() {
        var d = new Date();
        return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
    }

    /** The record a capture form's post stands for, or null for other posts (e.g. "check" or "search" handlers). */
    function recordFromForm(path, search, fd) {
        var capture = captureKind(path);
        if (!capture || /[?&]handler=/i.test(search || '')) return null;
        var data;
        switch (capture.kind) {
            case 'visit':
            case 'caseNote':
                data = genericData(fd);
                data.caseId = capture.id;
                break;
            case 'referral':
                data = genericData(fd);
                break;
            case 'attachment': {
                // The file itself (already made smaller by js/attach.js) is kept beside the data as a Blob in
                // IndexedDB and sent as base64 (see withContent).
                var file = fd.get('file');
                if (!file || typeof file === 'string' || !file.size) return null;
                data = { owner: capture.owner, ownerId: capture.id, caption: fd.get('Input.Caption') || null, fileName: file.name || 'photo.jpg' };
                return { clientId: formClientId(fd) || uuid(), kind: 'attachment', recordedAt: new Date().toISOString(), data: data, blob: file, formUrl: path };
            }
            case 'programmeAttendance': {
                var marks = [];
                for (var i = 0; fd.has('Marks[' + i + '].EnrolmentId'); i++) {
                    var status = fd.get('Marks[' + i + '].Status');
                    if (status) marks.push({ enrolmentId: Number(fd.get('Marks[' + i + '].EnrolmentId')), status: status });
                }
                data = { programmeId: capture.id, date: fd.get('Date') || today(), marks: marks };
                break;
            }
            case 'sessionAttendance': {
                var counts = [];
                for (var g = 0; fd.has('Input.GuestCounts[' + g + ']'); g++) counts.push(Number(fd.get('Input.GuestCounts[' + g + ']')) || 0);
                data = {
                    sessionId: capture.id,
                    baseVersion: Number(fd.get('Input.Version')) || 0,
                    personIds: fd.getAll('Input.Present').map(Number),
                    // The guest cells in the form's order (the server also takes a plain total).
                    guests: counts,
                    notes: fd.get('Input.Notes') || null
                };
                break;
            }
        }
        return { clientId: formClientId(fd) || uuid(), kind: capture.kind, recordedAt: new Date().toISOString(), data: data, formUrl: path };
    }

    // One day's register of a programme, or one session, is one record: saving it again on the phone replaces it.
    function sameThing(a, b) {
        if (a.kind !== b.kind) return false;
        if (a.kind === 'programmeAttendance') return a.data.programmeId === b.data.programmeId && a.data.date === b.data.date;
        if (a.kind === 'sessionAttendance') return a.data.sessionId === b.data.sessionId;
        return false;
    }

    async function enqueue(record, user) {
        var db = await open();
        var all = await db.getAll('queue');
        for (var i = 0; i < all.length; i++) {
            var old = all[i];
            if (old.user === user && old.status === 'pending' && sameThing(old, record)) {
                record.clientId = old.clientId;
                if (record.kind === 'sessionAttendance') record.data.baseVersion = old.data.baseVersion;
            }
        }
        record.user = user;
        record.status = 'pending';
        await db.put('queue', record);
        notify();
        return record;
    }

    async function save(record) {
        await (await open()).put('queue', record);
        notify();
    }
    async function get(clientId) { return (await open()).get('queue', clientId); }
    async function list() { return (await open()).getAll('queue'); }
    async function discard(clientId) {
        await (await open()).delete('queue', clientId);
        notify();
    }

    /** "Keep mine" after a conflict: the same record again, now based on the server's current version. */
    async function keepMine(clientId) {
        var record = await get(clientId);
        if (!record || !record.current) return;
        var c = record.current;
        record.data.baseVersion = Number(c.version !== undefined ? c.version : c.sessionVersion);
        record.status = 'pending';
        delete record.message; delete record.current; delete record.mine;
        await save(record);
    }

    async function status(user) {
        var all = await list();
        var mine = all.filter(function (r) { return r.user === user; });
        return {
            pending: mine.filter(function (r) { return r.status === 'pending'; }).length,
            rejected: mine.filter(function (r) { return r.status !== 'pending'; }).length,
            others: all.length - mine.length,
            lastSync: await getMeta('lastSync'),
            signIn: !!(await getMeta('signIn')),
            lastError: await getMeta('lastError')
        };
    }

    function notify() {
        if (root.BroadcastChannel) {
            var channel = new root.BroadcastChannel('hive-sync');
            channel.postMessage({ type: 'changed' });
            channel.close();
        }
    }

    function SignInNeeded() { this.signIn = true; this.message = 'sign in'; }

    async function fetchJson(url) {
        var res = await fetch(url, { credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'application/json' } });
        if (res.status === 401 || res.type === 'opaqueredirect') throw new SignInNeeded();
        if (res.status === 404) return null;
        if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + url);
        return res.json();
    }

    async function fetchToken() {
        var token = (await fetchJson('/api/sync/token') || {}).token;
        if (!token) throw new Error('no token');
        return token;
    }

    // A record's data as sent: an attachment's Blob goes as base64 in data.content.
    async function withContent(r) {
        if (!r.blob) return r.data;
        var bytes = new Uint8Array(await r.blob.arrayBuffer());
        var text = '';
        for (var i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        var data = Object.assign({}, r.data);
        data.content = root.btoa(text);
        return data;
    }

    async function post(batch, token) {
        var records = [];
        for (var i = 0; i < batch.length; i++) {
            var r = batch[i];
            records.push({ clientId: r.clientId, kind: r.kind, recordedAt: r.recordedAt, data: await withContent(r) });
        }
        return fetch('/api/sync', {
            method: 'POST',
            credentials: 'same-origin',
            redirect: 'manual',
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token, Accept: 'application/json' },
            body: JSON.stringify({
                sentAt: new Date().toISOString(),
                records: records
            })
        });
    }

    async function sendBatch(db, batch, token, outcome) {
        var res = await post(batch, token.value);
        if (res.status === 401 || res.type === 'opaqueredirect') throw new SignInNeeded();
        if (res.status === 400 && !token.renewed) {
            // The token may be out of date (e.g. signed in again in another tab): once with a fresh one.
            token.renewed = true;
            token.value = await fetchToken();
            res = await post(batch, token.value);
            if (res.status === 401 || res.type === 'opaqueredirect') throw new SignInNeeded();
        }
        if (res.status === 400) {
            var problem = await res.json().catch(function () { return {}; });
            // A malformed batch: find the record the server cannot read by sending them one at a time.
            if (batch.length > 1) {
                for (var i = 0; i < batch.length; i++) await sendBatch(db, [batch[i]], token, outcome);
                return;
            }
            batch[0].status = 'rejected';
            batch[0].message = problem.message || 'HTTP 400';
            await db.put('queue', batch[0]);
            return;
        }
        if (!res.ok) throw new Error('HTTP ' + res.status + ' /api/sync');
        var body = await res.json();
        var byId = {};
        batch.forEach(function (r) { byId[r.clientId] = r; });
        for (var j = 0; j < (body.results || []).length; j++) {
            var result = body.results[j];
            var record = byId[result.clientId];
            if (!record) continue;
            if (result.status === 'applied' || result.status === 'alreadyApplied') {
                await db.delete('queue', record.clientId);
                outcome.sent++;
            } else if (result.status === 'rejected' || result.status === 'conflict') {
                record.status = result.status;
                record.message = result.message || '';
                record.errors = result.errors || null;
                record.current = result.current || null;
                record.mine = result.mine || null;
                await db.put('queue', record);
                outcome.rejected++;
            }
            // Any other answer leaves the record pending: it is sent again next time.
        }
    }

    /** Sends the signed-in user's pending records, then refreshes the offline caseload, rosters and form pages. */
    async function run(options) {
        options = options || {};
        if (root.navigator.locks) {
            return root.navigator.locks.request('hive-sync', { ifAvailable: true }, function (lock) {
                return lock ? runLocked(options) : { status: 'busy' };
            });
        }
        return runLocked(options);
    }

    async function runLocked(options) {
        var db = await open();
        var user = await getMeta('user');
        var outcome = { status: 'ok', sent: 0, rejected: 0 };
        if (!user) return { status: 'signedOut' };
        await expireReadData();
        try {
            var pending = (await db.getAll('queue')).filter(function (r) { return r.user === user && r.status === 'pending'; });
            if (pending.length > 0) {
                var token = { value: await fetchToken(), renewed: false };
                // Files go one a request (each may be megabytes); the other records in batches.
                var files = pending.filter(function (r) { return !!r.blob; });
                var rest = pending.filter(function (r) { return !r.blob; });
                for (var i = 0; i < rest.length; i += BATCH) await sendBatch(db, rest.slice(i, i + BATCH), token, outcome);
                for (var f = 0; f < files.length; f++) await sendBatch(db, [files[f]], token, outcome);
            }
            await refreshRead(user, options.force);
            await setMeta('lastSync', Date.now());
            await setMeta('signIn', false);
            await setMeta('lastError', null);
        } catch (e) {
            if (e && e.signIn) {
                outcome.status = 'signIn';
                await setMeta('signIn', true);
            } else {
                outcome.status = 'failed';
                await setMeta('lastError', String(e && e.message || e));
            }
        }
        notify();
        return outcome;
    }

    async function refreshRead(user, force) {
        var db = await open();
        var caseload = await fetchJson('/api/offline/caseload');
        var programmes = await fetchJson('/api/offline/programmes');
        var sessions = await fetchJson('/api/offline/sessions');
        var rosters = programmes || sessions ? { programmes: programmes || [], sessions: sessions || [] } : null;
        var now = Date.now();
        if (caseload) await db.put('read', { key: 'caseload', user: user, items: caseload, savedAt: now });
        if (rosters) await db.put('read', { key: 'rosters', user: user, items: rosters, savedAt: now });
        var urls = ['/Sync', '/Referrals/New'];
        (caseload || []).forEach(function (c) { urls.push(c.visitUrl, c.noteUrl); });
        ((rosters && rosters.programmes) || []).forEach(function (p) { urls.push(p.attendanceUrl); });
        ((rosters && rosters.sessions) || []).forEach(function (s) { urls.push(s.attendanceUrl); });
        var pagesAt = await getMeta('pagesAt');
        var all = force || !pagesAt || now - pagesAt > PAGES_MAX_AGE;
        await precachePages(urls.filter(Boolean), all);
        if (all) await setMeta('pagesAt', now);
    }

    // A cached form must not carry the ClientId of the render it came from: that id may already have been posted.
    // The page fills in a fresh one when it finds the field empty.
    function stripClientId(html) {
        return html.replace(/<input\b[^>]*>/gi, function (tag) {
            return /name="(Input\.)?(ClientId|IdempotencyKey)"/i.test(tag) ? tag.replace(/\bvalue="[^"]*"/i, 'value=""') : tag;
        });
    }

    async function storablePage(res) {
        var html = await res.text();
        return new Response(stripClientId(html), { status: 200, headers: { 'Content-Type': res.headers.get('Content-Type') || 'text/html; charset=utf-8' } });
    }

    function pageKey(url) {
        var u = new URL(url, root.location.origin);
        return u.origin + u.pathname;
    }

    /** Capture pages that may be kept: the forms of the user's work and the sync page itself, without query strings. */
    function isCachablePage(url) {
        var u = new URL(url, root.location.origin);
        return u.search === '' && (u.pathname === '/Sync' || captureKind(u.pathname) !== null);
    }

    async function precachePages(urls, all) {
        var cache = await root.caches.open(pagesCacheName());
        var wanted = {};
        urls.forEach(function (u) { wanted[pageKey(u)] = u; });
        var keys = await cache.keys();
        for (var k = 0; k < keys.length; k++) {
            if (!wanted[keys[k].url]) await cache.delete(keys[k]);
        }
        var list = Object.keys(wanted);
        for (var i = 0; i < list.length; i++) {
            if (!all && await cache.match(list[i])) continue;
            var res = await fetch(list[i], { credentials: 'same-origin', redirect: 'manual' });
            if (res.status === 401 || res.type === 'opaqueredirect') throw new SignInNeeded();
            if (res.ok && res.type === 'basic') await cache.put(list[i], await storablePage(res));
        }
    }

    async function cachePage(url, res) {
        if (!isCachablePage(url)) return;
        var cache = await root.caches.open(pagesCacheName());
        await cache.put(pageKey(url), await storablePage(res));
    }

    async function cachedPage(url) {
        var names = (await root.caches.keys()).filter(function (n) { return n.indexOf('hive-pages-') === 0; });
        for (var i = 0; i < names.length; i++) {
            var hit = await (await root.caches.open(names[i])).match(pageKey(url));
            if (hit) return hit;
        }
        return null;
    }

    async function readData(user) {
        var db = await open();
        var caseload = await db.get('read', 'caseload');
        var rosters = await db.get('read', 'rosters');
        return {
            caseload: caseload && caseload.user === user ? caseload.items : null,
            rosters: rosters && rosters.user === user ? rosters.items : null,
            savedAt: caseload ? caseload.savedAt : null
        };
    }

    /** Removes what is kept for offline reading (not the queue: those records are the user's unsent work). */
    async function clearRead() {
        var db = await open();
        await db.clear('read');
        await setMeta('pagesAt', null);
        var names = await root.caches.keys();
        for (var i = 0; i < names.length; i++) {
            if (names[i].indexOf('hive-pages-') === 0) await root.caches.delete(names[i]);
        }
    }

    async function expireReadData() {
        var last = await getMeta('lastSync');
        if (last && Date.now() - last > READ_MAX_AGE) await clearRead();
    }

    async function setUser(user) {
        var previous = await getMeta('user');
        if (previous && previous !== user) await clearRead();
        await setMeta('user', user);
    }

    async function signedOut() {
        await clearRead();
        await setMeta('user', null);
        await setMeta('signIn', false);
    }

    root.HiveSync = {
        configure: configure, captureKind: captureKind, recordFromForm: recordFromForm, uuid: uuid, today: today,
        enqueue: enqueue, save: save, get: get, list: list, discard: discard, keepMine: keepMine, status: status,
        run: run, readData: readData, clearRead: clearRead, expireReadData: expireReadData, setUser: setUser,
        signedOut: signedOut, currentUser: function () { return getMeta('user'); },
        cachePage: cachePage, cachedPage: cachedPage, isCachablePage: isCachablePage
    };
})(self);
