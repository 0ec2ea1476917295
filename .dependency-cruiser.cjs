/**
 * The allowed directions between folders (ARCHITECTURE.md draws the same map).
 * `npm run depcheck` fails on any import against them, and on any import cycle.
 *
 * Features of an app are ordered: a feature may import the ones before it in its
 * list, never one after it. So no two feature folders can import each other, and a
 * newcomer reads a feature knowing everything it builds on is above it.
 */
const CENTRAL_FEATURES = [
  'units',
  'audit',
  'tokens',
  'milestones',
  'escalations',
  'sync',
  'rollup',
  'programs',
  'indicators',
  'reporting',
  'reorganisation',
  'dashboard',
  'demo',
];
const PROVINCE_FEATURES = ['local', 'sync', 'office'];

function layered(app, features) {
  const root = `^apps/${app}/src/`;
  return features.map((feature, i) => ({
    name: `${app}-${feature}-imports-later-feature`,
    comment: `${feature} may import only ${features.slice(0, i).join(', ') || 'platform and libs'} (the order in .dependency-cruiser.cjs)`,
    severity: 'error',
    from: { path: `${root}${feature}/` },
    to: {
      path: `${root}(${features.slice(i + 1).join('|') || '$^'})/`,
    },
  }));
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import each other, however indirectly.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-knows-no-feature',
      comment:
        "Plumbing (clock, config, change bus, caches, limits, metrics) serves features; it imports none, nor the app's root.",
      severity: 'error',
      from: { path: '^apps/central/src/platform/' },
      to: { path: '^apps/central/src/', pathNot: '^apps/central/src/platform/' },
    },
    {
      name: 'features-do-not-import-the-root',
      comment:
        'The root (app.module, bootstrap, main, demo.ts, cli/) assembles features; features never reach back into it.',
      severity: 'error',
      from: { path: '^apps/(central|province)/src/[^/]+/', pathNot: '^apps/[^/]+/src/cli/' },
      to: { path: '^apps/(central|province)/src/[^/]+\\.ts$' },
    },
    ...layered('central', CENTRAL_FEATURES),
    ...layered('province', PROVINCE_FEATURES),
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/central/' },
      to: { path: '^apps/province/' },
    },
    {
      name: 'apps-do-not-import-each-other-back',
      severity: 'error',
      from: { path: '^apps/province/' },
      to: { path: '^apps/central/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|bench|test)/' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'The domain library is plain TypeScript: no framework, no database, no other library of ours.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '^(libs/(?!domain/)|node_modules/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|dist-[^/]+|node_modules|bench/peer)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
