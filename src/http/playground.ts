import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Response, type Router } from 'express';
import { contentSecurityPolicyFor } from './security-headers.js';

const require = createRequire(import.meta.url);

/** The playground's files, served from node_modules: no CDN, so it works offline and behind firewalls. */
const ASSETS: Record<string, string> = {
  'react.production.min.js': 'react:umd/react.production.min.js',
  'react-dom.production.min.js': 'react-dom:umd/react-dom.production.min.js',
  'graphiql.min.js': 'graphiql:graphiql.min.js',
  'graphiql.min.css': 'graphiql:graphiql.min.css',
};

/** The folder of an installed package (its "exports" hide files like the UMD builds from require.resolve). */
function packageFolder(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name)
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package ${name} is not installed`);
    dir = parent;
  }
}

export interface PlaygroundOptions {
  /** Serve demo tokens for each role (development and sandbox only). */
  readonly demoTokens: boolean;
}

export function playgroundRouter(): Router {
  const router = express.Router();
  for (const [name, location] of Object.entries(ASSETS)) {
    const [packageName = '', file = ''] = location.split(':');
    const absolute = path.join(packageFolder(packageName), file);
    router.get(`/playground/assets/${name}`, (_req, res) => {
      res.sendFile(absolute, { maxAge: '1d' });
    });
  }
  return router;
}

/** A browser asking for /graphql gets the playground; programs get the API. */
export function wantsPlayground(method: string, accept: string | undefined, hasQuery: boolean): boolean {
  return method === 'GET' && !hasQuery && (accept ?? '').includes('text/html');
}

const DEFAULT_QUERY = `# Welcome to Tollgate, the customs authority's GraphQL API.
# Pick a role above the editor to act as a demo business, private person,
# officer, auditor or partner agency; "public" sends no token.
#
# Try: who am I, and my newest declarations.
query MyDeclarations {
  viewer { role organisation { organisationNumber name } }
  declarations(first: 5) {
    edges {
      node {
        number
        status
        type
        goodsItems { itemNumber commodityCode description invoiceAmount { amount currency } }
        statusHistory { kind status occurredAt }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

export function playgroundHtml(options: PlaygroundOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tollgate API playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/playground/assets/graphiql.min.css">
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
  #bar { display: flex; gap: 12px; align-items: center; padding: 8px 12px; background: #0b3d5c; color: #fff; font-size: 14px; }
  #bar strong { font-size: 15px; }
  #bar select { font-size: 14px; padding: 2px 4px; }
  #bar a { color: #cde7ff; }
  #bar .spacer { flex: 1; }
  #graphiql { height: calc(100% - 40px); }
</style>
</head>
<body>
<div id="bar">
  <strong>Tollgate</strong>
  <label>Act as <select id="role" aria-label="Role to act as"><option value="">public (no token)</option></select></label>
  <span id="note"></span>
  <span class="spacer"></span>
  <a href="/graphql/schema.graphql">schema (SDL)</a>
</div>
<div id="graphiql">Loading the playground…</div>
<script src="/playground/assets/react.production.min.js"></script>
<script src="/playground/assets/react-dom.production.min.js"></script>
<script src="/playground/assets/graphiql.min.js"></script>
<script>
  const demoTokens = ${options.demoTokens ? 'true' : 'false'};
  let token = '';
  const select = document.getElementById('role');
  const note = document.getElementById('note');
  if (demoTokens) {
    fetch('/playground/tokens').then(async (r) => {
      const body = await r.json();
      if (!r.ok) throw new Error((body.errors && body.errors[0] && body.errors[0].message) || 'Demo tokens are unavailable.');
      return body;
    }).then((tokens) => {
      for (const t of tokens) {
        const option = document.createElement('option');
        option.value = t.token;
        option.textContent = t.label;
        select.appendChild(option);
      }
      note.textContent = 'Sandbox tokens for demo data.';
    }).catch((error) => { note.textContent = error.message; });
  } else {
    note.textContent = 'Add an Authorization header in the Headers tab.';
  }
  select.addEventListener('change', () => { token = select.value; });
  async function fetcher(params, options) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    Object.assign(headers, (options && options.headers) || {});
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
    return response.json();
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, shouldPersistHeaders: false })
  );
</script>
</body>
</html>`;
}

/**
 * Sends the playground page with its own Content-Security-Policy. The page is the same for every
 * request of a server, so it and its policy (the hashes of its inline blocks) are built once.
 */
export function playgroundResponder(options: PlaygroundOptions): (res: Response) => void {
  const html = playgroundHtml(options);
  const policy = contentSecurityPolicyFor(html);
  return (res) => {
    res.setHeader('Content-Security-Policy', policy);
    res.type('html').send(html);
  };
}
