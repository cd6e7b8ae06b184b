// Enforces the import rules of docs/architecture.md: which folder may import which, one-way data flow,
// no cycles, folders reached only through their index.ts, no npm packages in the core, and each
// third-party library confined to the one folder that needs it.
/** Allowed imports per folder of src/ (besides itself). */
const allowed = {
  common: [],
  types: ['common'],
  sql: ['common'],
  job: ['common', 'types'],
  project: ['common', 'types', 'job'],
  functions: ['common', 'types'],
  plan: ['common', 'types', 'sql', 'job', 'functions'],
  compile: ['common', 'types', 'plan', 'functions', 'runtime', 'spi'],
  runtime: ['common', 'types', 'spi'],
  spi: ['common', 'types'],
  formats: ['common', 'types'],
  secrets: ['common'],
  connectors: ['common', 'types', 'spi', 'formats', 'secrets'],
  observability: ['common', 'types', 'spi', 'runtime'],
  app: ['common', 'types', 'sql', 'job', 'project', 'functions', 'plan', 'compile', 'runtime', 'spi', 'formats', 'secrets', 'connectors', 'observability'],
  cli: ['app', 'project', 'common'],
};
const core = ['common', 'types', 'sql', 'plan', 'compile', 'runtime', 'spi', 'functions'];
/** Each library may be imported only below these folders. */
const libraryHomes = {
  '@confluentinc/kafka-javascript': ['connectors/kafka'],
  '@platformatic/kafka': ['connectors/kafka'],
  '@azure/': ['secrets'],
  commander: ['cli'],
  zod: ['job', 'project'],
  'csv-parse': ['formats'],
  protobufjs: ['formats'],
  hyparquet: ['formats'],
  pg: ['connectors/postgres'],
  'prom-client': ['observability'],
  pino: ['observability'],
};

const folderRules = Object.entries(allowed).map(([folder, may]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder} may import only: ${may.join(', ') || 'nothing'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: '^src/', pathNot: [`^src/(${[folder, ...may].join('|')})/`] },
}));

const libraryRules = Object.entries(libraryHomes).map(([lib, homes]) => ({
  name: `library-home-${lib.replace(/[^a-z]/g, '')}`,
  comment: `${lib} is used only in src/${homes.join(', src/')}`,
  severity: 'error',
  from: { path: '^src/', pathNot: homes.map((h) => `^src/${h}/`) },
  to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: `node_modules/${lib.replace('/', '/?')}` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no runtime import cycles; type-only cycles (recursive AST/plan node types) are harmless',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...folderRules,
    {
      name: 'no-npm-in-core',
      comment: 'the core folders use no npm packages',
      severity: 'error',
      from: { path: `^src/(${core.join('|')})/` },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    ...libraryRules,
    {
      name: 'connectors-know-not-each-other',
      severity: 'error',
      from: { path: '^src/connectors/([^/]+)/' },
      to: { path: '^src/connectors/', pathNot: ['^src/connectors/$1/'] },
    },
    {
      name: 'folder-index-only',
      comment: "across folders, import a folder's index.ts, not its insides",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^src/connectors/[^/]+/index\\.ts$'] },
    },
    {
      name: 'src-not-from-tests',
      comment: 'product code never imports test code',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.test\\.ts$|/fixtures/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
