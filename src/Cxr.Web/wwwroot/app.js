// cxr page: uploads each chosen image to POST api/v1/predictions?heatmap=true and shows the answer.
// Plain browser JavaScript, no build step, no third-party code. All URLs are relative so the page works under a path prefix.
'use strict';

(() => {
  const api = {
    model: 'api/v1/model',
    limits: 'api/v1/limits',
    predict: 'api/v1/predictions?heatmap=true&heatmapStyle=layer',
    predictForced: 'api/v1/predictions?heatmap=true&heatmapStyle=layer&force=true',
    // DICOM inputs only: a zip with the Secondary Capture (burned-in overlay) and the SR, in the input's study.
    dicom: 'api/v1/predictions?output=dicom',
    dicomForced: 'api/v1/predictions?output=dicom&force=true',
  };
  const notChestXrayType = 'https://cxr.dev/problems/not-a-chest-xray';
  const maxRetries = 2;
  const maxRetryWaitMs = 10000;

  const state = { model: null, limits: null, queue: Promise.resolve(), objectUrls: [] };

  const el = {
    dropzone: document.getElementById('dropzone'),
    input: document.getElementById('file-input'),
    results: document.getElementById('results'),
    template: document.getElementById('result-template'),
    modelLine: document.getElementById('model-line'),
    limitsHint: document.getElementById('limits-hint'),
    clear: document.getElementById('clear-button'),
  };

  const percent = (p) => `${(p * 100).toFixed(1)}%`;

  // The server's rule (Cxr.Core.Text.ByteSize), so the page and the API's messages give a size the same way:
  // decimal units, up to two decimals.
  function formatBytes(bytes) {
    const number = (value) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    if (bytes >= 1e6) return `${number(bytes / 1e6)} MB`;
    if (bytes >= 1e3) return `${number(bytes / 1e3)} kB`;
    return `${number(bytes)} bytes`;
  }

  async function loadModel() {
    try {
      const [modelResponse, limitsResponse] = await Promise.all([fetch(api.model), fetch(api.limits)]);
      if (!modelResponse.ok) throw new Error(`HTTP ${modelResponse.status}`);
      state.model = await modelResponse.json();
      if (limitsResponse.ok) state.limits = await limitsResponse.json();
      const m = state.model;
      el.modelLine.textContent =
        `Model ${m.name} · version ${m.version} · threshold ${percent(m.threshold)} (${m.thresholdPolicy})`;
      if (state.limits) {
        el.limitsHint.textContent =
          `JPEG, PNG, BMP, GIF, WebP or DICOM · up to ${formatBytes(state.limits.maxRequestBytes)} per image.`;
      }
    } catch (error) {
      el.modelLine.textContent = `Model information is unavailable (${error.message}).`;
    }
  }

  function addFiles(fileList) {
    const files = Array.from(fileList || []);
    if (files.length === 0) return;
    el.clear.hidden = false;
    for (const file of files) {
      const card = createCard(file);
      // One request at a time: a small server stays responsive for everyone.
      state.queue = state.queue.then(() => classify(file, card)).catch(() => {});
    }
  }

  function createCard(file) {
    const node = el.template.content.firstElementChild.cloneNode(true);
    const card = {
      root: node,
      name: node.querySelector('.file-name'),
      size: node.querySelector('.file-size'),
      frame: node.querySelector('.viewer-frame'),
      preview: node.querySelector('.preview'),
      heatmap: node.querySelector('.heatmap'),
      controls: node.querySelector('.viewer-controls'),
      toggle: node.querySelector('.heatmap-toggle'),
      opacity: node.querySelector('.heatmap-opacity'),
      opacityValue: node.querySelector('.opacity-value'),
      status: node.querySelector('.status'),
      outcome: node.querySelector('.outcome'),
      label: node.querySelector('.result-label'),
      decision: node.querySelector('.decision'),
      probability: node.querySelector('.probability-value'),
      bar: node.querySelector('.bar'),
      barFill: node.querySelector('.bar-fill'),
      barThreshold: node.querySelector('.bar-threshold'),
      thresholdText: node.querySelector('.threshold-text'),
      modelInfo: node.querySelector('.model-info'),
      warning: node.querySelector('.warning'),
      error: node.querySelector('.error'),
      force: node.querySelector('.force-button'),
      dicom: node.querySelector('.dicom-button'),
      forced: false,
    };
    card.dicom.addEventListener('click', () => downloadDicom(file, card));
    card.force.addEventListener('click', () => {
      card.force.hidden = true;
      state.queue = state.queue.then(() => classify(file, card, true)).catch(() => {});
    });
    card.name.textContent = file.name || 'image';
    card.size.textContent = formatBytes(file.size);
    card.preview.alt = `Uploaded image ${file.name}`;
    card.heatmap.alt = `Heatmap of the regions that most raised the model's pneumonia score for ${file.name}`;

    const url = URL.createObjectURL(file);
    state.objectUrls.push(url);
    card.preview.addEventListener('load', () => {
      card.frame.style.aspectRatio = `${card.preview.naturalWidth} / ${card.preview.naturalHeight}`;
    });
    card.preview.addEventListener('error', () => { card.frame.hidden = true; });
    card.preview.src = url;

    card.toggle.addEventListener('change', () => { card.heatmap.hidden = !card.toggle.checked; });
    card.opacity.addEventListener('input', () => applyOpacity(card));
    applyOpacity(card);

    el.results.appendChild(node);
    return card;
  }

  function applyOpacity(card) {
    const value = Number(card.opacity.value);
    card.heatmap.style.opacity = String(value / 100);
    card.opacityValue.textContent = `${value}%`;
  }

  function setStatus(card, text, busy) {
    card.status.hidden = false;
    card.status.textContent = text;
    card.status.classList.toggle('busy', Boolean(busy));
  }

  function showError(card, title, detail, refusal) {
    card.status.hidden = true;
    card.outcome.hidden = true;
    card.error.hidden = false;
    card.error.replaceChildren();
    card.error.classList.toggle('refusal', Boolean(refusal));
    const strong = document.createElement('strong');
    strong.textContent = `${title}. `;
    card.error.append(strong, document.createTextNode(detail || ''));
    card.root.classList.add('failed');
    // A refusal by the input guard can be overridden, knowingly: the answer then comes with a warning.
    card.force.hidden = !refusal;
  }

  function checkBeforeUpload(file) {
    if (file.size === 0) return ['The file is empty', 'Choose a chest X-ray image file.'];
    const limit = state.limits && state.limits.maxRequestBytes;
    if (limit && file.size > limit) {
      return ['The file is too large',
        `It is ${formatBytes(file.size)}; the largest image accepted is ${formatBytes(limit)}.`];
    }
    return null;
  }

  async function readProblem(response) {
    try {
      const body = await response.json();
      if (body && (body.title || body.detail)) return body;
    } catch { /* not JSON */ }
    return { title: `The server answered ${response.status}`, detail: response.statusText || '' };
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Asks the server again for the answer as DICOM objects and saves the zip; nothing is stored on the server.
  async function downloadDicom(file, card) {
    card.dicom.disabled = true;
    const text = card.dicom.textContent;
    card.dicom.textContent = 'Preparing DICOM…';
    try {
      const form = new FormData();
      form.append('image', file, file.name || 'image');
      const response = await fetch(card.forced ? api.dicomForced : api.dicom, { method: 'POST', body: form });
      if (!response.ok) {
        const problem = await readProblem(response);
        showDicomError(card, `${problem.title || `Error ${response.status}`}. ${problem.detail || ''}`);
        return;
      }
      card.error.hidden = true;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `${(file.name || 'image').replace(/\.[^.]*$/, '')}.dicom.zip`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      showDicomError(card, `The server could not be reached. Check the connection and try again (${error.message}).`);
    } finally {
      card.dicom.disabled = false;
      card.dicom.textContent = text;
    }
  }

  // A failed download leaves the answer on show: the message goes under it.
  function showDicomError(card, message) {
    card.error.classList.remove('refusal');
    card.error.textContent = `DICOM download failed: ${message}`;
    card.error.hidden = false;
  }

  async function classify(file, card, force) {
    card.forced = Boolean(force);
    const rejected = checkBeforeUpload(file);
    if (rejected) {
      showError(card, rejected[0], rejected[1]);
      return;
    }

    for (let attempt = 0; ; attempt++) {
      setStatus(card, attempt === 0 ? 'Analysing…' : 'The server is busy; retrying…', true);
      const form = new FormData();
      form.append('image', file, file.name || 'image');
      let response;
      try {
        response = await fetch(force ? api.predictForced : api.predict, { method: 'POST', body: form });
      } catch (error) {
        showError(card, 'The server could not be reached', `Check the connection and try again (${error.message}).`);
        return;
      }

      if (response.ok) {
        render(card, await response.json());
        return;
      }

      const problem = await readProblem(response);
      if ((response.status === 503 || response.status === 429) && attempt < maxRetries) {
        const seconds = Number(response.headers.get('Retry-After')) || 1;
        await sleep(Math.min(seconds * 1000, maxRetryWaitMs));
        continue;
      }

      if (problem.type === notChestXrayType && problem.inputCheck) {
        showError(card, 'This does not look like a frontal chest X-ray',
          `${problem.inputCheck.message} The model was trained only on pediatric frontal chest X-rays, so its answer for this image would be meaningless.`,
          true);
        return;
      }

      showError(card, problem.title || `Error ${response.status}`, problem.detail);
      return;
    }
  }

  function render(card, result) {
    const model = result.model;
    const pneumonia = result.label === 'PNEUMONIA';
    const mode = state.model && state.model.preprocess ? state.model.preprocess.mode : 'stretch';

    card.status.hidden = true;
    card.error.hidden = true;
    card.force.hidden = true;
    card.root.classList.remove('failed');
    card.outcome.hidden = false;
    // The forced-past warning and the input check's own warnings (e.g. a DICOM header's "adult"): the answer stands,
    // but is to be read with them.
    const notes = [result.warning, ...((result.inputCheck && result.inputCheck.warnings) || []).map((w) => w.message)].filter(Boolean);
    card.warning.hidden = notes.length === 0;
    card.warning.textContent = notes.join(' ');

    // DICOM in, DICOM out: only a DICOM input has a study the answer objects can join.
    card.dicom.hidden = !(result.image && result.image.format === 'dicom');

    card.label.textContent = result.label;
    card.label.className = `result-label ${pneumonia ? 'pneumonia' : 'normal'}`;
    card.decision.textContent = pneumonia
      ? `The probability (${percent(result.probability)}) is at or above the model's threshold (${percent(result.threshold)}): the model flags this image as PNEUMONIA.`
      : `The probability (${percent(result.probability)}) is below the model's threshold (${percent(result.threshold)}): the model does not flag pneumonia (NORMAL).`;

    card.probability.textContent = percent(result.probability);
    card.barFill.style.width = percent(result.probability);
    card.barFill.className = `bar-fill ${pneumonia ? 'pneumonia' : 'normal'}`;
    card.barThreshold.style.left = percent(result.threshold);
    card.thresholdText.textContent = `threshold ${percent(result.threshold)}`;
    card.bar.setAttribute('aria-label',
      `Pneumonia probability ${percent(result.probability)}; threshold ${percent(result.threshold)}`);

    // Only an ensemble's answers carry memberSpread: how far its members' probabilities spread (standard deviation).
    const spread = typeof result.memberSpread === 'number' ? ` · members' spread ±${percent(result.memberSpread)}` : '';
    card.modelInfo.textContent =
      `Model ${model.name} · version ${model.version} · threshold ${percent(result.threshold)}${spread} · sha256 ${model.sha256.slice(0, 12)}… · ${result.timingsMs.total.toFixed(0)} ms`;

    if (result.heatmapPng) {
      // The heatmap covers the model's square input: stretched back to the image's shape, or cropped to it when the
      // model letterboxes (padding falls outside the image).
      card.heatmap.classList.toggle('cover', mode === 'letterbox');
      card.heatmap.src = `data:image/png;base64,${result.heatmapPng}`;
      card.heatmap.hidden = !card.toggle.checked;
      card.controls.hidden = false;
    }
    if (card.frame.hidden || !card.preview.naturalWidth) {
      // The browser could not show the upload itself (e.g. an unusual format): show the heatmap alone.
      card.frame.hidden = false;
      card.frame.style.aspectRatio = `${result.image.width} / ${result.image.height}`;
    }
  }

  function clearResults() {
    el.results.replaceChildren();
    for (const url of state.objectUrls) URL.revokeObjectURL(url);
    state.objectUrls = [];
    el.clear.hidden = true;
    el.input.value = '';
    el.input.focus();
  }

  el.input.addEventListener('change', () => {
    addFiles(el.input.files);
    el.input.value = '';
  });

  for (const type of ['dragenter', 'dragover']) {
    el.dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      el.dropzone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) {
    el.dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      el.dropzone.classList.remove('dragging');
    });
  }
  el.dropzone.addEventListener('drop', (event) => addFiles(event.dataTransfer && event.dataTransfer.files));
  // Dropping outside the zone must not navigate away from the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());

  // The visible button opens the (visually hidden) file input; as a real button it works with Enter and Space.
  document.getElementById('choose-button').addEventListener('click', () => el.input.click());

  el.clear.addEventListener('click', clearResults);

  loadModel();
})();
