// Keeps the "present" count on the session attendance form up to date as people are tapped (the form works without it).
(function () {
    var form = document.getElementById('session-form');
    var count = document.getElementById('present-count');
    if (!form || !count) return;
    form.addEventListener('change', function () {
        count.textContent = form.querySelectorAll('input[name="Input.Present"]:checked').length;
    });
})();
