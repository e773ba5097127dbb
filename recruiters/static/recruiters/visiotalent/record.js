/* Visiotalent recording page: camera preview, one question at a time, preparation and answer timers,
   MediaRecorder per answer, uploads retried with exponential backoff and kept in IndexedDB until the
   server acknowledges them, file upload when there is no camera. */
(function () {
  "use strict";
  var root = document.getElementById("vt");
  if (!root) return;
  var config = JSON.parse(document.getElementById("vt-config").textContent);
  var csrf = (root.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var storeKey = "vt-" + root.dataset.tokenKey;
  var $ = function (id) { return document.getElementById(id); };
  var el = {
    preview: $("vt-preview"), badge: $("vt-rec-badge"), timer: $("vt-timer"), status: $("vt-status"),
    announce: $("vt-announce"), camera: $("vt-camera"), progress: $("vt-progress"), bar: $("vt-progress-bar"),
    box: $("vt-question"), title: $("vt-question-title"), text: $("vt-question-text"), meta: $("vt-question-meta"),
    prepare: $("vt-prepare"), start: $("vt-start"), stop: $("vt-stop"), retry: $("vt-retry"), next: $("vt-next"),
    fallback: $("vt-fallback"), file: $("vt-file"), fileSend: $("vt-file-send"), uploads: $("vt-uploads"),
    finishBox: $("vt-finish-box"), finish: $("vt-finish"), done: $("vt-done")
  };
  var questions = config.questions;
  var index = 0, stream = null, recorder = null, chunks = [], countdown = null, recordStartedAt = 0;
  var useFile = false, finished = false;
  var pending = {};   // key -> {item, li}
  questions.forEach(function (q) { q.used = q.attemptsUsed; q.acked = q.attemptsUsed > 0; });

  function say(message) { el.status.textContent = message; }
  function announce(message) { el.announce.textContent = ""; window.setTimeout(function () { el.announce.textContent = message; }, 50); }
  function show(node, visible) { node.hidden = !visible; }
  function fmt(seconds) { var m = Math.floor(seconds / 60), s = seconds % 60; return m + ":" + (s < 10 ? "0" : "") + s; }
  function focus(node) { if (node && !node.hidden) node.focus(); }

  // --- IndexedDB: recordings survive a reload until the server has them ---------------------------------
  var dbPromise = null;
  function db() {
    if (!("indexedDB" in window)) return Promise.resolve(null);
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve) {
        var request = indexedDB.open("visiotalent", 1);
        request.onupgradeneeded = function () { request.result.createObjectStore("pending"); };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { resolve(null); };
      });
    }
    return dbPromise;
  }
  function dbDo(mode, fn) {
    return db().then(function (database) {
      if (!database) return null;
      return new Promise(function (resolve) {
        var tx = database.transaction("pending", mode);
        var result = fn(tx.objectStore("pending"));
        tx.oncomplete = function () { resolve(result && result.result); };
        tx.onerror = function () { resolve(null); };
      });
    }).catch(function () { return null; });
  }
  function keep(item) { return dbDo("readwrite", function (s) { return s.put(item, item.key); }); }
  function forget(key) { return dbDo("readwrite", function (s) { return s.delete(key); }); }
  function allKept() {
    return db().then(function (database) {
      if (!database) return [];
      return new Promise(function (resolve) {
        var items = [], tx = database.transaction("pending", "readonly");
        tx.objectStore("pending").openCursor().onsuccess = function (event) {
          var cursor = event.target.result;
          if (cursor) { items.push(cursor.value); cursor.continue(); } else { resolve(items); }
        };
        tx.onerror = function () { resolve([]); };
      });
    }).catch(function () { return []; });
  }

  // --- Uploads ---------------------------------------------------------------------------------------------
  function questionById(id) { for (var i = 0; i < questions.length; i++) if (questions[i].id === id) return questions[i]; return null; }
  function uploadLine(item, text, cls) {
    var entry = pending[item.key];
    if (!entry) {
      var li = document.createElement("li");
      el.uploads.appendChild(li);
      entry = pending[item.key] = { item: item, li: li, ok: false };
    }
    var q = questionById(item.questionId);
    entry.li.className = cls;
    entry.li.textContent = "Question " + (questions.indexOf(q) + 1) + ", tentative " + item.attempt + " : " + text;
  }
  function upload(item, tries) {
    tries = tries || 0;
    uploadLine(item, tries ? "nouvel essai d'envoi (" + (tries + 1) + ")…" : "envoi en cours…", "vt-wait");
    var form = new FormData();
    form.append("attempt", String(item.attempt));
    if (item.duration) form.append("duration", String(item.duration));
    form.append("video", item.blob, "reponse." + item.extension);
    fetch(item.url, { method: "POST", body: form, credentials: "same-origin", headers: { "X-CSRFToken": csrf } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) { return { response: response, body: body }; });
      })
      .then(function (result) {
        var status = result.response.status;
        if (result.response.ok) {
          pending[item.key].ok = true;
          uploadLine(item, "bien reçue ✓", "vt-ok");
          forget(item.key);
          var q = questionById(item.questionId);
          if (q) q.acked = true;
          refreshFinish();
          return;
        }
        if (status >= 500 || status === 408 || status === 429) throw new Error("retry");
        // A refusal the server explained (wrong file, too big, no attempt left): no point retrying.
        pending[item.key].failed = true;
        uploadLine(item, "refusée : " + (result.body.error || "erreur " + status), "vt-err");
        forget(item.key);
        var q2 = questionById(item.questionId);
        if (q2 && q2.used === item.attempt) { q2.used -= 1; }
        say(result.body.error || "Cet envoi a été refusé.");
        refreshButtons();
      })
      .catch(function () {
        var delay = Math.min(30000, 1000 * Math.pow(2, tries));
        uploadLine(item, "échec de l'envoi, nouvel essai dans " + Math.round(delay / 1000) + " s (la vidéo est conservée)", "vt-wait");
        window.setTimeout(function () { upload(item, tries + 1); }, delay);
      });
  }
  function queue(question, attempt, blob, extension, duration) {
    var item = { key: storeKey + "-" + question.id + "-" + attempt, storeKey: storeKey, questionId: question.id,
                 attempt: attempt, url: question.uploadUrl, blob: blob, extension: extension, duration: duration };
    keep(item).then(function () { upload(item); });
  }
  function allAcknowledged() {
    for (var key in pending) if (!pending[key].ok && !pending[key].failed) return false;
    return questions.every(function (q) { return q.acked; });
  }
  function refreshFinish() {
    var answered = questions.filter(function (q) { return q.acked; }).length;
    el.bar.value = answered;
    el.progress.textContent = answered + " réponse" + (answered > 1 ? "s" : "") + " reçue" + (answered > 1 ? "s" : "") + " sur " + questions.length;
    var ready = !finished && allAcknowledged();
    show(el.finishBox, ready);
    if (ready && index >= questions.length) { say("Toutes vos réponses sont envoyées. Vous pouvez terminer l'entretien."); }
  }

  // --- Camera --------------------------------------------------------------------------------------------
  function enableFallback(message) {
    useFile = true;
    show(el.camera, false);
    show(el.preview.closest(".vt-stage"), false);
    say(message + " Vous pouvez envoyer un fichier vidéo pour chaque question.");
    showQuestion();
  }
  el.camera.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      enableFallback("Votre navigateur ne permet pas d'enregistrer une vidéo ici.");
      return;
    }
    say("Autorisez l'accès à la caméra et au micro dans la fenêtre de votre navigateur…");
    navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true })
      .then(function (media) {
        stream = media;
        el.preview.srcObject = media;
        show(el.camera, false);
        say("Caméra et micro activés. Vérifiez votre image, puis affichez la première question.");
        showQuestion();
      })
      .catch(function (error) {
        var denied = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
        enableFallback(denied ? "L'accès à la caméra a été refusé." : "Aucune caméra ou aucun micro n'est disponible.");
      });
  });

  function pickType() {
    var types = ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4"];
    for (var i = 0; i < types.length; i++) if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) return types[i];
    return "";
  }

  // --- Questions -----------------------------------------------------------------------------------------
  function current() { return questions[index]; }
  function attemptsLeft(q) { return config.maxAttempts - q.used; }
  function showQuestion() {
    stopCountdown();
    if (index >= questions.length) {
      show(el.box, false);
      refreshFinish();
      if (!allAcknowledged()) say("Dernière réponse enregistrée : patientez pendant la fin des envois…");
      focus(el.finish.closest("div").hidden ? el.status : el.finish);
      return;
    }
    var q = current();
    show(el.box, true);
    el.title.textContent = "Question " + (index + 1) + " sur " + questions.length;
    el.text.textContent = q.acked ? q.text : "La question s'affichera au début de votre temps de préparation.";
    el.meta.textContent = "Préparation : " + q.preparation + " s · réponse : " + fmt(q.maxLength) + " maximum · " +
      attemptsLeft(q) + " tentative" + (attemptsLeft(q) > 1 ? "s" : "") + " restante" + (attemptsLeft(q) > 1 ? "s" : "");
    refreshButtons();
    el.title.focus();
  }
  function refreshButtons() {
    var q = current();
    if (!q) return;
    var idle = !recorder && !countdown;
    show(el.prepare, idle && !useFile && q.used === 0);
    show(el.retry, idle && !useFile && q.used > 0 && attemptsLeft(q) > 0);
    el.retry.textContent = "Recommencer cette question (" + attemptsLeft(q) + " essai" + (attemptsLeft(q) > 1 ? "s" : "") + " restant" + (attemptsLeft(q) > 1 ? "s" : "") + ")";
    show(el.next, idle && q.used > 0);
    el.next.textContent = index + 1 < questions.length ? "Question suivante" : "J'ai répondu à toutes les questions";
    show(el.fallback, useFile && idle && attemptsLeft(q) > 0);
    if (useFile) el.text.textContent = q.text;
  }
  function stopCountdown() { if (countdown) { window.clearInterval(countdown); countdown = null; } el.timer.textContent = ""; }
  function runCountdown(seconds, label, onEnd) {
    var left = seconds;
    el.timer.textContent = fmt(left);
    countdown = window.setInterval(function () {
      left -= 1;
      el.timer.textContent = fmt(Math.max(left, 0));
      if (left === 10 && seconds > 15) announce("Plus que 10 secondes de " + label + ".");
      if (left <= 0) { stopCountdown(); onEnd(); }
    }, 1000);
  }
  function beginPreparation() {
    var q = current();
    el.text.textContent = q.text;
    show(el.prepare, false); show(el.retry, false); show(el.next, false);
    if (q.preparation > 0) {
      show(el.start, true);
      say("Temps de préparation : " + q.preparation + (q.preparation > 1 ? " secondes" : " seconde") + ". L'enregistrement commencera ensuite automatiquement.");
      runCountdown(q.preparation, "préparation", startRecording);
      el.start.focus();
    } else {
      startRecording();
    }
  }
  el.prepare.addEventListener("click", beginPreparation);
  el.retry.addEventListener("click", beginPreparation);
  el.start.addEventListener("click", function () { stopCountdown(); startRecording(); });

  function startRecording() {
    var q = current();
    show(el.start, false);
    chunks = [];
    var type = pickType();
    try {
      recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
    } catch (error) {
      recorder = null;
      enableFallback("L'enregistrement vidéo n'a pas pu démarrer.");
      return;
    }
    q.used += 1;
    var attempt = q.used;
    recorder.ondataavailable = function (event) { if (event.data && event.data.size) chunks.push(event.data); };
    recorder.onstop = function () {
      var mime = recorder.mimeType || type || "video/webm";
      var blob = new Blob(chunks, { type: mime.split(";")[0] });
      var duration = Math.round((Date.now() - recordStartedAt) / 100) / 10;
      recorder = null;
      show(el.badge, false);
      queue(q, attempt, blob, mime.indexOf("mp4") >= 0 ? "mp4" : "webm", duration);
      say("Réponse enregistrée (tentative " + attempt + "). Envoi en cours ; vous pouvez " +
          (attemptsLeft(q) > 0 ? "recommencer ou " : "") + "passer à la suite.");
      refreshButtons();
      focus(el.next);
    };
    recorder.start(1000);
    recordStartedAt = Date.now();
    show(el.badge, true); show(el.stop, true);
    say("Enregistrement en cours : " + fmt(q.maxLength) + " au maximum. Appuyez sur « Arrêter l'enregistrement » quand vous avez terminé.");
    el.stop.focus();
    runCountdown(q.maxLength, "réponse", stopRecording);
  }
  function stopRecording() {
    stopCountdown();
    show(el.stop, false);
    if (recorder && recorder.state !== "inactive") recorder.stop();
  }
  el.stop.addEventListener("click", stopRecording);
  el.next.addEventListener("click", function () { index += 1; showQuestion(); });

  el.fileSend.addEventListener("click", function () {
    var q = current(), file = el.file.files && el.file.files[0];
    if (!file) { say("Choisissez d'abord un fichier vidéo."); el.file.focus(); return; }
    if (file.size > config.maxBytes) { say("Ce fichier est trop volumineux (" + Math.round(config.maxBytes / 1048576) + " Mo au maximum)."); return; }
    q.used += 1;
    var extension = (file.name.split(".").pop() || "webm").toLowerCase();
    queue(q, q.used, file, extension, null);
    el.file.value = "";
    say("Fichier envoyé pour la question " + (index + 1) + ".");
    refreshButtons();
    focus(el.next);
  });

  el.finish.addEventListener("click", function () {
    el.finish.disabled = true;
    say("Transmission de vos réponses…");
    fetch(config.completeUrl, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf } })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (result) {
        if (!result.ok) throw new Error(result.body.error || "");
        finished = true;
        if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
        show(el.finishBox, false); show(el.box, false);
        el.preview.srcObject = null;
        // Nothing left to film: the answers list and the thanks take the place of the camera column.
        show(el.preview.closest(".col-lg-6"), false);
        show(el.camera, false);
        el.done.textContent = result.body.message + " Vous pouvez fermer cette page.";
        show(el.done, true);
        say("");
        el.done.focus();
      })
      .catch(function (error) {
        el.finish.disabled = false;
        say((error && error.message) || "La transmission a échoué : vérifiez votre connexion et réessayez.");
      });
  });

  // Recordings kept from an earlier visit (closed tab, lost connection) are sent again first.
  allKept().then(function (items) {
    items.filter(function (item) { return item.storeKey === storeKey; }).forEach(function (item) {
      var q = questionById(item.questionId);
      if (q && q.used < item.attempt) q.used = item.attempt;
      upload(item);
    });
  });
  refreshFinish();
  while (index < questions.length && questions[index].acked) index += 1;
  if (index > 0 && index < questions.length) say("Bon retour ! Vous reprenez à la question " + (index + 1) + ". Activez votre caméra pour continuer.");
})();
