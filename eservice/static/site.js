// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Quick exit: leave at once and replace this page in the history, so Back does not return to it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    try { document.body.hidden = true; } catch (e) {}
    window.location.replace(link.href);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.shiftKey) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) window.location.replace(link.href);
    }
  });

  // Follow-up questions: shown only when the answer they depend on is chosen on the same page.
  function chosen(form, name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) values.push(input.value);
    });
    return values;
  }
  function holds(rule, form) {
    if (rule.all) return rule.all.every(function (r) { return holds(r, form); });
    if (rule.any) return rule.any.some(function (r) { return holds(r, form); });
    if (rule.not) return !holds(rule.not, form);
    var values = chosen(form, rule.answer);
    if (!values.length) return false;
    if ("answered" in rule) return true;
    if ("gt" in rule) return Number(values[0]) > rule.gt;
    var wanted = "is" in rule ? [rule.is] : rule["in"];
    return values.some(function (v) { return wanted.indexOf(v) !== -1; });
  }
  document.querySelectorAll("form").forEach(function (form) {
    var followUps = form.querySelectorAll("[data-show-when]");
    if (!followUps.length) return;
    function update() {
      followUps.forEach(function (el) { el.hidden = !holds(JSON.parse(el.getAttribute("data-show-when")), form); });
    }
    form.addEventListener("change", update);
    update();
  });
})();

// Switching language on a page of questions saves what is typed there first, so no answer is lost.
(function () {
  "use strict";
  var form = document.getElementById("answers");
  if (!form) return;
  document.querySelectorAll("a[data-lang]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var action = document.createElement("input");
      action.type = "hidden";
      action.name = "action";
      action.value = "lang:" + link.getAttribute("data-lang");
      form.appendChild(action);
      form.submit();
    });
  });
})();
