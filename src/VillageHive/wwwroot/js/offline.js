// Offline capture on every page: registers the service worker, keeps the sync status in the header up to date,
// takes a capture form's record into the phone's queue when there is no connection, sends the queue when the
// connection is back (on load, on "online", every minute, or by "Send now" on /Sync), and clears what is kept
// for offline reading at sign-out. Without JavaScript the forms post as usual.
(function () {
    'use strict';
    // The header's menu and search open over the page (<details>): a tap elsewhere closes them, and the search box takes
    // the keyboard as it opens.
    document.addEventListener('click', function (e) {
        document.querySelectorAll('details.hive-pop[open]').forEach(function (d) {
            if (!d.contains(e.target)) d.removeAttribute('open');
        });
    });
    var find = document.getElementById('header-find');
    if (find) find.addEventListener('toggle', function () {
        if (find.open) { var q = document.getElementById('header-q'); if (q) q.focus(); }
    });
    // The language switch keeps what was typed (issue 19): the page's fields go to this tab's sessionStorage as the
    // switch posts, and are put back once the same address comes back in the other language; then they are removed.
    var TYPED = 'hive-typed';
    function typedFields(form) {
        return Array.prototype.filter.call(form.elements, function (el) {
            return el.name && el.name !== '__RequestVerificationToken' && !/^(hidden|password|file|submit|button|reset|image)$/.test(el.type);
        });
    }
    document.querySelectorAll('form.hive-lang').forEach(function (lang) {
        lang.addEventListener('submit', function () {
            var kept = [];
            document.querySelectorAll('form').forEach(function (form, i) {
                if (form.classList.contains('hive-lang')) return;
                typedFields(form).forEach(function (el) {
                    if (el.type === 'checkbox' || el.type === 'radio') kept.push({ f: i, n: el.name, v: el.value, c: el.checked });
                    else if (el.type === 'select-multiple') kept.push({ f: i, n: el.name, m: Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; }) });
                    else kept.push({ f: i, n: el.name, v: el.value });
                });
            });
            try { sessionStorage.setItem(TYPED, JSON.stringify({ at: location.pathname + location.search, kept: kept })); } catch (e) { }
        });
    });
    (function restoreTyped() {
        var saved = null;
        try { saved = JSON.parse(sessionStorage.getItem(TYPED) || 'null'); sessionStorage.removeItem(TYPED); } catch (e) { }
        if (!saved || saved.at !== location.pathname + location.search) return;
        var forms = document.querySelectorAll('form');
        saved.kept.forEach(function (k) {
            if (!forms[k.f]) return;
            typedFields(forms[k.f]).forEach(function (el) {
                if (el.name !== k.n) return;
                if (el.type === 'checkbox' || el.type === 'radio') { if (el.value === k.v) el.checked = k.c; }
                else if (k.m) Array.prototype.forEach.call(el.options, function (o) { o.selected = k.m.indexOf(o.value) >= 0; });
                else el.value = k.v;
            });
        });
    })();

    var H = window.HiveSync;
    var script = document.currentScript;
    if (!H || !window.indexedDB || !script) return;
    var build = script.getAttribute('data-build') || 'dev';
    H.configure({ version: build });
    var user = document.body.getAttribute('data-user') || '';
    var textEl = document.getElementById('hive-l10n');
    function t(key) { return textEl ? textEl.getAttribute('data-' + key) || '' : ''; }
    function fmt(s) {
        var args = arguments;
        return s.replace(/\{(\d)\}/g, function (_, i) { return args[Number(i) + 1]; });
    }

    if ('serviceWorker' in navigator) {
        navigator.serviceWorker.register('/sw.js?v=' + encodeURIComponent(build), { scope: '/' }).catch(function () { });
    }

    if (!user) {
        // Signed out (or the sign-in expired): nothing of anyone's work stays readable; unsent records stay queued.
        H.signedOut().catch(function () { });
        return;
    }

    // ---- the sync status in the header --------------------------------------------------------------------------
    var statusLink = document.getElementById('sync-status');
    function time(ms) {
        var d = new Date(ms);
        var sameDay = d.toDateString() === new Date().toDateString();
        // In the page's language, not the phone's: a Khmer page says a Khmer date, on the 24-hour clock as the server does.
        var locale = document.documentElement.lang === 'km' ? 'km-KH' : 'en-GB';
        return sameDay ? d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) : d.toLocaleDateString(locale);
    }
    function render() {
        if (!statusLink) return Promise.resolve();
        return H.status(user).then(function (s) {
            var state = statusLink.querySelector('.sync-state');
            var pending = statusLink.querySelector('.sync-pending');
            var rejected = statusLink.querySelector('.sync-rejected');
            // Nothing waiting and never sent: nothing to say (issue 19), the quiet icon alone links to the Sync page.
            var idle = !s.signIn && navigator.onLine && !s.lastSync && s.pending === 0 && s.rejected === 0;
            state.textContent = s.signIn ? t('signin') : !navigator.onLine ? t('offline')
                : s.lastSync ? fmt(t('last'), time(s.lastSync)) : idle ? '' : t('never');
            pending.textContent = fmt(t('pending'), s.pending);
            pending.hidden = s.pending === 0;
            rejected.textContent = fmt(t('rejected'), s.rejected);
            rejected.hidden = s.rejected === 0;
            statusLink.classList.toggle('hive-sync-warn', s.signIn || s.rejected > 0);
            statusLink.setAttribute('data-pending', s.pending);
            statusLink.setAttribute('data-rejected', s.rejected);
            statusLink.setAttribute('data-last-sync', s.lastSync || '');
        });
    }
    if (window.BroadcastChannel) new BroadcastChannel('hive-sync').onmessage = function () { render(); };
    window.addEventListener('offline', render);

    var running = null;
    function sync(force) {
        if (!navigator.onLine) return render();
        if (!running) {
            running = H.run({ force: !!force }).then(function (outcome) {
                running = null;
                render();
                document.dispatchEvent(new CustomEvent('hive-synced', { detail: outcome }));
                return outcome;
            }, function () { running = null; });
        }
        return running;
    }
    // For the sync page's "Send now".
    window.HiveOffline = { sync: sync, user: user, t: t, fmt: fmt, time: time, render: render };

    // Sends when there is something to send, and refreshes the offline reading once in a while when there is not.
    var READ_REFRESH = 30 * 60 * 1000;
    function tick() {
        return H.status(user).then(function (s) {
            if (s.pending > 0 || !s.lastSync || Date.now() - s.lastSync > READ_REFRESH) return sync(false);
            return render();
        });
    }
    // Records waiting are sent at once; the offline reading is refreshed a little later, after the page's own loading.
    H.setUser(user).then(function () { return H.expireReadData(); }).then(render).then(function () {
        return H.status(user).then(function (s) { return s.pending > 0 ? sync(false) : setTimeout(tick, 3000); });
    }).catch(function () { });
    window.addEventListener('online', function () { sync(false); });
    setInterval(tick, 60 * 1000);

    // ---- sign-out ----------------------------------------------------------------------------------------------
    document.querySelectorAll('form[action="/Account/Logout"]').forEach(function (form) {
        form.addEventListener('submit', function (e) {
            e.preventDefault();
            H.status(user).then(function (s) {
                var unsent = s.pending + s.rejected;
                if (unsent > 0 && !window.confirm(fmt(t('signout'), unsent))) return null;
                return H.signedOut().then(function () { form.submit(); });
            }).catch(function () { form.submit(); });
        });
    });

    // ---- capture forms ----------------------------------------------------------------------------------------
    var capture = H.captureKind(location.pathname);
    if (!capture) return;
    var selectors = {
        referral: '#referral-form', visit: 'main form[method=post]', caseNote: 'main form[method=post]',
        programmeAttendance: '#register', sessionAttendance: '#session-form', attachment: '#attachment-form'
    };
    var form = document.querySelector(selectors[capture.kind]);
    if (!form) return;
    var idFields = form.querySelectorAll('input[name="ClientId"], input[name="Input.ClientId"], input[name="Input.IdempotencyKey"]');
    function blank(field) { return field.value === '' || /^0{8}-/.test(field.value); }
    // A copy kept by the service worker has its ClientId emptied: this render gets a fresh one.
    var fromCache = idFields.length > 0 ? [].some.call(idFields, blank) : !navigator.onLine;
    function freshIds(all) { idFields.forEach(function (f) { if (all || blank(f)) f.value = H.uuid(); }); }
    freshIds(false);
    if (capture.kind === 'programmeAttendance' && fromCache) {
        // The kept register was rendered for another day: the day is the one in the address, or else today.
        var day = new URLSearchParams(location.search).get('date') || H.today();
        setDate(day);
        // The kept copy's line under the title names the day it was rendered for and whether it was saved then.
        var line = document.querySelector('main p.hive-muted');
        if (line) line.textContent = new Date(day + 'T12:00:00').toLocaleDateString(document.documentElement.lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    }

    function setDate(day) {
        var hidden = form.querySelector('input[name="Date"]');
        var shown = document.getElementById('date');
        if (hidden) hidden.value = day;
        if (shown) shown.value = day;
    }

    function notice(kind, text) {
        var box = document.getElementById('offline-notice');
        if (!box) {
            box = document.createElement('div');
            box.id = 'offline-notice';
            box.setAttribute('role', 'status');
            form.parentNode.insertBefore(box, form);
        }
        box.className = 'alert alert-' + kind;
        box.textContent = text;
        box.scrollIntoView({ block: 'center' });
    }

    function trySoon() {
        navigator.serviceWorker && navigator.serviceWorker.ready.then(function (reg) {
            return reg.sync && reg.sync.register('hive-sync');
        }).catch(function () { });
    }

    // Correcting a record the server did not accept: opened from /Sync as <form>#resend=<clientId>. The id is kept
    // for this tab so that an online "check" post (e.g. possible same child on a referral) keeps the correction going.
    var correcting = null;
    var m = /#resend=([0-9a-fA-F-]+)/.exec(location.hash);
    var resumed = (sessionStorage.getItem('hive-correcting') || '').split('|');
    var resumeId = m ? m[1] : resumed[1] === location.pathname ? resumed[0] : null;
    if (resumeId) {
        H.get(resumeId).then(function (record) {
            if (!record || record.status === 'pending') {
                sessionStorage.removeItem('hive-correcting');
                return;
            }
            correcting = record;
            sessionStorage.setItem('hive-correcting', record.clientId + '|' + location.pathname);
            if (m) fill(record);
            notice('warning', t('correcting') + (record.message ? ' ' + record.message : ''));
        });
    }

    function named(name) { return form.querySelectorAll('[name="' + name.replace(/"/g, '') + '"]'); }

    function fill(record) {
        var d = record.data;
        if (record.kind === 'programmeAttendance') {
            setDate(d.date);
            (d.marks || []).forEach(function (mark) {
                var radio = document.getElementById('m' + mark.enrolmentId + '-' + mark.status);
                if (radio) radio.checked = true;
            });
        } else if (record.kind === 'sessionAttendance') {
            form.querySelectorAll('input[name="Input.Present"]').forEach(function (box) {
                box.checked = (d.personIds || []).indexOf(Number(box.value)) >= 0;
            });
            [].concat(d.guests || []).forEach(function (n, i) {
                var cell = document.getElementById('g' + i);
                if (cell) cell.value = n;
            });
            var notes = document.getElementById('notes');
            if (notes) notes.value = d.notes || '';
        } else {
            Object.keys(d).forEach(function (key) {
                var values = [].concat(d[key]).map(String);
                named('Input.' + key).forEach(function (el) {
                    if (el.type === 'hidden') return;
                    if (el.type === 'checkbox' || el.type === 'radio') el.checked = values.indexOf(el.value) >= 0;
                    else el.value = values[0];
                });
            });
        }
        Object.keys(record.errors || {}).forEach(function (field) {
            var span = form.querySelector('[data-valmsg-for="Input.' + field + '"]') || form.querySelector('[data-valmsg-for="' + field + '"]');
            if (span) span.textContent = record.errors[field];
        });
    }

    function recordNow() {
        var fd = new FormData(form);
        var record = H.recordFromForm(location.pathname, '', fd);
        if (!record) return null;
        record.title = document.title.split(' · ')[0];
        if (record.kind === 'sessionAttendance') {
            // Names for the /Sync page's conflict view: the people this form showed, as their tap labels read.
            record.people = {};
            form.querySelectorAll('label.hive-tap').forEach(function (label) {
                var id = (label.getAttribute('for') || '').replace('p-', '');
                record.people[id] = (label.firstChild && label.firstChild.textContent || label.textContent).trim();
            });
        }
        return record;
    }

    function saveCorrection() {
        var record = recordNow();
        var old = correcting;
        if (!record) return Promise.resolve();
        if (record.blob) old.blob = record.blob;
        var data = record.data;
        if (old.kind === 'sessionAttendance') data.baseVersion = old.data.baseVersion;
        else if (old.kind !== 'programmeAttendance') {
            // Keep what the form cannot show (e.g. a second child slot the kept form does not have).
            Object.keys(old.data).forEach(function (key) {
                if (!(key in data) && named('Input.' + key).length === 0 && named(key).length === 0) data[key] = old.data[key];
            });
        }
        old.data = data;
        old.status = 'pending';
        old.message = null; old.errors = null; old.current = null; old.mine = null;
        sessionStorage.removeItem('hive-correcting');
        return H.save(old).then(function () { return sync(true); }).then(function () { location.href = '/Sync'; });
    }

    form.addEventListener('submit', function (e) {
        var handlerButton = e.submitter && e.submitter.hasAttribute('formaction');
        if (navigator.onLine && (!correcting || handlerButton)) return; // posts as usual; the service worker catches a dropped connection
        e.preventDefault();
        if (handlerButton) {
            notice('warning', t('needsnetwork'));
            return;
        }
        if (correcting) {
            saveCorrection();
            return;
        }
        var record = recordNow();
        if (!record) return;
        H.enqueue(record, user).then(function () {
            trySoon();
            render();
            notice('success', t('saved'));
            if (capture.kind !== 'programmeAttendance' && capture.kind !== 'sessionAttendance') {
                form.reset();
                form.querySelectorAll('.field-validation-error').forEach(function (s) { s.textContent = ''; });
            }
            freshIds(true);
        });
    });
})();
