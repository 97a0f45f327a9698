// The Village Hive service worker: keeps the app shell (styles, scripts, the Khmer font, icons) and the capture
// forms of the worker's own work on the phone, so that a referral, visit, note or register can be taken with no
// signal. Registered by js/offline.js as /sw.js?v=<build>; each build has its own caches and the old ones go at activation.
importScripts('/lib/idb/umd.js?v=' + encodeURIComponent(new URL(self.location.href).searchParams.get('v') || 'dev'),
    '/js/hive-sync.js?v=' + encodeURIComponent(new URL(self.location.href).searchParams.get('v') || 'dev'));

var VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
var STATIC_CACHE = 'hive-static-' + VERSION;
// The layout asks for these with ?v=<build>, so they are asked for the same way here: the browser has them in its
// HTTP cache from the page that registered this worker, and a new build changes their address.
var VERSIONED = [
    '/css/site.css',
    '/lib/bootstrap/bootstrap.min.css',
    '/lib/idb/umd.js',
    '/js/hive-sync.js',
    '/js/offline.js'
];
// These have no version in their address: revalidated with their ETag (a few hundred bytes when unchanged).
var UNVERSIONED = [
    '/lib/noto-sans-khmer/noto-sans-khmer-400.woff2',
    '/js/sync-page.js',
    '/js/tap-count.js',
    '/js/attach.js',
    '/icons/icon-192.png',
    '/icons/icon-512.png',
    '/manifest.webmanifest'
];
var STATIC_PREFIXES = ['/css/', '/js/', '/lib/', '/icons/'];

HiveSync.configure({ version: VERSION });

self.addEventListener('install', function (event) {
    // Versioned files may come from the HTTP cache (the page has just loaded them: no second download); the others
    // are checked with the server ('no-cache'), so a new build never keeps an old copy.
    var requests = VERSIONED.map(function (u) { return new Request(u + '?v=' + encodeURIComponent(VERSION)); })
        .concat(UNVERSIONED.map(function (u) { return new Request(u, { cache: 'no-cache' }); }));
    event.waitUntil(caches.open(STATIC_CACHE)
        .then(function (cache) { return cache.addAll(requests); })
        .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) {
            return n.indexOf('hive-') === 0 && n.slice(-(VERSION.length + 1)) !== '-' + VERSION;
        }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); }));
});

function isStatic(path) {
    return path === '/manifest.webmanifest' || STATIC_PREFIXES.some(function (p) { return path.indexOf(p) === 0; });
}

// Static files: from the cache of this build (their ?v= query is ignored: the cache itself is per build).
async function cacheFirst(request) {
    var cache = await caches.open(STATIC_CACHE);
    var hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    var res = await fetch(request);
    if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
    return res;
}

// A page that is not kept on the phone, asked for with no connection, says so (issue 19) and offers what is kept: the
// capture forms of the user's work and the sync page. In both languages: the worker cannot know which one the user chose.
var KEPT = [
    { re: /^\/Referrals\/New$/, km: 'បញ្ជូនកុមារ', en: 'Refer a child' },
    { re: /^\/Cases\/(\d+)\/Visits\/New$/, km: 'កត់ត្រាការចុះសួរសុខទុក្ខ · ករណី #$1', en: 'Record a visit · case #$1' },
    { re: /^\/Cases\/(\d+)\/Notes\/New$/, km: 'សរសេរកំណត់ត្រាករណី · ករណី #$1', en: 'Write a case note · case #$1' },
    { re: /^\/Programmes\/(\d+)\/Attendance$/, km: 'វត្តមានប្រចាំថ្ងៃ · កម្មវិធី #$1', en: 'Daily attendance · programme #$1' },
    { re: /^\/Community\/Sessions\/(\d+)$/, km: 'វត្តមានវគ្គ #$1', en: 'Session attendance #$1' },
    { re: /^\/Sync$/, km: 'កំណត់ត្រានៅលើទូរស័ព្ទនេះ', en: 'Records on this phone' }
];

