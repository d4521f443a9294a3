const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Node bundle of the api: workspace libs are bundled from source (path aliases resolved),
// node_modules stay external. ts-loader keeps emitDecoratorMetadata, which Nest's DI needs;
// type checking is the separate `typecheck` target.
module.exports = {
  output: { path: join(__dirname, '../../dist/backend/api'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      // The demo data travels with the bundle, so `migrate.js --seed` finds it in the Docker image too.
      assets: [{ input: '../../libs/demo-data/data', glob: '**/*.json', output: 'demo-data' }],
      optimization: false,
      outputHashing: 'none',
      skipTypeChecking: true,
      generatePackageJson: false,
      sourceMap: true,
      additionalEntryPoints: [
        { entryName: 'migrate', entryPath: './src/migrate.ts' },
        { entryName: 'openapi', entryPath: './src/openapi.ts' },
        { entryName: 'create-admin', entryPath: './src/create-admin.ts' },
      ],
    }),
  ],
};
