// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Quick exit: end the session on the server (a beacon, so leaving does not wait for it), then leave at once and
  // replace this page in the history, so Back does not return to it. Without script the link does both itself.
  function quickExit() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    try { navigator.sendBeacon(link.href); } catch (e) {}
    try { document.body.hidden = true; } catch (e) {}
    window.location.replace(link.getAttribute("data-away"));
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    quickExit();
  });
  // From the keyboard: Escape twice, Shift three times (within a second), or Shift+Escape.
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.repeat) return;
    if (event.key === "Escape" && event.shiftKey) return quickExit();
    if (event.key !== "Escape" && event.key !== "Shift") { presses = []; return; }
    var now = Date.now();
    presses = presses.filter(function (p) { return p.key === event.key && now - p.at < 1000; });
    presses.push({key: event.key, at: now});
    if ((event.key === "Escape" && presses.length >= 2) || (event.key === "Shift" && presses.length >= 3)) quickExit();
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

// Keeping the code: copy the number and the code, or print the page. Without script the buttons stay hidden and the
// page says to write them down or take a screenshot.
(function () {
  "use strict";
  var keep = document.querySelector("[data-keep-code]");
  if (!keep) return;
  keep.hidden = false;
  var copy = keep.querySelector("[data-copy-code]");
  var status = document.querySelector("[data-copy-status]");
  if (!navigator.clipboard) copy.hidden = true;
  copy.addEventListener("click", function () {
    var text = document.getElementById("reference").textContent + " " + document.getElementById("resume-code").textContent;
    navigator.clipboard.writeText(text).then(function () {
      status.textContent = copy.getAttribute("data-copied-text");
    });
  });
  keep.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
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

// Session timeout: ask a few minutes before the session ends; unanswered, save the page and sign out, so that
// nothing typed is lost. Times are counted from the page load (every request renews the session) on the clock,
// not on timers alone, so a phone that slept still does the right thing when it wakes.
(function () {
  "use strict";
  var dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var form = dialog.querySelector("form");
  var answers = document.getElementById("answers");
  var seconds = function (name) { return Number(dialog.getAttribute(name)) * 1000; };
  var lifetime = seconds("data-lifetime"), warnAfter = seconds("data-warn-after"), saveAfter = seconds("data-save-after");
  var since = Date.now(), leaving = false;

  function hidden(target, name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    target.appendChild(input);
  }
  function leave(timedOut) {
    if (leaving) return;
    leaving = true;
    var target = answers || form;  // on a page of questions, what is typed there is saved on the way out
    if (answers) hidden(answers, "action", "save_exit");
    if (timedOut) hidden(target, "timed_out", "1");
    target.submit();
  }
  function stillHere() {
    fetch(dialog.getAttribute("data-still-here"), {method: "POST", body: new FormData(form), credentials: "same-origin"})
      .then(function (response) {
        if (response.ok && !response.redirected) {
          since = Date.now();
          dialog.close();
        } else if (response.redirected) {
          window.location.assign(response.url);  // the session had already ended: sign in again
        }
      })
      .catch(function () { /* offline: the dialog stays, and the page is saved in time if it can be */ });
  }
  function tick() {
    var idle = Date.now() - since;
    if (idle >= lifetime) return;  // too late to save: the server would refuse; the page keeps what is typed
    if (idle >= saveAfter) leave(true);
    else if (idle >= warnAfter && !dialog.open) dialog.showModal();
  }
  dialog.querySelector("[data-still-here]").addEventListener("click", stillHere);
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); stillHere(); });  // Escape
  form.addEventListener("submit", function (event) {
    if (answers) { event.preventDefault(); leave(false); }
  });
  setInterval(tick, 5000);
  document.addEventListener("visibilitychange", tick);
})();

// Saving a page of questions with fetch, so that a connection cut mid-save (a server restarting) leaves the person
// on their page with everything they typed and a message, instead of a browser error page. The server answers a
// save that went through with 204 and the next page's address; any other answer (errors to correct, a conflict,
// the database away) means nothing was saved, so the form is simply sent again the ordinary way and the server's
// own page shows. Without fetch (or without script) the form is sent the ordinary way from the start.
(function () {
  "use strict";
  var form = document.getElementById("answers");
  var failed = document.getElementById("save-failed");
  if (!form || !failed || !window.fetch || !window.URLSearchParams) return;
  var sending = false;

  function sendOrdinarily(submitter) {
    // form.submit() leaves out the pressed button: its name and value go along as a hidden field.
    if (submitter && submitter.name) {
      var action = document.createElement("input");
      action.type = "hidden";
      action.name = submitter.name;
      action.value = submitter.value;
      form.appendChild(action);
    }
    form.submit();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) return;  // the first press is on its way; the button stays usable for a retry after it
    sending = true;
    var submitter = event.submitter;
    var body = new URLSearchParams(new FormData(form));
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    // Not form.action: the buttons are named "action", which hides the form's own property of that name.
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: {"X-Save-By-Script": "1"}
    }).then(function (response) {
      var next = response.status === 204 && response.headers.get("X-Next-Page");
      if (next) window.location.assign(next);
      else sendOrdinarily(submitter);
    }, function () {
      // No answer at all: the connection was cut. Nothing on the page changes but the message; pressing again
      // sends the same answers again.
      sending = false;
      failed.hidden = false;
      failed.focus();
    });
  });
})();