async function keptPaths() {
    var paths = [];
    var names = (await caches.keys()).filter(function (n) { return n.indexOf('hive-pages-') === 0; });
    for (var i = 0; i < names.length; i++) {
        var keys = await (await caches.open(names[i])).keys();
        keys.forEach(function (k) { paths.push(new URL(k.url).pathname); });
    }
    if (paths.indexOf('/Sync') < 0) paths.push('/Sync');
    return paths.filter(function (p, i) { return paths.indexOf(p) === i; })
        .sort(function (a, b) { return (a === '/Sync') - (b === '/Sync') || (a < b ? -1 : a > b ? 1 : 0); });
}

async function notKeptPage() {
    var items = (await keptPaths()).map(function (path) {
        for (var i = 0; i < KEPT.length; i++) {
            var m = KEPT[i].re.exec(path);
            if (!m) continue;
            var fill = function (s) { return s.replace('$1', m[1] || ''); };
            return '<li class="mb-2"><a class="btn btn-outline-primary w-100 text-start" href="' + path + '"><span lang="km">' + fill(KEPT[i].km) +
                '</span><br><span lang="en" class="small">' + fill(KEPT[i].en) + '</span></a></li>';
        }
        return '';
    }).join('');
    return '<!DOCTYPE html><html lang="km"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<title>Village Hive</title><link rel="stylesheet" href="/lib/bootstrap/bootstrap.min.css?v=' + encodeURIComponent(VERSION) + '">' +
        '<link rel="stylesheet" href="/css/site.css?v=' + encodeURIComponent(VERSION) + '"></head>' +
        '<body><main class="container py-4" id="not-kept"><h1 class="h4">ភូមិឃ្មុំ · Village Hive</h1>' +
        '<p lang="km"><strong>ទំព័រនេះមិនត្រូវបានរក្សាទុកនៅលើទូរស័ព្ទនេះទេ។</strong> គ្មានអ៊ីនធឺណិតទេ។ អ្វីដែលអ្នកអាចធ្វើបានដោយគ្មានអ៊ីនធឺណិត៖</p>' +
        '<p lang="en"><strong>This page is not kept on this phone.</strong> There is no connection. What you can do without one:</p>' +
        '<ul class="list-unstyled" id="kept-pages">' + items + '</ul></main></body></html>';
}

// Pages: always from the network when there is one (they show live data); the kept copy of a capture form, or a page
// saying that this one is not kept and offering those that are, when there is not.
async function networkFirst(request) {
    try {
        var res = await fetch(request);
        if (res.ok && res.type === 'basic' && HiveSync.isCachablePage(request.url)) await HiveSync.cachePage(request.url, res.clone());
        return res;
    } catch (e) {
        var kept = await HiveSync.cachedPage(request.url);
        return kept || new Response(await notKeptPage(), { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }
}

// A capture form posted while the page thought it was online: if the network fails, the record goes into the
// queue with the form's own ClientId (the post may have reached the server; the id makes the resend harmless).
async function postCapture(request, url) {
    var copy = request.clone();
    try {
        return await fetch(request);
    } catch (e) {
        var user = await HiveSync.currentUser();
        var record = user ? HiveSync.recordFromForm(url.pathname, url.search, await copy.formData()) : null;
        if (!record) throw e;
        await HiveSync.enqueue(record, user);
        return Response.redirect('/Sync?saved=1', 303);
    }
}

self.addEventListener('fetch', function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin || url.pathname.indexOf('/api/') === 0) return;
    if (request.method === 'POST' && request.mode === 'navigate' && HiveSync.captureKind(url.pathname)) {
        event.respondWith(postCapture(request, url));
        return;
    }
    if (request.method !== 'GET') return;
    if (request.mode === 'navigate') event.respondWith(networkFirst(request));
    else if (isStatic(url.pathname)) event.respondWith(cacheFirst(request));
});

// Background Sync: Chromium wakes the worker when the connection is back, even with no page open.
self.addEventListener('sync', function (event) {
    if (event.tag === 'hive-sync') event.waitUntil(HiveSync.run({}));
});
