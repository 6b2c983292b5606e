/** Layering rules: the core knows no technology, services do not import each other, only composition roots wire adapters. */
/** The browser apps and the browser-only package they share. */
const BROWSER_APPS = 'staff-app|operator-console|participant-app';
const BROWSER_CODE = `^(shared/web/src|services/(${BROWSER_APPS})/src)/`;

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing but itself (and zod for its schemas).',
      severity: 'error',
      from: { path: '^shared/src/domain' },
      to: {
        pathNot: ['^shared/src/domain', 'node_modules/zod', '^node:', 'node:crypto'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'ports-know-no-adapter',
      severity: 'error',
      from: { path: '^shared/src/ports' },
      to: {
        path: ['^shared/src/adapters', '^shared/src/bus', '^shared/src/composition', '^shared/src/http'],
      },
    },
    {
      name: 'use-cases-know-no-adapter',
      comment: 'Use cases and handlers receive ports; they never import an adapter or a vendor SDK.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/(use-cases|handlers)' },
      to: {
        path: [
          '^shared/src/adapters',
          '^shared/src/composition',
          'node_modules/(better-sqlite3|sharp|@google-cloud|@aws-sdk|express)',
        ],
      },
    },
    {
      name: 'adapters-only-in-composition-roots',
      comment:
        "Only composition roots (a service's compose.ts and main.ts, the local runner, shared/src/composition) build adapters.",
      severity: 'error',
      from: {
        path: '^(services|shared)/',
        pathNot: [
          '/main\\.ts$',
          '^services/[^/]+/src/compose\\.ts$',
          '^services/local-runner/',
          '^shared/src/composition/',
          '^shared/src/adapters/',
          '\\.test\\.ts$',
          '/test/',
          '^shared/src/testing/',
        ],
      },
      to: { path: '^shared/src/adapters/' },
    },
    {
      name: 'services-are-independent',
      comment:
        'A service imports no other service; the local runner is the one composition root over all of them.',
      severity: 'error',
      from: { path: '^services/([^/]+)/', pathNot: '^services/local-runner/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'shared-imports-no-service',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^services/' },
    },
    {
      name: 'browser-code-imports-no-node',
      comment: 'The web apps and @photo/web run in a browser: no Node built-in (their tests may read files).',
      severity: 'error',
      from: { path: BROWSER_CODE, pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-code-imports-no-server-code',
      comment:
        'The web apps speak to the server through HTTP only: nothing from @photo/shared or the server services.',
      severity: 'error',
      from: { path: BROWSER_CODE },
      to: { path: ['^shared/src/', `^services/(?!(${BROWSER_APPS})/)`] },
    },
    {
      name: 'server-code-imports-no-browser-code',
      severity: 'error',
      from: { path: ['^shared/src/', `^services/(?!(${BROWSER_APPS})/)`] },
      to: { path: BROWSER_CODE },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.data'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
