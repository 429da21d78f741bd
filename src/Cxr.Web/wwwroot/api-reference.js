// Minimal OpenAPI 3.x viewer for the cxr API: renders /openapi/v1.json with DOM calls only (no innerHTML from the
// document, no third-party code). Supports what the cxr document uses: operations, parameters, request bodies,
// responses, component schemas, and a small Markdown subset (paragraphs, tables, **bold**, `code`) in descriptions.
'use strict';

(() => {
  const root = document.getElementById('api-doc');
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'className') node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Inline Markdown: `code` and **bold**; everything else is text.
  function inline(text) {
    const parts = [];
    const pattern = /(`[^`]+`|\*\*[^*]+\*\*)/g;
    let last = 0;
    for (const match of String(text).matchAll(pattern)) {
      if (match.index > last) parts.push(text.slice(last, match.index));
      const token = match[0];
      parts.push(token.startsWith('`') ? h('code', null, token.slice(1, -1)) : h('strong', null, token.slice(2, -2)));
      last = match.index + token.length;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  }

  function markdown(text) {
    if (!text) return [];
    const blocks = [];
    for (const block of String(text).split(/\n{2,}/)) {
      const lines = block.split('\n').filter((l) => l.trim() !== '');
      if (lines.length >= 2 && lines.every((l) => l.trim().startsWith('|'))) {
        const cells = (line) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
        const head = cells(lines[0]);
        const body = lines.slice(2).map(cells);
        blocks.push(h('div', { className: 'table-scroll' }, h('table', { className: 'api-table' },
          h('thead', null, h('tr', null, head.map((c) => h('th', null, inline(c))))),
          h('tbody', null, body.map((row) => h('tr', null, row.map((c) => h('td', null, inline(c)))))))));
      } else {
        blocks.push(h('p', null, inline(lines.join(' '))));
      }
    }
    return blocks;
  }

  function refName(ref) { return ref.split('/').pop(); }

  function resolve(doc, schema) {
    if (schema && schema.$ref) {
      const name = refName(schema.$ref);
      return (doc.components && doc.components.schemas && doc.components.schemas[name]) || {};
    }
    return schema || {};
  }

  function typeLabel(schema) {
    if (!schema) return '';
    if (schema.$ref) return h('a', { href: `#schema-${refName(schema.$ref)}` }, refName(schema.$ref));
    let type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null').join(' | ') : schema.type;
    const nullable = Array.isArray(schema.type) && schema.type.includes('null');
    if (type === 'array' && schema.items) {
      const item = typeLabel(schema.items);
      return h('span', null, 'array of ', item);
    }
    if (!type && (schema.oneOf || schema.anyOf)) {
      const options = (schema.oneOf || schema.anyOf).map(typeLabel);
      return h('span', null, options.flatMap((o, i) => (i ? [' | ', o] : [o])));
    }
    if (schema.format) type = `${type || ''} (${schema.format})`;
    return `${type || 'any'}${nullable ? ' | null' : ''}`;
  }

  function propertiesTable(doc, schema) {
    const resolved = resolve(doc, schema);
    const props = resolved.properties || {};
    const required = new Set(resolved.required || []);
    const names = Object.keys(props);
    if (names.length === 0) return h('p', null, 'Type: ', typeLabel(schema));
    return h('div', { className: 'table-scroll' }, h('table', { className: 'api-table' },
      h('thead', null, h('tr', null, h('th', null, 'Field'), h('th', null, 'Type'), h('th', null, 'Description'))),
      h('tbody', null, names.map((name) => h('tr', null,
        h('td', null, h('code', null, name), required.has(name) ? ' *' : ''),
        h('td', null, typeLabel(props[name])),
        h('td', null, inline(props[name].description || '')))))));
  }

  function operation(doc, path, method, op) {
    const section = h('section', { className: 'api-op', id: op.operationId || `${method}-${path}` },
      h('h3', null, h('span', { className: `method ${method}` }, method.toUpperCase()), path),
      op.summary ? h('p', null, h('strong', null, op.summary)) : null,
      markdown(op.description));

    const params = op.parameters || [];
    if (params.length) {
      section.append(h('h4', null, 'Parameters'), h('div', { className: 'table-scroll' }, h('table', { className: 'api-table' },
        h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'In'), h('th', null, 'Type'), h('th', null, 'Description'))),
        h('tbody', null, params.map((p) => h('tr', null,
          h('td', null, h('code', null, p.name), p.required ? ' *' : ''),
          h('td', null, p.in),
          h('td', null, typeLabel(p.schema)),
          h('td', null, inline(p.description || ''))))))));
    }

    if (op.requestBody) {
      section.append(h('h4', null, 'Request body'), ...markdown(op.requestBody.description));
      const plain = [];
      for (const [type, media] of Object.entries(op.requestBody.content || {})) {
        if (type.startsWith('multipart/') || (media.schema && media.schema.$ref)) {
          section.append(h('p', null, h('code', null, type)), propertiesTable(doc, media.schema));
        } else {
          plain.push(type);
        }
      }
      if (plain.length) {
        section.append(h('p', null, 'Or the raw body, typed ', plain.flatMap((t, i) => [i ? ', ' : '', h('code', null, t)]), '.'));
      }
    }

    const responses = Object.entries(op.responses || {});
    if (responses.length) {
      section.append(h('h4', null, 'Responses'), h('div', { className: 'table-scroll' }, h('table', { className: 'api-table' },
        h('thead', null, h('tr', null, h('th', null, 'Status'), h('th', null, 'Content'), h('th', null, 'Description'))),
        h('tbody', null, responses.map(([status, response]) => h('tr', null,
          h('td', null, status),
          h('td', null, Object.entries(response.content || {}).flatMap(([type, media], i) =>
            [i ? h('br') : null, h('code', null, type), media.schema ? h('span', null, ' ', typeLabel(media.schema)) : null])),
          h('td', null, inline(response.description || ''))))))));
    }
    return section;
  }

  function render(doc) {
    const info = doc.info || {};
    document.getElementById('api-version').textContent = `${info.title || ''} ${info.version || ''}`.trim();
    root.replaceChildren();
    root.append(h('section', null, markdown(info.description)));

    const nav = h('nav', { 'aria-label': 'Operations' }, h('h2', null, 'Operations'));
    const list = h('ul');
    const ops = [];
    for (const [path, item] of Object.entries(doc.paths || {})) {
      for (const method of methods) {
        if (item[method]) ops.push([path, method, item[method]]);
      }
    }
    for (const [path, method, op] of ops) {
      list.append(h('li', null, h('a', { href: `#${op.operationId || `${method}-${path}`}` }, `${method.toUpperCase()} ${path}`),
        op.summary ? ` — ${op.summary}` : ''));
    }
    nav.append(list);
    root.append(nav);
    for (const [path, method, op] of ops) root.append(operation(doc, path, method, op));

    const schemas = Object.entries((doc.components && doc.components.schemas) || {});
    if (schemas.length) {
      root.append(h('h2', null, 'Schemas'));
      for (const [name, schema] of schemas) {
        root.append(h('section', { className: 'api-op', id: `schema-${name}` },
          h('h3', null, name), markdown(schema.description), propertiesTable(doc, schema)));
      }
    }
  }

  fetch('openapi/v1.json')
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then(render)
    .catch((error) => {
      root.replaceChildren(h('p', { className: 'error', role: 'alert' }, `The OpenAPI document could not be loaded (${error.message}).`));
    });
})();
