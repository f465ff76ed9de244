// Flat ESLint config: recommended JavaScript and TypeScript rules, type-only imports, module boundaries (a module is
// imported only through its index.ts; the web app never imports API code) and config-only environment access.
// No formatting rules: Prettier formats (none of these rules conflicts with it, so eslint-config-prettier is not needed).
import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = path.dirname(new URL(import.meta.url).pathname);
const modulesDir = path.join(root, 'apps/api/src/modules');
const apiDir = path.join(root, 'apps/api');

/**
 * Sub-modules, one level down, with the one file of their parent they may import: the parent
 * imports the sub-module only through its index.ts, and the sub-module imports the parent only
 * through that narrow file (never the parent's index.ts, which re-exports the sub-module).
 */
const subModules = [{ dir: path.join(modulesDir, 'catalog', 'search'), parentEntry: 'shared' }];
const isIndex = (entry) => entry === 'index.js' || entry === 'index.ts' || entry === 'index';

/** A module imports another module only through its index.ts; the web app never imports the API; no module imports the ECPay simulator. */
const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      if (/(^|\/)apps\/api(\/|$)|^@shop\/api(\/|$)/.test(spec) && file.includes(`${path.sep}apps${path.sep}web${path.sep}`)) {
        context.report({ node, message: 'The web app must not import API code; share schemas through @shop/contracts.' });
        return;
      }
      if (/^@shop\/ecpay-sim(\/|$)/.test(spec) && file.startsWith(modulesDir + path.sep)) {
        context.report({
          node,
          message: 'Modules never import the ECPay simulator: main.ts mounts it; modules see only ECPay URLs in the config.',
        });
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      if (file.includes(`${path.sep}apps${path.sep}web${path.sep}`) && target.startsWith(apiDir + path.sep)) {
        context.report({ node, message: 'The web app must not import API code; share schemas through @shop/contracts.' });
        return;
      }
      if (!target.startsWith(modulesDir + path.sep)) return;
      // Tests may reach into their own module's sub-modules (fixtures, internals under test).
      if (!file.endsWith('.test.ts')) {
        for (const sub of subModules) {
          const parent = path.dirname(sub.dir);
          const fileInSub = file.startsWith(sub.dir + path.sep);
          const targetInSub = target.startsWith(sub.dir + path.sep);
          const rel = (from) => path.relative(from, target).split(path.sep).join('/');
          if (!fileInSub && file.startsWith(parent + path.sep) && targetInSub && !isIndex(rel(sub.dir))) {
            context.report({ node, message: `Import ${path.relative(modulesDir, sub.dir)} through its index.ts, not ${rel(sub.dir)}.` });
            return;
          }
          if (
            fileInSub &&
            target.startsWith(parent + path.sep) &&
            !targetInSub &&
            rel(parent).replace(/\.(js|ts)$/, '') !== sub.parentEntry
          ) {
            context.report({
              node,
              message: `${path.relative(modulesDir, sub.dir)} imports its parent only through ../${sub.parentEntry}.ts, not ${rel(parent)}.`,
            });
            return;
          }
        }
      }
      // drizzle-kit's schema entry gathers every module's tables.
      if (file === path.join(root, 'apps/api/src/db/schema.ts')) return;
      const [targetModule, ...rest] = path.relative(modulesDir, target).split(path.sep);
      const ownModule = file.startsWith(modulesDir + path.sep) ? path.relative(modulesDir, file).split(path.sep)[0] : undefined;
      if (targetModule === ownModule) return;
      const entry = rest.join('/');
      if (entry === '' || isIndex(entry)) return;
      context.report({ node, message: `Import the ${targetModule} module through its index.ts, not ${entry}.` });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: (node) => check({ source: node.source }),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/.svelte-kit/**',
      'data/**',
      '.data-test/**',
      'bench/results/**',
      'test-results/**',
      '**/*.svelte',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { shop: { rules: { boundaries } } },
    rules: {
      'shop/boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Only the config files read the environment: one parsed, validated place for every setting.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['apps/api/src/config.ts', 'apps/web/src/lib/server/config.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through config.ts.' }],
    },
  },
  {
    files: ['apps/web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
