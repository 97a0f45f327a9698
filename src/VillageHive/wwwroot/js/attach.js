// Attaching a photo or a PDF to a record (issue 23, /Attachments/Of/...): a photo from the phone's camera is made
// smaller here before it is sent (longest side 1600 px, JPEG quality 0.8: a few hundred KB instead of several MB on a
// slow line). The resized file replaces the chosen one in the form, so the form posts it as usual, and offline.js /
// the service worker keep it in the queue (IndexedDB) when there is no connection. PDFs and small images go as they are.
(function () {
    'use strict';
    var LONGEST = 1600;
    var QUALITY = 0.8;
    var form = document.getElementById('attachment-form');
    if (!form) return;
    var input = document.getElementById('attachment-file');
    var note = document.getElementById('attachment-resize');
    var button = form.querySelector('button[type=submit]');

    function jpegName(name) {
        var base = (name || 'photo').replace(/\.[^.]*$/, '');
        return base + '.jpg';
    }

    async function resize(file) {
        if (!window.createImageBitmap || !/^image\/(jpeg|png|webp|heic|heif)$/i.test(file.type)) return null;
        var bitmap = await createImageBitmap(file);
        var scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height));
        // A small JPEG is sent as it is; anything larger, or any other kind of photo, is drawn again as a JPEG.
        if (scale === 1 && file.type === 'image/jpeg' && file.size < 500 * 1024) return null;
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        var ctx = canvas.getContext('2d');
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        if (bitmap.close) bitmap.close();
        var blob = await new Promise(function (done) { canvas.toBlob(done, 'image/jpeg', QUALITY); });
        if (!blob) return null;
        return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: Date.now() });
    }

    input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        form.removeAttribute('data-resized');
        if (!file) return;
        button.disabled = true;
        resize(file).then(function (smaller) {
            if (smaller && window.DataTransfer) {
                var list = new DataTransfer();
                list.items.add(smaller);
                input.files = list.files;
                if (note) note.hidden = false;
                form.setAttribute('data-resized', smaller.size + ':' + file.size);
            } else {
                form.setAttribute('data-resized', 'no');
            }
        }).catch(function () {
            // A photo the browser cannot draw goes as it is: the server checks it.
            form.setAttribute('data-resized', 'no');
        }).then(function () { button.disabled = false; });
    });
})();
