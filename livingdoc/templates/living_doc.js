// Thumbnails enlarge in a modal dialog (Escape or the Close button closes it).
(function () {
  var dialog = document.getElementById('lightbox');
  var view = document.getElementById('lightbox-shot');
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button.enlarge');
    if (!button) return;
    view.className = 'shot ' + button.dataset.shot;
    view.setAttribute('aria-label', button.dataset.title);
    dialog.showModal();
  });
  dialog.addEventListener('click', function (event) { if (event.target === dialog) dialog.close(); });
})();
