// Print button of the check-in list (the CSP forbids inline handlers).
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
