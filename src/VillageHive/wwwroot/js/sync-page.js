// The /Sync page: the records waiting on this phone, those the server did not accept (reason, correct and resend,
// discard), conflicts (both versions; keep mine or discard), "Send now", and the worker's own caseload and rosters
// kept for offline reading. Everything shown is built with textContent: the records hold what people typed.
(function () {
    'use strict';
    var H = window.HiveSync;
    var O = window.HiveOffline;
    if (!H || !O) return;
    var textEl = document.getElementById('sync-page-l10n');
    function t(key) { return textEl.getAttribute('data-' + key) || ''; }
    var fmt = O.fmt;

    function el(tag, className, text) {
        var e = document.createElement(tag);
        if (className) e.className = className;
        if (text !== undefined && text !== null) e.textContent = text;
        return e;
    }

    function value(v) {
        if (v === null || v === undefined) return '';
        if (Array.isArray(v)) return v.map(value).join(', ');
        if (typeof v === 'object') return JSON.stringify(v);
        return String(v);
    }

    function sum(v) { return [].concat(v || []).reduce(function (a, b) { return a + (Number(b) || 0); }, 0); }

    function shorten(s, n) {
        s = (s || '').trim();
        return s.length > n ? s.substring(0, n - 1) + '…' : s;
    }

    function summary(record) {
        var d = record.data || {};
        switch (record.kind) {
            case 'referral': {
                var names = [];
                for (var i = 0; ('Children[' + i + '].FamilyNameKm') in d; i++) {
                    names.push([d['Children[' + i + '].FamilyNameKm'], d['Children[' + i + '].GivenNameKm'], d['Children[' + i + '].GivenNameLatin']].filter(Boolean).join(' '));
                }
                return [names.filter(Boolean).join(', '), shorten(d.ConcernNote, 80)].filter(Boolean).join(' · ');
            }
            case 'visit': return [d.VisitedOn, d.Place, shorten(d.Observations, 60)].filter(Boolean).join(' · ');
            case 'caseNote': return shorten(d.Text, 100);
            case 'programmeAttendance': {
                var count = function (s) { return (d.marks || []).filter(function (m) { return m.status === s; }).length; };
                return d.date + ' · ' + fmt(t('marks'), count('Present'), count('Absent'), count('Excused'));
            }
            case 'sessionAttendance': return fmt(t('people'), (d.personIds || []).length + sum(d.guests));
        }
        return '';
    }

    function button(text, className, onClick) {
        var b = el('button', 'btn btn-sm ' + className, text);
        b.type = 'button';
        b.addEventListener('click', onClick);
        return b;
    }

    function discardButton(record, text) {
        return button(text, 'btn-outline-danger', function () {
            if (window.confirm(t('discardconfirm'))) H.discard(record.clientId).then(show);
        });
    }

    // Person ids as names, where the phone has the session's people from the rosters.
    var names = {};
    function personNames(ids, people) {
        return [].concat(ids || []).map(function (id) { return (people && people[id]) || names[id] || '#' + id; });
    }

    function versions(record) {
        var table = el('table', 'table table-sm small mb-2 hive-conflict');
        var head = el('tr');
        [t('field'), t('theirs'), t('mine')].forEach(function (h) { head.appendChild(el('th', null, h)); });
        table.appendChild(el('thead')).appendChild(head);
        var body = table.appendChild(el('tbody'));
        var current = record.current || {};
        var mine = record.mine || record.data || {};
        var keys = Object.keys(current).concat(Object.keys(mine).filter(function (k) { return !(k in current); }));
        keys.forEach(function (k) {
            var row = el('tr');
            var a = value(k === 'personIds' ? personNames(current[k], record.people) : current[k]);
            var b = value(k === 'personIds' ? personNames(mine[k], record.people) : mine[k]);
            row.appendChild(el('th', 'fw-normal', t('field-' + k.toLowerCase()) || k));
            row.appendChild(el('td', a !== b ? 'table-warning' : null, a));
            row.appendChild(el('td', a !== b ? 'table-warning' : null, b));
            body.appendChild(row);
        });
        var wrap = el('div', 'table-responsive');
        wrap.appendChild(table);
        return wrap;
    }

    function item(record) {
        var li = el('li', 'card mb-2 sync-record');
        li.setAttribute('data-client-id', record.clientId);
        li.setAttribute('data-status', record.status);
        var body = li.appendChild(el('div', 'card-body p-2'));
        body.appendChild(el('div', 'fw-semibold', [t('kind-' + record.kind.toLowerCase()), record.title].filter(Boolean).join(' · ')));
        body.appendChild(el('div', 'small hive-muted', fmt(t('recorded'), new Date(record.recordedAt).toLocaleString())));
        var s = summary(record);
        if (s) body.appendChild(el('div', 'small', s));
        if (record.user !== O.user) {
            body.appendChild(el('div', 'small text-warning-emphasis', fmt(t('otheruser'), record.user)));
            return li;
        }
        if (record.message) body.appendChild(el('div', 'small text-danger fw-semibold sync-reason', record.message));
        var actions = el('div', 'd-flex flex-wrap gap-2 mt-1');
        if (record.status === 'rejected') {
            var correct = el('a', 'btn btn-sm btn-primary', t('correct'));
            correct.href = record.formUrl + '#resend=' + record.clientId;
            actions.appendChild(correct);
            actions.appendChild(discardButton(record, t('discard')));
        } else if (record.status === 'conflict') {
            body.appendChild(versions(record));
            actions.appendChild(button(t('keepmine'), 'btn-primary', function () {
                H.keepMine(record.clientId).then(function () { return send(); });
            }));
            actions.appendChild(discardButton(record, t('discard')));
        }
        if (actions.childNodes.length) body.appendChild(actions);
        return li;
    }

    function fill(listId, items, emptyId) {
        var list = document.getElementById(listId);
        list.replaceChildren.apply(list, items);
        if (emptyId) document.getElementById(emptyId).hidden = items.length > 0;
    }

    function show() {
        return H.readData(O.user).then(function (read) {
            ((read.rosters && read.rosters.sessions) || []).forEach(function (session) {
                (session.people || []).forEach(function (p) { names[p.personId] = p.name; });
            });
            return H.list();
        }).then(function (records) {
            records.sort(function (a, b) { return a.recordedAt < b.recordedAt ? -1 : 1; });
            var problems = records.filter(function (r) { return r.status !== 'pending'; });
            var waiting = records.filter(function (r) { return r.status === 'pending'; });
            fill('sync-problem-list', problems.map(item));
            document.getElementById('sync-problems').hidden = problems.length === 0;
            fill('sync-waiting-list', waiting.map(item), 'sync-empty');
            return H.status(O.user);
        }).then(function (s) {
            document.getElementById('sync-signin').hidden = !s.signIn;
            document.getElementById('sync-last-line').textContent = s.lastSync ? O.fmt(O.t('last'), O.time(s.lastSync)) : O.t('never');
            return H.readData(O.user);
        }).then(showWork);
    }

    function link(href, text, className) {
        var a = el('a', className || null, text);
        a.href = href;
        return a;
    }

    function showWork(read) {
        var cases = (read.caseload || []).map(function (c) {
            var li = el('li', 'border-bottom py-2 my-case');
            li.appendChild(el('div', 'fw-semibold', c.childName));
            li.appendChild(el('div', 'small hive-muted', [c.householdHead, c.village].filter(Boolean).join(' · ')));
            if (c.nextDue || c.nextDueWhat) li.appendChild(el('div', 'small', fmt(t('nextdue'), c.nextDue || '', c.nextDueWhat || '')));
            var actions = li.appendChild(el('div', 'd-flex gap-2 mt-1'));
            if (c.visitUrl) actions.appendChild(link(c.visitUrl, t('visit'), 'btn btn-sm btn-outline-primary'));
            if (c.noteUrl) actions.appendChild(link(c.noteUrl, t('note'), 'btn btn-sm btn-outline-primary'));
            return li;
        });
        var rosters = read.rosters || {};
        var programmes = (rosters.programmes || []).map(function (p) {
            var li = el('li', 'border-bottom py-2 my-programme');
            li.appendChild(link(p.attendanceUrl, p.name, 'fw-semibold'));
            var details = li.appendChild(el('details', 'small'));
            details.appendChild(el('summary', null, fmt(t('children'), (p.enrolments || []).length)));
            var names = details.appendChild(el('ul', 'mb-0'));
            (p.enrolments || []).forEach(function (e) { names.appendChild(el('li', null, [e.childName, e.village].filter(Boolean).join(' · '))); });
            return li;
        });
        var sessions = (rosters.sessions || []).map(function (s) {
            var li = el('li', 'border-bottom py-2 my-session');
            li.appendChild(link(s.attendanceUrl, [s.activity, s.date].filter(Boolean).join(' · '), 'fw-semibold'));
            li.appendChild(el('div', 'small hive-muted', fmt(t('people'), (s.people || []).length)));
            return li;
        });
        fill('my-cases', cases);
        fill('my-programmes', programmes);
        fill('my-sessions', sessions);
        document.getElementById('my-cases-block').hidden = cases.length === 0;
        document.getElementById('my-programmes-block').hidden = programmes.length === 0;
        document.getElementById('my-sessions-block').hidden = sessions.length === 0;
        document.getElementById('my-work-empty').hidden = cases.length + programmes.length + sessions.length > 0;
    }

    var result = document.getElementById('sync-result');
    function send() {
        result.textContent = t('sending');
        return Promise.resolve(O.sync(true)).then(function (outcome) {
            outcome = outcome || {};
            result.textContent = outcome.status === 'ok' ? fmt(t('sent'), outcome.sent)
                : outcome.status === 'busy' ? t('busy') : outcome.status === 'signIn' ? '' : navigator.onLine ? t('failed') : '';
            return show();
        });
    }

    document.getElementById('sync-now').addEventListener('click', send);
    document.getElementById('sync-saved').hidden = !/[?&]saved=/.test(location.search);
    document.addEventListener('hive-synced', show);
    if (window.BroadcastChannel) new BroadcastChannel('hive-sync').addEventListener('message', show);
    show();
})();
