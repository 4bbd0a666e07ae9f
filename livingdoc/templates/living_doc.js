// The page reads without JavaScript; this only adds: Escape closes an enlarged picture, and printing (or saving
// as PDF) opens every scenario so its pictures are printed too.
(function () {
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var open = document.querySelector('.zoom:target .zoom-close');
    if (open) { event.preventDefault(); open.click(); }
  });
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.open = true; return true;
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
