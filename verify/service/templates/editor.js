(function () {
  "use strict";
  // Sends the text to /v1/check and shows the answer in place: the HTML report's header, sections and
  // marked-up article (parsed, never run: scripts in parsed markup stay inert), or the JSON.
  var form = document.getElementById("editor");
  var text = document.getElementById("text");
  var published = document.getElementById("published");
  var format = document.getElementById("format");
  var button = document.getElementById("check");
  var status = document.getElementById("status");
  var problem = document.getElementById("problem");
  var result = document.getElementById("result");

  function reason(response, body) {
    try {
      var data = JSON.parse(body);
      if (data && data.error) { return "The service refused the text (" + response.status + "): " + data.error; }
    } catch (ignored) { /* not JSON: fall through */ }
    return "The service answered " + response.status + " " + response.statusText;
  }

  function showReport(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var parts = page.querySelectorAll("body > header.page, body > nav.sections, body > main");
    result.replaceChildren.apply(result, Array.prototype.map.call(parts, function (node) {
      return document.importNode(node, true);
    }));
    result.querySelectorAll("header.page .source").forEach(function (node) { node.remove(); });  // "request"
  }

  function showJson(body) {
    var pre = document.createElement("pre");
    pre.className = "json";
    pre.textContent = JSON.stringify(JSON.parse(body), null, 2);
    result.replaceChildren(pre);
  }

  function check() {
    if (button.disabled) { return; }
    var request = { text: text.value, format: format.value, id: "Your story" };
    if (published.value) { request.published = published.value; }
    button.disabled = true;
    problem.hidden = true;
    status.textContent = "Checking\u2026";
    fetch("/v1/check", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request)
    }).then(function (response) {
      return response.text().then(function (body) {
        if (!response.ok) { throw new Error(reason(response, body)); }
        if (request.format === "html") { showReport(body); } else { showJson(body); }
        status.textContent = "Checked.";
      });
    }, function (error) {
      throw new Error("The service could not be reached (" + error.message + ")");
    }).catch(function (error) {
      result.replaceChildren();  // a report of an earlier text would mislead
      problem.textContent = error.message;
      problem.hidden = false;
      status.textContent = "";
    }).finally(function () {
      button.disabled = false;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    check();
  });
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      check();
    }
  });
})();
