// ESLint rule: the layers of packages/core/src point down only.
//
//   platform/   <- modules/<name>/   <- composition (src/*.ts, testing/)   <- entrypoints/
//
// - platform/ imports nothing above it (no module, no composition file);
// - a module imports platform/, its own folder, and other modules only through their index.ts;
// - composition imports platform/ and modules only through their index.ts, never entrypoints/.
// Cycles are import-x/no-cycle's job; this rule is about direction.
import path from 'node:path';

const layerOf = (rel) => {
  if (rel.startsWith('platform/')) return { layer: 'platform' };
  if (rel.startsWith('modules/')) {
    const [, name, ...rest] = rel.split('/');
    // modules/README.md and the like are not code; a file directly in modules/ would be odd.
    return { layer: 'module', name, file: rest.join('/') };
  }
  if (rel.startsWith('entrypoints/')) return { layer: 'entrypoint' };
  return { layer: 'composition' };
};

const isModuleIndex = (target) => target.layer === 'module' && /^index\.(ts|js)$/.test(target.file ?? '');

export const coreLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'packages/core layers: platform <- modules <- composition <- entrypoints' },
    schema: [],
    messages: {
      upward:
        '{{from}} must not import {{to}}: layers point down (platform <- modules <- composition <- entrypoints).',
      moduleInternals:
        '{{from}} must reach module "{{module}}" only through modules/{{module}}/index.ts, not {{to}}.',
    },
  },
  create(context) {
    const file = context.filename;
    const marker = `${path.sep}packages${path.sep}core${path.sep}src${path.sep}`;
    const at = file.indexOf(marker);
    if (at < 0) return {};
    const srcDir = file.slice(0, at + marker.length - 1);
    const from = layerOf(path.relative(srcDir, file).split(path.sep).join('/'));
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), spec);
      const rel = path.relative(srcDir, resolved).split(path.sep).join('/');
      if (rel.startsWith('..')) return;
      const to = layerOf(rel);
      const report = (messageId, data) => context.report({ node, messageId, data });
      const fromName = from.layer === 'module' ? `module ${from.name}` : from.layer;
      if (from.layer === 'platform' && to.layer !== 'platform') {
        return report('upward', { from: fromName, to: rel });
      }
      if (to.layer === 'entrypoint' && from.layer !== 'entrypoint') {
        return report('upward', { from: fromName, to: rel });
      }
      if (from.layer === 'module' && to.layer === 'composition') {
        return report('upward', { from: fromName, to: rel });
      }
      if (
        to.layer === 'module' &&
        !(from.layer === 'module' && from.name === to.name) &&
        !isModuleIndex(to)
      ) {
        return report('moduleInternals', { from: fromName, module: to.name, to: rel });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
