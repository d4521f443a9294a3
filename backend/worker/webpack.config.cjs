const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Node bundle of the worker: workspace libs are bundled from source (path aliases resolved),
// node_modules stay external. ts-loader keeps emitDecoratorMetadata, which Nest's DI needs;
// type checking is the separate `typecheck` target.
module.exports = {
  output: { path: join(__dirname, '../../dist/backend/worker'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      skipTypeChecking: true,
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
